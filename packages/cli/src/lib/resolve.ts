// `vetted resolve ID --annotate | --dismiss --note "…" | --reopen`: find the
// correction in the project's ledgers and record the author's decision.

import { basename } from 'node:path'
import { CorrectionIdSchema, ledgerPathFor, readLedger, updateLedger, type CorrectionStatus } from '@vetted/core'
import { UsageError } from './errors.ts'

export interface ResolveResult {
  ledgerPath: string
  from: CorrectionStatus
  to: CorrectionStatus
  /** False when the correction already stood so: nothing was written. */
  changed: boolean
}

export async function resolveCorrection(posts: string[], id: string, to: 'annotate' | 'dismiss' | 'open', note: string | undefined): Promise<ResolveResult> {
  if (!CorrectionIdSchema.safeParse(id).success) throw new UsageError(`"${id}" is not a correction id (they look like c-0123456789; every report lists them)`)
  const trimmed = note?.trim() || undefined
  if (to === 'dismiss' && !trimmed) throw new UsageError('a dismissal needs a note saying why: --dismiss --note "…"')
  // Every ledger is read (and validated) before one is written.
  const found = posts.flatMap((post) => {
    const correction = readLedger(ledgerPathFor(post), basename(post))?.corrections[id]
    return correction ? [{ post, correction }] : []
  })
  if (found.length === 0) throw new UsageError(`no correction ${id} in the ledgers of ${posts.length} ${posts.length === 1 ? 'post' : 'posts'}`)
  if (found.length > 1) {
    throw new UsageError(`${id} is in the ledgers of two posts, ${found[0]!.post} and ${found[1]!.post}: run vetted check to give each its own id`)
  }
  const { post, correction: current } = found[0]!
  const ledgerPath = ledgerPathFor(post)
  if (current.status === 'rejected') {
    throw new UsageError(`${id} is ${current.status}; only open, published or dismissed corrections can be resolved`)
  }
  if (current.status === to && (trimmed === undefined || trimmed === current.note)) {
    return { ledgerPath, from: current.status, to, changed: false }
  }
  let from: CorrectionStatus = current.status
  const today = new Date().toISOString().slice(0, 10)
  await updateLedger(ledgerPath, basename(post), (ledger) => {
    const correction = ledger.corrections[id]
    if (!correction) throw new UsageError(`${id} left ${basename(ledgerPath)} while resolving it`)
    from = correction.status
    if (from === 'rejected') throw new UsageError(`${id} is ${from}; only open, published or dismissed corrections can be resolved`)
    correction.status = to
    if (to === 'dismiss') correction.note = trimmed
    else if (trimmed) correction.note = trimmed
    else delete correction.note
    correction.history.push({ date: today, status: to, ...(trimmed ? { note: trimmed } : {}) })
  })
  return { ledgerPath, from, to, changed: true }
}
