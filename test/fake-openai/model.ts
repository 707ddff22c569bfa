// The fake's default "model": a deterministic judge of the claims a request
// lists, and the Responses API wire format around its answer. See README.md.

import { createHash, randomBytes } from 'node:crypto'

export type Verdict = 'incorrect' | 'supported' | 'unverifiable'

export interface ListedClaim {
  id: string
  text: string
  quoted?: boolean
  /** The URLs the post links to from the claim (or its paragraph). */
  links?: string[]
}

export interface ProposedSource {
  url: string
  title: string
  quote: string
}

export interface ProposedCorrection {
  quote: string
  summary: string
  reasoning: string
  sources: ProposedSource[]
}

export interface Review {
  approved: boolean
  reason: string
}

/** What the default judge calls incorrect: a sentence that says something is flat. */
export const DEFAULT_INCORRECT = /\bflat\b/i
/** What it calls unverifiable: hedged sentences. */
export const DEFAULT_UNVERIFIABLE = /\b(probably|maybe|perhaps|I think)\b/i
/** What the default validator rejects: a claim that says "arguably". */
export const DEFAULT_REJECTED = /\barguably\b/i

/** What the default screen calls check-worthy: a sentence with a number, or one the default judge would not call supported. */
export const DEFAULT_CHECK_WORTHY = /\d|\bflat\b|\b(probably|maybe|perhaps)\b/i

export interface ScreenAnswer {
  checkWorthy: boolean
  reason: string
}

export function defaultScreen(sentence: ListedClaim): ScreenAnswer {
  return DEFAULT_CHECK_WORTHY.test(sentence.text)
    ? { checkWorthy: true, reason: 'States a checkable fact.' }
    : { checkWorthy: false, reason: 'Asserts nothing checkable.' }
}

export function screeningAnswer(sentences: ListedClaim[], screen: (sentence: ListedClaim) => ScreenAnswer = defaultScreen) {
  return { sentences: sentences.map((sentence) => ({ id: sentence.id, ...screen(sentence) })) }
}

export function defaultJudge(claim: ListedClaim): Verdict {
  if (DEFAULT_INCORRECT.test(claim.text)) return 'incorrect'
  if (DEFAULT_UNVERIFIABLE.test(claim.text)) return 'unverifiable'
  return 'supported'
}

export function defaultReview(claimText: string, _correction: ProposedCorrection): Review {
  return DEFAULT_REJECTED.test(claimText)
    ? { approved: false, reason: 'The claim is hedged ("arguably"), so it is not plainly false.' }
    : { approved: true, reason: 'The cited record plainly contradicts the quoted words.' }
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)

/** The matched word with up to two words before it: "The Earth is flat." -> "Earth is flat". */
export function quoteFor(text: string, pattern: RegExp = DEFAULT_INCORRECT): string {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text)
  if (!match)
    return text
      .split(/\s+/)
      .slice(0, 3)
      .join(' ')
      .replace(/[.,;:!?]+$/, '')
  const before = /(?:\S+\s+){0,2}$/.exec(text.slice(0, match.index))![0]
  return text.slice(match.index - before.length, match.index + match[0].length)
}

// A citation marker as web search answers carry them in structured output.
export const CITATION_MARKER = '\uE200cite\uE202turn0search0\uE201'

export function correctionFor(claim: ListedClaim): ProposedCorrection {
  const quote = quoteFor(claim.text)
  const url = `https://records.example.org/${hash(claim.text)}`
  return {
    quote,
    summary: `The record shows that "${quote}" is not so.`,
    reasoning: `The post says "${quote}". The record says otherwise ${CITATION_MARKER}.\n\n- See [the record](${url}).`,
    sources: [
      { url, title: `Record ${hash(claim.text)}`, quote: 'The record says otherwise.' },
      { url: `https://archive.example.com/${hash(claim.text)}`, title: 'Archive copy', quote: 'Archived: the record says otherwise.' },
    ],
  }
}

export function investigationAnswer(claims: ListedClaim[], judge: (claim: ListedClaim) => Verdict = defaultJudge) {
  return {
    judgements: claims.map((claim) => {
      const verdict = judge(claim)
      return { id: claim.id, verdict, correction: verdict === 'incorrect' ? correctionFor(claim) : null, contradictingLink: null }
    }),
  }
}

export function validationAnswer(correction: ProposedCorrection, review: Review) {
  return { ...review, sources: correction.sources.map((s) => ({ url: s.url, quoteFound: true })) }
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4))

export interface WireOptions {
  /** The request body (echoed the way the API echoes it). */
  request: Record<string, unknown>
  /** The output_text; or a refusal instead. */
  text?: string
  refusal?: string
  /** URLs the "search" found: one web_search_call item, and url_citation annotations where they occur in the text. */
  searched?: Array<{ url: string; title: string }>
  status?: 'completed' | 'incomplete'
  incompleteReason?: string
  inputText: string
  /** Input tokens served from the prompt cache (`usage.input_tokens_details.cached_tokens`). */
  cachedTokens?: number
  /** Input tokens as counted by a tokenizer; else about 4 characters of `inputText` a token. */
  inputTokens?: number
  /** How output tokens are counted; else about 4 characters a token. */
  countTokens?: (text: string) => number
}

/** A Responses API response body, as the HTTP API sends it (no `output_text`: the SDK adds that). */
export function responseBody(options: WireOptions) {
  const { request } = options
  const include = Array.isArray(request.include) ? request.include : []
  const output: unknown[] = []
  const searched = options.searched ?? []
  if (searched.length > 0) {
    output.push({
      id: id('ws'),
      type: 'web_search_call',
      status: 'completed',
      action: {
        type: 'search',
        query: 'fact check',
        queries: ['fact check'],
        // Sources come back only when asked for, as with the real API.
        ...(include.includes('web_search_call.action.sources') ? { sources: searched.map(({ url }) => ({ type: 'url', url })) } : {}),
      },
    })
  }
  const status = options.status ?? 'completed'
  const content =
    options.refusal !== undefined
      ? [{ type: 'refusal', refusal: options.refusal }]
      : [{ type: 'output_text', text: options.text ?? '', annotations: citations(options.text ?? '', searched), logprobs: [] }]
  output.push({ id: id('msg'), type: 'message', role: 'assistant', status, content })
  const outputText = options.refusal ?? options.text ?? ''
  const input = options.inputTokens ?? tokens(options.inputText)
  const out = (options.countTokens ?? tokens)(outputText)
  return {
    id: id('resp'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: options.incompleteReason ?? 'max_output_tokens' } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: null,
    model: typeof request.model === 'string' ? request.model : 'fake-model',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: request.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: input,
      input_tokens_details: { cached_tokens: Math.min(options.cachedTokens ?? 0, input) },
      output_tokens: out,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: input + out,
    },
    user: null,
    metadata: {},
  }
}

function citations(text: string, searched: Array<{ url: string; title: string }>) {
  const found: unknown[] = []
  for (const { url, title } of searched) {
    const at = text.indexOf(url)
    if (at >= 0) found.push({ type: 'url_citation', start_index: at, end_index: at + url.length, url, title })
  }
  return found
}
