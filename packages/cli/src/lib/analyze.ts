// One post against its ledger, offline: its claims, what is unchecked, its
// corrections with their places (@vetted/post's analyze; the CLI renders
// nothing). A broken ledger throws VettedInputError: input error.

import { basename } from 'node:path'
import { emptyLedger, ledgerPathFor, readLedger, type Ledger } from '@vetted/core'
import { analyze, parseMarkdown, readPost, type DetectOptions, type PostAnalysis } from '@vetted/post'

export interface Analysis {
  path: string
  /** The ledger as it was read for this analysis (empty when the post has none). */
  ledger: Ledger
  data: PostAnalysis
}

export interface AnalyzeOptions {
  /** The current checker key; claims without a verdict under it are unchecked. */
  checker: string
  detect?: DetectOptions
  /** The config's `coverage`, and the current screener key (`screenModel@prompt`) whose screen results count. */
  coverage?: 'all' | 'claims'
  screener?: string
}

export function analyzePost(path: string, options: AnalyzeOptions): Analysis {
  const source = readPost(path)
  const post = basename(path)
  const ledger = readLedger(ledgerPathFor(path), post) ?? emptyLedger(post)
  const data = analyze(parseMarkdown(source, path), source, ledger, {
    checker: options.checker,
    ...(options.detect ? { detect: options.detect } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.screener ? { screener: options.screener } : {}),
  })
  return { path, ledger, data }
}
