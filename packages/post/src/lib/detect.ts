// Claim detection over mdast: split the prose of each block into sentences, map
// each back to exact source positions, and keep the ones whose signals say they
// assert something checkable.

import { InvalidOptionError, fingerprint, type Claim, type ClaimReason, type Position } from '@vetted/core'
import { LineIndex, describeZodIssue } from '@vetted/core/internal'
import type { Root } from 'mdast'
import { asciiAlphanumeric } from 'micromark-util-character'
import { DetectOptionsSchema, type DetectOptions, type ResolvedDetectOptions } from '../schemas/detect.ts'
import { signalsOf, type Exclusion, type Marker, type Signals } from './claim-signals.ts'
import { parseMarkdown } from './parse.ts'
import { collectProse, sourceOffsetOf, type ProseBlock } from './prose.ts'
import { splitSentences, type SentenceRange } from './sentences.ts'

/** One sentence of the post's prose, whether or not it is a claim. */
export interface Sentence extends Claim {
  /** Whether the signals select it as a claim. */
  selected: boolean
  score: number
  /** Signs that it is about the author, the reader or the post, each subtracting its penalty. */
  markers: Marker[]
  /** A question, an instruction or a greeting: never a claim, whatever its score. */
  excluded?: Exclusion
  /** Fewer words than `minWords`. */
  short: boolean
}

/** Validate detection options; throws a TypeError naming the option. */
export function resolveDetectOptions(options?: DetectOptions): ResolvedDetectOptions {
  if (options === undefined) return DEFAULTS // most callers: no need to validate them again for every post
  const parsed = DetectOptionsSchema.safeParse(options)
  if (!parsed.success) throw new InvalidOptionError(describeZodIssue(parsed.error, 'vetted: invalid detect option').line)
  return parsed.data
}
const DEFAULTS = DetectOptionsSchema.parse({})

/**
 * The check-worthy sentences of a Markdown document (frontmatter allowed). `file`
 * names it in errors and says its format (`.mdx` is read as MDX); Markdown by default.
 */
export function detectClaims(markdown: string, options?: DetectOptions, file?: string): Claim[] {
  return sentencesOf(parseMarkdown(markdown, file), markdown, options)
    .filter((sentence) => sentence.selected)
    .map((sentence) => claimOf(sentence))
}

/** Every sentence of the prose, scored: for evaluation and for tuning thresholds. */
export function sentencesOf(tree: Root, source: string, options?: DetectOptions): Sentence[] {
  return proseSentences(collectProse(tree, source), new LineIndex(source), options)
}

/** A sentence as a claim: its text, place and fingerprint, with `reasons` (its own by default). */
export function claimOf(sentence: Sentence, reasons: ClaimReason[] = sentence.reasons): Claim {
  const { text, start, end, fingerprint, quoted } = sentence
  return { text, start, end, fingerprint, reasons, quoted }
}

/**
 * Every sentence of the prose blocks, in the post's order, each split once and
 * scored: detection keeps the selected ones, coverage `all` reads the others,
 * and analyze finds a correction's sentence among them by fingerprint. `lines`
 * is the source's, which the blocks were collected from.
 */
export function proseSentences(blocks: ProseBlock[], lines: LineIndex, options?: DetectOptions): Sentence[] {
  const resolved = resolveDetectOptions(options)
  const sentences: Sentence[] = []
  for (const block of blocks) {
    const masked = maskAtomic(block)
    const hasAtomic = masked !== block.text
    const quotedOut = block.quoted && !resolved.includeQuoted
    for (const range of splitSentences(block.text, hasAtomic ? (index) => masked.charCodeAt(index) === 0 : undefined)) {
      const text = collapse(block.text.slice(range.start, range.end))
      // Scored as one line, as the text is: rewrapping a paragraph changes no reason ("according\nto").
      // Composed (NFC), as fingerprints are: keywords and names read alike in a post saved in NFD.
      const scored = (hasAtomic ? collapse(masked.slice(range.start, range.end)).replaceAll('\u0000', '_') : text).normalize('NFC')
      const signals = signalsOf(scored, resolved.weights, resolved.penalties)
      const long = hasWords(text, resolved.minWords)
      const selected = !signals.excluded && signals.score >= resolved.threshold && !quotedOut && long
      sentences.push(new ProseSentence(text, { block, range, lines }, signals, selected, !long))
    }
  }
  return sentences
}

/** Where a sentence stands: its range in its block's plain text, and the source's lines. */
interface SentencePlace {
  block: ProseBlock
  range: SentenceRange
  lines: LineIndex
}

/**
 * A sentence as proseSentences finds it. Its place in the source and its
 * fingerprint are worked out when first read, once: most sentences are scored
 * and never read again (a claim's, or under coverage `all` every one, is).
 */
class ProseSentence implements Sentence {
  readonly text: string
  readonly quoted: boolean
  readonly selected: boolean
  readonly reasons: ClaimReason[]
  readonly score: number
  readonly markers: Marker[]
  readonly excluded: Exclusion | undefined
  readonly short: boolean
  readonly #place: SentencePlace
  #start: Position | undefined
  #end: Position | undefined
  #fingerprint: string | undefined

  constructor(text: string, place: SentencePlace, signals: Signals, selected: boolean, short: boolean) {
    this.text = text
    this.quoted = place.block.quoted
    this.selected = selected
    this.reasons = signals.reasons
    this.score = signals.score
    this.markers = signals.markers
    this.excluded = signals.excluded
    this.short = short
    this.#place = place
  }

  get start(): Position {
    const { block, range, lines } = this.#place
    return (this.#start ??= lines.position(sourceOffsetOf(block, range.start, 'start')))
  }

  get end(): Position {
    const { block, range, lines } = this.#place
    return (this.#end ??= lines.position(sourceOffsetOf(block, range.end, 'end')))
  }

  get fingerprint(): string {
    return (this.#fingerprint ??= fingerprint(this.text))
  }
}

/** Runs of whitespace as one space (a sentence's text), in one scan that replaces only what needs it. */
const collapse = (text: string) => text.replace(COLLAPSIBLE, ' ')
// What /\s+/g would change: a run of two or more, or one whitespace that is not a space (a lone space stays as it is).
const COLLAPSIBLE = /\s{2,}|[^\S ]/g

/** At least `min` words with a letter or digit (`text` has single spaces between words): counts no further. */
function hasWords(text: string, min: number): boolean {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 32) {
      inWord = false
      continue
    }
    if (inWord) continue
    if (asciiAlphanumeric(code) || (code >= 0x80 && WORDLIKE.test(text[i]!))) {
      if (++count >= min) return true
      inWord = true
    }
  }
  return false
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
