// Self-consistency: with k samples, a claim is flagged only when at least m of
// them flag it with a correction that passed the code checks. Samples that
// disagree about incorrectness make the claim unverifiable, never incorrect.

import type { CheckedProposal } from './code-checks.ts'
import type { SampleOutcome } from './investigate.ts'

export type Decision = { verdict: 'supported' | 'unverifiable' } | { verdict: 'incorrect'; proposal: CheckedProposal } | { error: string }

export function combineSamples(samples: SampleOutcome[], minAgreement: number): Decision {
  const failed = samples.find((s) => 'error' in s)
  if (failed) return failed
  const judged = samples as Array<Exclude<SampleOutcome, { error: string }>>
  const flagged = judged.filter((s) => s.verdict === 'incorrect' && s.proposal)
  if (flagged.length >= minAgreement) return { verdict: 'incorrect', proposal: flagged[0]!.proposal! }
  if (flagged.length === 0 && judged.every((s) => s.verdict === 'supported')) return { verdict: 'supported' }
  return { verdict: 'unverifiable' }
}
