// `vetted resolve ID --annotate | --dismiss --note "…" | --reopen`: find the
// correction in the project's ledgers and record the author's decision.

import { basename } from 'node:path'
import { CorrectionIdSchema, ledgerPathFor, readLedger, updateLedger, type CorrectionStatus } from '@vetted/core'
import { UsageError } from './errors.ts'

export interface ResolveResult {
  ledgerPath: string
  from: CorrectionStatus
  to: CorrectionStatus
}

export async function resolveCorrection(posts: string[], id: string, to: 'annotate' | 'dismiss' | 'open', note: string | undefined): Promise<ResolveResult> {
  if (!CorrectionIdSchema.safeParse(id).success) throw new UsageError(`"${id}" is not a correction id (they look like c-0123456789; every report lists them)`)
  if (to === 'dismiss' && !note?.trim()) throw new UsageError('a dismissal needs a note saying why: --dismiss --note "…"')
  const matches = posts.filter((post) => readLedger(ledgerPathFor(post), basename(post))?.corrections[id])
  if (matches.length === 0) throw new UsageError(`no correction ${id} in the ledgers of ${posts.length} ${posts.length === 1 ? 'post' : 'posts'}`)
  const post = matches[0]!
  const ledgerPath = ledgerPathFor(post)
  let from: CorrectionStatus = 'open'
  const today = new Date().toISOString().slice(0, 10)
  await updateLedger(ledgerPath, basename(post), (ledger) => {
    const correction = ledger.corrections[id]!
    from = correction.status
    if (from === 'fixed' || from === 'rejected') throw new UsageError(`${id} is ${from}; only open, published or dismissed corrections can be resolved`)
    correction.status = to
    if (to === 'dismiss') correction.note = note!.trim()
    correction.history.push({ date: today, status: to, ...(note?.trim() ? { note: note.trim() } : {}) })
  })
  return { ledgerPath, from, to }
}
