// One post through remark-vetted, offline: its claims, what is unchecked, its
// corrections with their places. A broken ledger is input error.

import { parseMarkdown, readPost, type DetectOptions } from '@vetted/core'
import remarkVetted, { type VettedData } from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { InputError } from './errors.ts'

export interface Analysis {
  path: string
  data: VettedData
}

export interface AnalyzeOptions {
  /** The current checker key; claims without a verdict under it are unchecked. */
  checker: string
  detect?: DetectOptions
}

export function analyzePost(path: string, options: AnalyzeOptions): Analysis {
  const source = readPost(path)
  const file = new VFile({ value: source, path })
  // The CLI reports; it renders nothing (no markers, no cards).
  const processor = unified().use(remarkVetted, { checker: options.checker, render: [], ...(options.detect ? { detect: options.detect } : {}) })
  processor.runSync(parseMarkdown(source), file)
  const fatal = file.messages.find((message) => message.fatal === true)
  if (fatal) throw new InputError(fatal.reason)
  return { path, data: file.data.vetted! }
}
