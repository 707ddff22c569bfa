// Screen: one request, without web search and possibly with a cheaper model,
// asks which of a batch of sentences (those detection did not select) assert
// something checkable. The check-worthy ones are then judged like claims.

import type { Answer } from '../schemas/answer.ts'
import { callStructured, type CallContext, type CallResult, type StructuredRequest } from './call.ts'
import { stripCitationMarkers } from './code-checks.ts'
import type { PendingClaim, PostContext } from './investigate.ts'
import { PROMPTS, fenceToken, fillTemplate } from './prompts.ts'

/** Sentences per screening request: short answers, so many fit in one. */
export const SCREEN_BATCH_SIZE = 40

export type ScreenOutcome = { checkWorthy: boolean; reason: string } | { error: string }

export function screenInput(post: PostContext, sentences: ListedSentence[]): string {
  const lines = sentences.map(({ id, sentence }) => JSON.stringify({ id, text: sentence.text }))
  const token = fenceToken([post.text, ...lines], post.token)
  return fillTemplate(PROMPTS.screenInput, { date: post.date, token, post: post.text, sentences: lines.join('\n') })
}

/** Screen `sentences` in one request. Outcomes by fingerprint; throws `NotSent` when not sent. */
export async function screen(context: CallContext, post: PostContext, sentences: PendingClaim[]): Promise<Map<string, ScreenOutcome>> {
  const { listed, request } = screenRequest(post, sentences)
  return screenOutcomes(listed, await callStructured(context, request))
}

export type ListedSentence = { id: string; sentence: PendingClaim }

/** The screening request for `sentences`, each listed under an id (S1, S2, ...): sent alone, or as a line of a batch. */
export function screenRequest(post: PostContext, sentences: PendingClaim[]): { listed: ListedSentence[]; request: StructuredRequest } {
  const listed = sentences.map((sentence, index) => ({ id: `S${index + 1}`, sentence }))
  return { listed, request: { input: screenInput(post, listed), search: false, cacheKey: post.token } }
}

/** The outcome for each listed sentence, by fingerprint, from the screen's answer (or why there is none). */
export function screenOutcomes(listed: ListedSentence[], result: CallResult<Answer>): Map<string, ScreenOutcome> {
  const answers = result.ok ? result.value.sentences : null
  const outcomes = new Map<string, ScreenOutcome>()
  for (const { id, sentence } of listed) {
    if (!result.ok) {
      outcomes.set(sentence.fingerprint, { error: `screening failed: ${result.reason}` })
      continue
    }
    if (!answers) {
      outcomes.set(sentence.fingerprint, { error: "screening failed: the model answered no sentences (another task's fields)" })
      continue
    }
    const answer = answers.find((s) => s.id.trim() === id)
    const reason = answer ? oneLine(stripCitationMarkers(answer.reason)) : ''
    if (!answer) outcomes.set(sentence.fingerprint, { error: 'the screen gave no answer for this sentence' })
    else if (!reason) outcomes.set(sentence.fingerprint, { error: 'the screen gave no reason' })
    else outcomes.set(sentence.fingerprint, { checkWorthy: answer.checkWorthy, reason })
  }
  return outcomes
}

/** A reason is one line: the ledger and the reports show it as such. */
function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}
