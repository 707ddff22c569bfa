// Claim detection over mdast: split the prose of each block into sentences, map
// each back to exact source positions, and keep the ones whose signals say they
// assert something checkable.

import type { Root } from 'mdast'
import type { Claim } from '../schemas/claim.ts'
import { DetectOptionsSchema, type DetectOptions, type ResolvedDetectOptions } from '../schemas/detect.ts'
import { signalsOf } from './claim-signals.ts'
import { describeZodIssue, formatJsonPath } from './errors.ts'
import { fingerprint } from './fingerprint.ts'
import { LineIndex } from './lines.ts'
import { parseMarkdown } from './parse.ts'
import { collectProse, sourceOffsetOf, type ProseBlock } from './prose.ts'
import { splitSentences } from './sentences.ts'

/** One sentence of the post's prose, whether or not it is a claim. */
export interface Sentence extends Claim {
  /** Whether the signals select it as a claim. */
  selected: boolean
  score: number
}

/** Validate detection options; throws a TypeError naming the option. */
export function resolveDetectOptions(options: DetectOptions = {}): ResolvedDetectOptions {
  const parsed = DetectOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const { path, message } = describeZodIssue(parsed.error)
    throw new TypeError(`vetted: invalid detect option ${formatJsonPath(path) || '(options)'}: ${message}`)
  }
  return parsed.data
}

/** The check-worthy sentences of a Markdown document (frontmatter allowed). */
export function detectClaims(markdown: string, options: DetectOptions = {}): Claim[] {
  return detectClaimsInTree(parseMarkdown(markdown), markdown, options)
}

/** The same, over a tree already parsed from `source` (positions must match `source`). */
export function detectClaimsInTree(tree: Root, source: string, options: DetectOptions = {}): Claim[] {
  return detectClaimsInProse(collectProse(tree, source), source, options)
}

/** The same, over prose blocks already collected from `source` (the plugin collects them once). */
export function detectClaimsInProse(blocks: ProseBlock[], source: string, options: DetectOptions = {}): Claim[] {
  return sentencesOfProse(blocks, source, options, true)
    .filter((sentence) => sentence.selected)
    .map(({ selected: _selected, score: _score, ...claim }) => claim)
}

/** Every sentence of the prose, scored: for evaluation and for tuning thresholds. */
export function sentencesOf(tree: Root, source: string, options: DetectOptions = {}): Sentence[] {
  return sentencesOfProse(collectProse(tree, source), source, options, false)
}

/** The sentences of one prose block: plain-text ranges, whitespace-collapsed text and fingerprint. */
export function blockSentences(block: ProseBlock): Array<{ start: number; end: number; text: string; fingerprint: string }> {
  const masked = maskAtomic(block)
  return splitSentences(block.text, (index) => masked[index] === '\u0000').map((range) => {
    const text = block.text.slice(range.start, range.end).replace(/\s+/g, ' ')
    return { ...range, text, fingerprint: fingerprint(text) }
  })
}

function sentencesOfProse(blocks: ProseBlock[], source: string, options: DetectOptions, selectedOnly: boolean): Sentence[] {
  const resolved = resolveDetectOptions(options)
  const lines = new LineIndex(source)
  const sentences: Sentence[] = []
  for (const block of blocks) {
    const masked = maskAtomic(block)
    for (const range of splitSentences(block.text, (index) => masked[index] === '\u0000')) {
      const text = block.text.slice(range.start, range.end).replace(/\s+/g, ' ')
      const signals = signalsOf(masked.slice(range.start, range.end).replaceAll('\u0000', '_'), resolved.weights, resolved.hedgePenalty)
      const selected =
        !signals.excluded &&
        signals.score >= resolved.threshold &&
        (resolved.includeQuoted || !block.quoted) &&
        countWords(text) >= resolved.minWords
      if (selectedOnly && !selected) continue // positions and hashes only for what is returned
      sentences.push({
        text,
        start: lines.position(sourceOffsetOf(block, range.start, 'start')),
        end: lines.position(sourceOffsetOf(block, range.end, 'end')),
        fingerprint: fingerprint(text),
        reasons: signals.reasons,
        quoted: block.quoted,
        selected,
        score: signals.score,
      })
    }
  }
  return sentences
}

/** Words with at least one letter or digit. */
function countWords(text: string): number {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 32) {
      inWord = false
      continue
    }
    if (!inWord && WORDLIKE.test(text[i]!)) {
      count++
      inWord = true
    }
  }
  return count
}
const WORDLIKE = /[\p{L}\p{N}]/u

// Inline code and math stay in the text (sentences around them stay whole), but
// no boundary or keyword is found inside them: replace them with NULs.
function maskAtomic(block: ProseBlock): string {
  if (!block.segments.some((segment) => segment.atomic)) return block.text
  let masked = ''
  let at = 0
  for (const segment of block.segments) {
    if (!segment.atomic) continue
    masked += block.text.slice(at, segment.start) + '\u0000'.repeat(segment.end - segment.start)
    at = segment.end
  }
  return masked + block.text.slice(at)
}
