import { correctionId, type Correction, type CorrectionStatus } from '@vetted/core'

export interface ManualCorrectionFields extends Partial<Correction> {
  /** The post's path as correction ids hash it (relative to the project root). */
  post: string
  /** Fingerprint of the claim the quote lies in. */
  claim: string
  quote: string
  status: CorrectionStatus
  /** The day the editor wrote it. */
  date: string
}

/**
 * A correction as an editor files it by hand (checker `manual`) on `date` with
 * `status` (its history's one event), with the id `vetted check` would give it
 * unless `id` says otherwise. Summary, reasoning and sources are placeholders
 * unless given: the fields a test is about are the ones it passes.
 */
export function manualCorrection({ post, claim, quote, status, date, ...fields }: ManualCorrectionFields): Correction {
  return {
    id: correctionId(post, claim, quote),
    claim,
    quote,
    summary: 'S.',
    reasoning: 'R.',
    sources: [],
    checker: { model: 'manual', prompt: 'manual', date },
    status,
    history: [{ date, status }],
    ...fields,
  }
}
