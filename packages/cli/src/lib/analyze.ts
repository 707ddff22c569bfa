// One post against its ledger, offline: its claims, what is unchecked, its
// corrections with their places (@vetted/post's analyze; the CLI renders
// nothing). A broken ledger throws VettedInputError: input error.

import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyLedger, ledgerPathFor, readLedger, type Ledger } from '@vetted/core'
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
  /** The ledger as it was read for this analysis (empty when the post has none). */
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

export function analyzePost(path: string, options: AnalyzeOptions): Analysis {
  const source = readPost(path)
  const post = basename(path)
  const date = postDate(parseFrontmatter(source, path), options.dateKeys, path)
  const ledger = readLedger(ledgerPathFor(path), post) ?? emptyLedger(post)
  checkLedgerMarkdownLimits(ledger, ledgerPathFor(path), () => readFileSync(ledgerPathFor(path), 'utf8'))
  const data = analyze(parseMarkdown(source, path), source, ledger, {
    checker: options.checker,
    ...(date.date ? { date: date.date } : {}),
    ...(options.detect ? { detect: options.detect } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.screener ? { screener: options.screener } : {}),
  })
  return { path, ledger, date, data }
}
