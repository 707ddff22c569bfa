// A scripted "model" for the fake OpenAI server: it flags a sentence only when
// that sentence is in a request, and only as its script says. `decide` sees each
// listed claim with the number of times that sentence has been asked about
// (1 in a first run, 2 in a second, ...) and returns the words to quote as
// incorrect, or undefined for "supported". The screen (coverage "all") calls a
// sentence detection did not select check-worthy only when `checkWorthy` says so.
// Validation is the fake's default (approves), so every flag becomes a correction.

import { correctionFor, screeningAnswer, type Handler, type ListedClaim } from '../fake-openai/index.ts'

export function scriptedModel(
  decide: (claim: ListedClaim, run: number) => string | undefined,
  summary = (quote: string) => `The record shows that "${quote}" is not so.`,
  checkWorthy: (sentence: ListedClaim) => boolean = () => false,
): Handler {
  const asked = new Map<string, number>()
  return (request) => {
    if (request.kind === 'screen') {
      return { answer: screeningAnswer(request.sentences, (sentence) => ({ checkWorthy: checkWorthy(sentence), reason: 'scripted' })) }
    }
    if (request.kind !== 'investigate') return undefined
    const judgements = request.claims.map((claim) => {
      const run = (asked.get(claim.text) ?? 0) + 1
      asked.set(claim.text, run)
      const quote = decide(claim, run)
      if (quote === undefined) return { id: claim.id, verdict: 'supported', correction: null, contradictingLink: null }
      if (!claim.text.includes(quote)) throw new Error(`the script quotes words that are not in the claim: ${quote}`)
      return {
        id: claim.id,
        verdict: 'incorrect',
        correction: { ...correctionFor(claim), quote, summary: summary(quote) },
        contradictingLink: null,
      }
    })
    return { answer: { judgements } }
  }
}
