// Validate: a second, separate request reviews one proposed correction (it may
// search too) and approves or rejects it with a reason. A source keeps its quote
// only when the validator found that passage in it.

import { callStructured, type CallContext } from './call.ts'
import { stripCitationMarkers, type CheckedProposal } from './code-checks.ts'
import type { PendingClaim, PostContext } from './investigate.ts'
import { PROMPTS, fenceToken, fillTemplate } from './prompts.ts'

export type ValidationOutcome = { approved: boolean; reason: string; proposal: CheckedProposal } | { error: string }

export function validateInput(post: PostContext, claim: PendingClaim, proposal: CheckedProposal): string {
  const correction = JSON.stringify(proposal, null, 2)
  const token = fenceToken([post.text, claim.text, correction], post.token)
  return fillTemplate(PROMPTS.validateInput, { date: post.date, token, post: post.text, claim: claim.text, correction })
}

/** Throws `NotSent` when the request was not sent. */
export async function validate(
  context: CallContext,
  post: PostContext,
  claim: PendingClaim,
  proposal: CheckedProposal,
): Promise<ValidationOutcome> {
  const result = await callStructured(context, { input: validateInput(post, claim, proposal), cacheKey: post.token })
  if (!result.ok) return { error: `validation failed: ${result.reason}` }
  const { approved, reason: given, sources: checked } = result.value
  if (approved === null) return { error: "validation failed: the validator gave no decision (another task's fields)" }
  const reason = stripCitationMarkers(given ?? '').trim()
  if (!reason) return { error: 'the validator gave no reason' }
  const found = new Set((checked ?? []).filter((s) => s.quoteFound).map((s) => s.url.trim()))
  const sources = proposal.sources.map(({ quote, ...source }) => (quote && found.has(source.url) ? { ...source, quote } : source))
  return { approved, reason, proposal: { ...proposal, sources } }
}
