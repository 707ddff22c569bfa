// One post against its ledger, offline: its claims, what is unchecked, its
// corrections with their places (@vetted/post's analyze; the CLI renders
// nothing). A broken ledger throws VettedInputError: input error. The post and
// its ledger are read once and the post parsed once; `vetted check` analyses
// again from that reading, with the ledger as it wrote it.

import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyLedger, ledgerPathFor, readLedger, serializeLedger, type Ledger } from '@vetted/core'
import {
  analyze,
  parseFrontmatter,
  parseMarkdown,
  postDate,
  readPost,
  type DetectOptions,
  type PostAnalysis,
  type PostDate,
} from '@vetted/post'
import { checkLedgerMarkdownLimits } from '@vetted/post/internal'

export interface Analysis {
  path: string
  /** The post as read, and its parse: what a check works from (no second read or parse). */
  source: string
  tree: ReturnType<typeof parseMarkdown>
  /** The ledger this analysis is of: as read (empty when the post has none), or as the run last wrote it. */
  ledger: Ledger
  /** The post's publication date from its frontmatter, or why it has none (reports show it as a note). */
  date: PostDate
  data: PostAnalysis
}

export interface AnalyzeOptions {
  /** The current checker key; claims without a verdict under it are unchecked. */
  checker: string
  detect?: DetectOptions
  /** The config's `coverage`, and the current screener key (`screenModel@prompt`) whose screen results count. */
  coverage?: 'all' | 'claims'
  screener?: string
  /** The frontmatter keys the post's date is read from (the config's `dateKeys`). */
  dateKeys?: readonly string[]
}

/** Read the post and its ledger, parse the post once, and analyse it. */
export function analyzePost(path: string, options: AnalyzeOptions): Analysis {
  const source = readPost(path)
  const date = postDate(parseFrontmatter(source, path), options.dateKeys, path)
  const post = basename(path)
  const ledgerPath = ledgerPathFor(path)
  const ledger = readLedger(ledgerPath, post) ?? emptyLedger(post)
  checkLedgerMarkdownLimits(ledger, ledgerPath, () => readFileSync(ledgerPath, 'utf8'))
  return analysisOf({ path, source, tree: parseMarkdown(source, path), ledger, date }, options)
}

/** The analysis again with the ledger as the run changed it: from memory, no read and no parse. */
export function reanalyze(analysis: Analysis, ledger: Ledger, options: AnalyzeOptions): Analysis {
  // What the checker wrote holds model text: within the same Markdown limits as a ledger read.
  checkLedgerMarkdownLimits(ledger, ledgerPathFor(analysis.path), () => serializeLedger(ledger))
  return analysisOf({ ...analysis, ledger }, options)
}

function analysisOf(reading: Omit<Analysis, 'data'>, options: AnalyzeOptions): Analysis {
  const { tree, source, ledger, date } = reading
  const data = analyze(tree, source, ledger, {
    checker: options.checker,
    ...(date.date ? { date: date.date } : {}),
    ...(options.detect ? { detect: options.detect } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.screener ? { screener: options.screener } : {}),
  })
  return { ...reading, data }
}
