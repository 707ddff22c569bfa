// How one finished batch changes the ledger. Pure: applied to the ledger as the
// run last wrote it (the run holds its lock), or else inside updateLedger to
// whatever is on disk at that moment, so that concurrent runs and concurrent
// batches merge instead of overwriting each other (ledger-writer.ts).

import { correctionId, normalizeText, type Correction, type Ledger, type Verdict } from '@vetted/core'
import type { CheckedProposal } from './code-checks.ts'
import type { PendingClaim } from './investigate.ts'

/** The screen's answer for one sentence, or why there is none. */
export type ScreenedOutcome =
  | { kind: 'screened'; sentence: PendingClaim; checkWorthy: boolean; reason: string }
  | { kind: 'error'; sentence: PendingClaim; message: string }

export type ClaimOutcome =
  | {
      kind: 'verdict'
      claim: PendingClaim
      verdict: Verdict
      /** The proposed correction and the validator's decision on it. */
      correction?: { proposal: CheckedProposal; approved: boolean; reason: string }
    }
  | { kind: 'error'; claim: PendingClaim; message: string }
  /** Not sent (budget spent, run aborted): nothing is written. */
  | { kind: 'deferred'; claim: PendingClaim }

export interface Stamp {
  /** The post's path relative to the project root (`/`-separated): correction ids hash it. */
  post: string
  /** `model@promptVersion`. */
  checker: string
  model: string
  promptVersion: string
  /** YYYY-MM-DD, the day of the run. */
  today: string
}

// The author's resolutions: a recheck never overrides them.
const AUTHOR_SETTLED = new Set(['annotate', 'dismiss'])

export function applyOutcomes(ledger: Ledger, outcomes: ClaimOutcome[], stamp: Stamp): Ledger {
  for (const outcome of outcomes) {
    const { fingerprint, text } = outcome.claim
    if (outcome.kind === 'deferred') continue
    if (outcome.kind === 'error') {
      // Keep an earlier verdict (from another checker, or before a recheck): an error is no reason to forget it.
      ledger.claims[fingerprint] = { ...ledger.claims[fingerprint], text, error: outcome.message }
      continue
    }
    // A screened sentence keeps the screen's answer: why it was judged at all.
    const screen = ledger.claims[fingerprint]?.screen
    ledger.claims[fingerprint] = {
      text,
      verdict: outcome.verdict,
      checker: stamp.checker,
      checkedAt: stamp.today,
      ...(screen ? { screen } : {}),
    }
    const kept = new Set<string>()
    if (outcome.correction) kept.add(putCorrection(ledger, fingerprint, outcome.correction, stamp))
    // Open corrections of this claim that the new judgement did not propose again are withdrawn, for the record.
    for (const correction of Object.values(ledger.corrections)) {
      if (correction.claim !== fingerprint || kept.has(correction.id) || correction.status !== 'open') continue
      ledger.corrections[correction.id] = {
        ...correction,
        status: 'rejected',
        validation: { approved: false, reason: `Not proposed again when ${stamp.checker} rechecked the claim on ${stamp.today}.` },
        history: [...correction.history, { date: stamp.today, status: 'rejected' }],
      }
    }
  }
  return ledger
}

/** Record the screen's answers (`screener`: `screenModel@promptVersion`); an earlier verdict is kept. */
export function applyScreens(ledger: Ledger, outcomes: ScreenedOutcome[], screener: string, today: string): Ledger {
  for (const outcome of outcomes) {
    const { fingerprint, text } = outcome.sentence
    const before = ledger.claims[fingerprint]
    if (outcome.kind === 'error') {
      ledger.claims[fingerprint] = { ...before, text, error: outcome.message }
      continue
    }
    const { error: _error, ...kept } = before ?? { text }
    ledger.claims[fingerprint] = {
      ...kept,
      text,
      screen: { checkWorthy: outcome.checkWorthy, reason: outcome.reason, checker: screener, checkedAt: today },
    }
  }
  return ledger
}

/** Keep proposals whose validation this run could not send (`checker`: `model@promptVersion`), for the next run. */
export function applyParked(ledger: Ledger, parked: Array<{ claim: PendingClaim; proposal: CheckedProposal }>, checker: string): Ledger {
  for (const { claim, proposal } of parked) {
    ledger.claims[claim.fingerprint] = {
      ...ledger.claims[claim.fingerprint],
      text: claim.text,
      awaitingValidation: { checker, ...proposal },
    }
  }
  return ledger
}

function putCorrection(
  ledger: Ledger,
  fingerprint: string,
  { proposal, approved, reason }: { proposal: CheckedProposal; approved: boolean; reason: string },
  stamp: Stamp,
): string {
  // The same correction found again keeps the id it has (one made before ids hashed the project path too).
  const quote = normalizeText(proposal.quote)
  const existing = Object.values(ledger.corrections).find((c) => c.claim === fingerprint && normalizeText(c.quote) === quote)
  const id = existing?.id ?? correctionId(stamp.post, fingerprint, proposal.quote)
  if (existing && AUTHOR_SETTLED.has(existing.status)) return id
  const status = approved ? 'open' : 'rejected'
  const history = existing?.history ?? []
  const correction: Correction = {
    id,
    claim: fingerprint,
    quote: proposal.quote,
    summary: proposal.summary,
    reasoning: proposal.reasoning,
    sources: proposal.sources,
    checker: { model: stamp.model, prompt: stamp.promptVersion, date: stamp.today },
    status,
    validation: { approved, reason },
    history: existing?.status === status ? history : [...history, { date: stamp.today, status }],
  }
  ledger.corrections[id] = correction
  return id
}
