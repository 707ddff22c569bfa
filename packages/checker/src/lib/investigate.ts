// Investigate: one request judges a batch of claims, with the whole post as
// fenced context. Each claim comes back with a verdict (and, when incorrect, a
// correction that passed the code checks) or with an error.

import type { Verdict } from '@vetted/core'
import { callStructured, type CallContext } from './call.ts'
import { checkProposal, ownContradictingLink, type CheckedProposal } from './code-checks.ts'
import { PROMPTS, fenceToken, fillTemplate } from './prompts.ts'

export interface PendingClaim {
  fingerprint: string
  text: string
  quoted: boolean
  /** The http(s) URLs its sentence (else its paragraph) links to: the author's sources for it. */
  links?: string[]
}

export type SampleOutcome = { verdict: Verdict; proposal?: CheckedProposal } | { error: string }

export interface PostContext {
  /** The post as plain text. */
  text: string
  /** The "as of" date, YYYY-MM-DD. */
  date: string
  /** The fence token every request about this post starts with (see `fenceToken`). */
  token?: string
}

export function investigateInput(post: PostContext, claims: Array<{ id: string; claim: PendingClaim }>): string {
  const lines = claims.map(({ id, claim }) =>
    JSON.stringify({
      id,
      text: claim.text,
      ...(claim.quoted ? { quoted: true } : {}),
      ...(claim.links?.length ? { links: claim.links } : {}),
    }),
  )
  const token = fenceToken([post.text, ...lines], post.token)
  return fillTemplate(PROMPTS.investigateInput, { date: post.date, token, post: post.text, claims: lines.join('\n') })
}

/** Judge `claims` in one request. Outcomes by fingerprint; throws `NotSent` when not sent. */
export async function investigate(context: CallContext, post: PostContext, claims: PendingClaim[]): Promise<Map<string, SampleOutcome>> {
  const listed = claims.map((claim, index) => ({ id: `C${index + 1}`, claim }))
  const result = await callStructured(context, { input: investigateInput(post, listed), cacheKey: post.token })
  const judgements = result.ok ? result.value.judgements : null
  const outcomes = new Map<string, SampleOutcome>()
  for (const { id, claim } of listed) {
    if (!result.ok) {
      outcomes.set(claim.fingerprint, { error: result.reason })
      continue
    }
    if (!judgements) {
      outcomes.set(claim.fingerprint, { error: "the model gave no judgements (another task's fields)" })
      continue
    }
    const judgement = judgements.find((j) => j.id.trim() === id)
    const ownSource = judgement && ownContradictingLink(claim.links, judgement.contradictingLink)
    if (!judgement) {
      outcomes.set(claim.fingerprint, { error: 'the model gave no verdict for this claim' })
    } else if (ownSource && judgement.verdict === 'supported') {
      outcomes.set(claim.fingerprint, { error: `the model called the claim supported but said its own source ${ownSource} contradicts it` })
    } else if (judgement.verdict !== 'incorrect') {
      outcomes.set(claim.fingerprint, { verdict: judgement.verdict })
    } else if (!judgement.correction) {
      outcomes.set(claim.fingerprint, { error: 'the model called the claim incorrect but gave no correction' })
    } else {
      const check = checkProposal(claim.text, judgement.correction, ownSource)
      outcomes.set(claim.fingerprint, check.ok ? { verdict: 'incorrect', proposal: check.proposal } : { error: check.reason })
    }
  }
  return outcomes
}
