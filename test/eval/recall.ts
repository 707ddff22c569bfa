// Recall of claim detection on a real post: does each flagged quote lie inside one
// detected claim or a run of adjacent claims, and what share of the post's
// sentences does detection select?

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { findNormalized } from '@vetted/core/internal'
import { collectProse, parseMarkdown, sentencesOf, type DetectOptions } from '@vetted/post'
import { sourceOffsetOf } from '@vetted/post/internal'

export interface Flag {
  key: string
  quote: string
}

export interface FlagCoverage extends Flag {
  covered: boolean
  /** The sentences the quote overlaps, with whether each was selected. */
  sentences: Array<{ text: string; selected: boolean; reasons: string[] }>
}

export interface DetectionEval {
  post: string
  flags: FlagCoverage[]
  recall: number
  sentences: number
  selected: number
  share: number
}

/** Read `<name>.flags.json` from the eval folder and evaluate detection on its post. */
export function evaluateFlags(flagsFile: string, options: DetectOptions = {}): DetectionEval {
  const { post, flags } = JSON.parse(readFileSync(flagsFile, 'utf8')) as { post: string; flags: Flag[] }
  const path = join(dirname(flagsFile), post)
  return evaluateDetection(path, readFileSync(path, 'utf8'), flags, options)
}

export function evaluateDetection(path: string, source: string, flags: Flag[], options: DetectOptions = {}): DetectionEval {
  const tree = parseMarkdown(source)
  const sentences = sentencesOf(tree, source, options)
  const blocks = collectProse(tree, source)
  const coverage = flags.map((flag): FlagCoverage => {
    const span = locate(blocks, flag.quote)
    if (!span) throw new Error(`${path}: flag ${flag.key} quote not found in the prose: ${flag.quote}`)
    const overlapping = sentences.filter((s) => s.start.offset < span.end && s.end.offset > span.start)
    const covered =
      overlapping.length > 0 &&
      overlapping.every((s) => s.selected) &&
      overlapping[0]!.start.offset <= span.start &&
      overlapping.at(-1)!.end.offset >= span.end
    return {
      key: flag.key,
      quote: flag.quote,
      covered,
      sentences: overlapping.map((s) => ({ text: s.text, selected: s.selected, reasons: s.reasons })),
    }
  })
  const selected = sentences.filter((s) => s.selected).length
  return {
    post: path,
    flags: coverage,
    recall: coverage.filter((c) => c.covered).length / coverage.length,
    sentences: sentences.length,
    selected,
    share: selected / sentences.length,
  }
}

function locate(blocks: ReturnType<typeof collectProse>, quote: string) {
  for (const block of blocks) {
    const found = findNormalized(block.text, quote)
    if (found) return { start: sourceOffsetOf(block, found.start, 'start'), end: sourceOffsetOf(block, found.end, 'end') }
  }
  return undefined
}
