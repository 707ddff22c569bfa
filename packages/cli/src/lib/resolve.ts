// `vetted resolve ID --annotate | --dismiss --note "…" | --reopen`: find the
// correction in the project's ledgers and record the author's decision.

import { basename } from 'node:path'
import { CorrectionIdSchema, ledgerPathFor, readLedger, type CorrectionStatus } from '@vetted/core'
import { holdLock, updateLedgerFrom } from '@vetted/core/internal'
import { UsageError } from './errors.ts'

export interface ResolveResult {
  ledgerPath: string
  from: CorrectionStatus
  to: CorrectionStatus
  /** False when the correction already stood so: nothing was written. */
  changed: boolean
}

/** How long a resolve waits for another vetted (a check, another resolve) to let go of the ledger. */
const LOCK_WAIT_MS = 30_000

export async function resolveCorrection(
  posts: string[],
  id: string,
  to: 'annotate' | 'dismiss' | 'open',
  note: string | undefined,
): Promise<ResolveResult> {
  if (!CorrectionIdSchema.safeParse(id).success)
    throw new UsageError(`"${id}" is not a correction id (they look like c-0123456789; every report lists them)`)
  const trimmed = note?.trim() || undefined
  if (to === 'dismiss' && !trimmed) throw new UsageError('a dismissal needs a note saying why: --dismiss --note "…"')
  // Every ledger is read (and validated) before one is written.
  const found = posts.filter((post) => readLedger(ledgerPathFor(post), basename(post))?.corrections[id] !== undefined)
  if (found.length === 0)
    throw new UsageError(`no correction ${id} in the ledgers of ${posts.length} ${posts.length === 1 ? 'post' : 'posts'}`)
  if (found.length > 1) {
    throw new UsageError(`${id} is in the ledgers of two posts, ${found[0]} and ${found[1]}: run vetted check to give each its own id`)
  }
  const post = found[0]!
  const ledgerPath = ledgerPathFor(post)
  // Decided under the ledger's lock, on the ledger as it is now: another resolve
  // of the same correction that ran first makes this one "already done".
  const lock = await holdLock(ledgerPath, { timeoutMs: LOCK_WAIT_MS })
  try {
    const ledger = readLedger(ledgerPath, basename(post))
    const current = ledger?.corrections[id]
    if (!ledger || !current) throw new UsageError(`${id} left ${basename(ledgerPath)} while resolving it`)
    if (current.status === 'rejected') {
      throw new UsageError(`${id} is ${current.status}; only open, published or dismissed corrections can be resolved`)
    }
    if (current.status === to && (trimmed === undefined || trimmed === current.note)) {
      return { ledgerPath, from: current.status, to, changed: false }
    }
    const today = new Date().toISOString().slice(0, 10)
    const from = current.status
    // The lock is held: the ledger just read is the one on disk, changed and written without a second read.
    await updateLedgerFrom(ledgerPath, basename(post), ledger, (ledger) => {
      const correction = ledger.corrections[id]!
      correction.status = to
      if (to === 'dismiss') correction.note = trimmed
      else if (trimmed) correction.note = trimmed
      else delete correction.note
      correction.history.push({ date: today, status: to, ...(trimmed ? { note: trimmed } : {}) })
    })
    return { ledgerPath, from, to, changed: true }
  } finally {
    lock.release()
  }
}
