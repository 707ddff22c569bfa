// Judging one batch of claims: `samples` investigations, their consensus, and a
// validation for each correction proposed. A claim an earlier run investigated,
// whose validation the budget held back (`awaitingValidation` in the ledger), is
// only validated. A validation this run cannot send is parked: kept in the
// ledger for the next run (parkedChange).

import type { Ledger } from '@vetted/core'
import type { CallContext } from './call.ts'
import type { CheckedProposal } from './code-checks.ts'
import type { ResolvedConfig } from './config.ts'
import { combineSamples } from './consensus.ts'
import { NotSent } from './gate.ts'
import { investigate, type PendingClaim, type PostContext, type SampleOutcome } from './investigate.ts'
import type { ClaimOutcome } from './ledger-merge.ts'
import { validate } from './validate.ts'

/** The proposals an earlier run of this checker investigated and could not validate, by fingerprint. */
export function awaitingValidation(ledger: Ledger, checker: string): Map<string, CheckedProposal> {
  const waiting = new Map<string, CheckedProposal>()
  for (const [fingerprint, record] of Object.entries(ledger.claims)) {
    const held = record.awaitingValidation
    if (held?.checker === checker)
      waiting.set(fingerprint, { quote: held.quote, summary: held.summary, reasoning: held.reasoning, sources: held.sources })
  }
  return waiting
}

export interface JudgeHooks {
  /** A correction was proposed and goes to validation. */
  proposed: () => void
  /** A batch's first investigation went out: its claims count as sent. */
  sent: (claims: number) => void
}

export class Judge {
  /** Proposals whose validation this run could not send, by fingerprint. */
  readonly parked = new Map<string, CheckedProposal>()

  readonly #context: CallContext
  readonly #post: PostContext
  readonly #config: Pick<ResolvedConfig, 'samples' | 'minAgreement'>
  /** Claims to validate only (awaitingValidation). */
  readonly #waiting: ReadonlyMap<string, CheckedProposal>
  readonly #hooks: JudgeHooks

  constructor(
    context: CallContext,
    post: PostContext,
    config: Pick<ResolvedConfig, 'samples' | 'minAgreement'>,
    waiting: ReadonlyMap<string, CheckedProposal>,
    hooks: JudgeHooks,
  ) {
    this.#context = context
    this.#post = post
    this.#config = config
    this.#waiting = waiting
    this.#hooks = hooks
  }

  /** The outcome of every claim of the batch; `deferred` for those not sent. */
  async batch(all: PendingClaim[]): Promise<ClaimOutcome[]> {
    const revalidated = all
      .filter((claim) => this.#waiting.has(claim.fingerprint))
      .map((claim) => this.#validate(claim, this.#waiting.get(claim.fingerprint)!))
    const batch = all.filter((claim) => !this.#waiting.has(claim.fingerprint))
    if (batch.length === 0) return Promise.all(revalidated)
    let counted = false
    const onSent = () => {
      if (counted) return
      counted = true
      this.#hooks.sent(batch.length)
    }
    const context: CallContext = { ...this.#context, onSent }
    let samples: Array<Map<string, SampleOutcome>>
    try {
      samples = await Promise.all(Array.from({ length: this.#config.samples }, () => investigate(context, this.#post, batch)))
    } catch (error) {
      if (error instanceof NotSent)
        return [...(await Promise.all(revalidated)), ...batch.map((claim): ClaimOutcome => ({ kind: 'deferred', claim }))]
      throw error
    }
    return Promise.all([
      ...revalidated,
      ...batch.map(async (claim): Promise<ClaimOutcome> => {
        const decision = combineSamples(
          samples.map((sample) => sample.get(claim.fingerprint)!),
          this.#config.minAgreement,
        )
        if ('error' in decision) return { kind: 'error', claim, message: decision.error }
        if (decision.verdict !== 'incorrect') return { kind: 'verdict', claim, verdict: decision.verdict }
        return this.#validate(claim, decision.proposal)
      }),
    ])
  }

  async #validate(claim: PendingClaim, proposal: CheckedProposal): Promise<ClaimOutcome> {
    this.#hooks.proposed()
    try {
      const validation = await validate(this.#context, this.#post, claim, proposal)
      if ('error' in validation) return { kind: 'error', claim, message: validation.error }
      const { approved, reason, proposal: checked } = validation
      // A rejected proposal leaves the claim disputed: unverifiable, with the rejection kept for audit.
      return {
        kind: 'verdict',
        claim,
        verdict: approved ? 'incorrect' : 'unverifiable',
        correction: { proposal: checked, approved, reason },
      }
    } catch (error) {
      if (!(error instanceof NotSent)) throw error
      this.parked.set(claim.fingerprint, proposal)
      return { kind: 'deferred', claim }
    }
  }
}
