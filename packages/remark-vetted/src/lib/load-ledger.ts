import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyLedger, ledgerPathFor, readLedger, type Ledger } from '@vetted/core'
import { checkLedgerMarkdownLimits } from '@vetted/post/internal'
import type { VFile } from 'vfile'

export interface LoadedLedger {
  ledger: Ledger
  /** Where it was read from; absent for an option or no ledger. */
  path?: string
}

/**
 * The ledger of this file: the option, else the file beside `file.path`, else an
 * empty one (a draft nobody checked yet). A broken ledger, or one whose
 * reasoning is Markdown past the limits of a post, throws VettedInputError.
 */
export function loadLedger(file: VFile, option: Ledger | undefined, post: string): LoadedLedger {
  if (option) {
    checkLedgerMarkdownLimits(option, 'the ledger option')
    return { ledger: option }
  }
  if (!file.path) return { ledger: emptyLedger(post) }
  const path = ledgerPathFor(file.path)
  const ledger = readLedger(path, basename(file.path))
  if (ledger) checkLedgerMarkdownLimits(ledger, path, () => readFileSync(path, 'utf8'))
  return ledger ? { ledger, path } : { ledger: emptyLedger(post) }
}
