// The life of a correction (docs/design.md, "The life of a correction"). The
// stored `status` is the editorial decision only; whether the correction's
// sentence is in the post is read from the post. `vetted check` writes down when
// it saw the sentence leave (`fixed`) and come back (`back`), so the history
// dates both and the correction log can say when a published error was fixed.

import { basename } from 'node:path'
import type { Correction, CorrectionStatus, HistoryEvent } from '../schemas/correction.ts'
import { CorrectionStatusSchema } from '../schemas/correction.ts'
import type { Ledger } from '../schemas/ledger.ts'
import { correctionId } from './fingerprint.ts'
import { ledgerPathFor, readLedger, updateLedger, updateLedgerFrom } from './ledger.ts'

const STATUSES = new Set<string>(CorrectionStatusSchema.options)

/** The last `fixed` or `back` event: how `vetted check` last saw the sentence. */
function lastPresenceEvent(correction: Correction): HistoryEvent | undefined {
  return correction.history.findLast((event) => event.status === 'fixed' || event.status === 'back')
}

/** The date `vetted check` recorded the sentence leaving the post, while that is the latest word on it. */
export function recordedFixDate(correction: Correction): string | undefined {
  const last = lastPresenceEvent(correction)
  return last?.status === 'fixed' ? last.date : undefined
}

/** The editorial status the correction had when its sentence last left the post (its status now when none was recorded). */
export function statusWhenFixed(correction: Correction): CorrectionStatus {
  const at = correction.history.findLastIndex((event) => event.status === 'fixed')
  const before = correction.history.slice(0, at < 0 ? correction.history.length : at)
  const status = before.findLast((event) => STATUSES.has(event.status))?.status
  return (status as CorrectionStatus | undefined) ?? correction.status
}

/**
 * Write down what a run saw: the sentences of `fixed` left the post, those of
 * `back` came back. Ids the ledger no longer has, and events already the latest
 * word, are skipped, so applying it twice changes nothing.
 */
export function recordPresence(ledger: Ledger, seen: { fixed: Iterable<string>; back: Iterable<string> }, today: string): Ledger {
  const record = (ids: Iterable<string>, status: 'fixed' | 'back') => {
    for (const id of ids) {
      const correction = ledger.corrections[id]
      if (!correction) continue
      const last = lastPresenceEvent(correction)
      if (last?.status === status || (status === 'back' && last === undefined)) continue
      correction.history.push({ date: today, status })
    }
  }
  record(seen.fixed, 'fixed')
  record(seen.back, 'back')
  return ledger
}

/**
 * Give ids that two posts share their project-wide ids. Version 1 hashed the
 * post's file name, so `a/index.md` and `b/index.md` quoting the same words in
 * the same sentence got one id, and `vetted resolve` could settle only one. Each
 * post's copy becomes `correctionId(post.id, claim, quote)`, with a `rekeyed`
 * event whose note names the old id. Ids no other post has are kept: ids are
 * stable. Returns what changed, for the run's log. A post may come with the
 * `ledger` the run read (under the lock it holds: updateLedgerFrom); a ledger
 * changed here is then changed and written from it, without a second read.
 */
export async function rekeyClashes(
  posts: Array<{ path: string; id: string; ledger?: Ledger }>,
  today: string,
): Promise<Array<{ path: string; from: string; to: string }>> {
  const ledgers = posts.map((post) => ({
    post,
    ids: Object.keys((post.ledger ?? readLedger(ledgerPathFor(post.path), basename(post.path)))?.corrections ?? {}),
  }))
  const owners = new Map<string, number>()
  for (const { ids } of ledgers) for (const id of ids) owners.set(id, (owners.get(id) ?? 0) + 1)
  const changed: Array<{ path: string; from: string; to: string }> = []
  for (const { post, ids } of ledgers) {
    const clashing = ids.filter((id) => owners.get(id)! > 1)
    if (clashing.length === 0) continue
    const rekey = (ledger: Ledger) => {
      for (const from of clashing) {
        const correction = ledger.corrections[from]
        if (!correction) continue
        const to = correctionId(post.id, correction.claim, correction.quote)
        if (to === from || ledger.corrections[to]) continue
        delete ledger.corrections[from]
        ledger.corrections[to] = {
          ...correction,
          id: to,
          history: [...correction.history, { date: today, status: 'rekeyed', note: `was ${from}` }],
        }
        changed.push({ path: post.path, from, to })
      }
    }
    const file = ledgerPathFor(post.path)
    if (post.ledger) post.ledger = await updateLedgerFrom(file, basename(post.path), post.ledger, rekey)
    else await updateLedger(file, basename(post.path), rekey)
  }
  return changed
}
