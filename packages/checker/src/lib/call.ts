// One structured Responses API call: the client it goes through, its tries, and
// the reading of its answer. Whatever goes wrong comes back as a short reason
// (failure.ts words it); a failed call is never a verdict: the caller records
// the reason as an error for the claims it was about.

import { describeZodIssue } from '@vetted/core/internal'
import type OpenAI from 'openai'
import { ZodError } from 'zod'
import { ANSWER_FORMAT, AnswerSchema, type Answer } from '../schemas/answer.ts'
import { CircuitBreaker } from './breaker.ts'
import { CheckerConfigError, DEFAULT_BASE_URL, type ResolvedConfig } from './config.ts'
import { clip, describeFailure } from './failure.ts'
import { NotSent, type RequestGate } from './gate.ts'
import { edgeFetch } from './http-edge.ts'
import { PROMPTS } from './prompts.ts'
import { redact, secretsOf } from './redact.ts'
import { Tries } from './tries.ts'
import type { UsageMeter } from './usage.ts'
import { Warmup } from './warmup.ts'

export interface CallContext {
  client: OpenAI
  gate: RequestGate
  model: string
  timeoutMs: number
  /** Tries after the first, per request (the SDK's maxRetries). */
  maxRetries: number
  /** The HTTP edge every try passes (http-edge.ts). */
  edge: typeof fetch
  /** Where requests go, as named in messages: the origin of baseURL, never its credentials. */
  endpoint: string
  /** Texts never to show: the configured key and the credentials of baseURL. */
  secrets: string[]
  /** Shared by every request of the run. */
  breaker: CircuitBreaker
  /** Aborted: requests in flight are dropped (the gate's own signal only stops new ones). */
  signal: AbortSignal
  /** Shared by every request of the post: the first to each model goes alone. */
  warmup: Warmup
  /** Called as a request leaves the gate (to count what was sent). */
  onSent?: () => void
}

// The SDK is loaded when a run first needs a client: `vetted check --ci` and the
// other commands that never call the API skip its load (about 100 ms).
let sdk: { OpenAI: typeof OpenAI; zodTextFormat: typeof import('openai/helpers/zod').zodTextFormat } | undefined

/** The endpoint as messages name it: the origin of baseURL (no user:password@, no path). */
function endpointOf(baseURL: string | undefined): string {
  return new URL(baseURL ?? DEFAULT_BASE_URL).origin
}

/** Everything a request needs: the client (each request takes its own, with its tries: tries.ts), the breaker, the warm-up. */
export async function createCallContext(
  config: ResolvedConfig,
  meter: UsageMeter,
  gate: RequestGate,
  signal: AbortSignal,
): Promise<CallContext> {
  if (!config.apiKey) throw new CheckerConfigError('no OpenAI API key: set OPENAI_API_KEY or pass apiKey')
  sdk ??= { OpenAI: (await import('openai')).default, zodTextFormat: (await import('openai/helpers/zod')).zodTextFormat }
  const secrets = secretsOf(config)
  const endpoint = endpointOf(config.baseURL)
  const edge = edgeFetch(config.fetch, meter, { maxResponseBytes: config.maxResponseBytes, secrets })
  const client = new sdk.OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    // One try's deadline, headers and body together (the edge returns once the body is read).
    timeout: config.timeoutMs,
    // A model request asks for its retries itself (send); other calls (batch.ts) try once.
    maxRetries: 0,
    fetch: edge,
  })
  return {
    client,
    gate,
    model: config.model,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    edge,
    endpoint,
    breaker: new CircuitBreaker(config.maxConsecutiveFailures, endpoint),
    secrets,
    signal,
    warmup: new Warmup(),
  }
}

export interface StructuredRequest {
  /** The message: the post and the task (an input template of prompts/). */
  input: string
  /**
   * Web search on (default). The screen asks with `tool_choice: 'none'`: the tool
   * is still listed, so that its request starts as the others do.
   */
  search?: boolean
  /** The provider's `prompt_cache_key`: one per post, so that its requests reach the cache that holds their common first part. */
  cacheKey?: string | undefined
}

/** The tools of every request (see StructuredRequest.search). */
export const TOOLS = [{ type: 'web_search' as const }]

export type CallResult<T> = { ok: true; value: T } | { ok: false; reason: string }

/**
 * Ask the model with web search on and a zod-checked answer, trying again up to
 * `maxRetries` times on failures worth another try (the SDK's judgement and schedule). Throws `NotSent` when the gate
 * holds the request back (the budget, the circuit breaker, an abort); every other
 * failure comes back as `{ ok: false, reason }`, with secrets redacted.
 */
export async function callStructured(context: CallContext, request: StructuredRequest): Promise<CallResult<Answer>> {
  const firstTryEnded = await context.warmup.turn(context.model)
  try {
    return await send(context, request, firstTryEnded)
  } finally {
    firstTryEnded()
  }
}

function send(context: CallContext, request: StructuredRequest, firstTryEnded: () => void): Promise<CallResult<Answer>> {
  return context.gate.run(async () => {
    if (context.breaker.open) throw new NotSent('stopped')
    context.onSent?.()
    const describe = (error: unknown) => redact(describeFailure(error, context), context.secrets)
    const tries = new Tries(context.breaker, context.gate.stopping, firstTryEnded, describe)
    try {
      // The request's own client: its fetch reports each try (about 40 µs to make).
      const client = context.client.withOptions({ fetch: tries.fetch(context.edge, context.signal) })
      const response = await client.responses.create(requestBody(context.model, request), {
        maxRetries: context.maxRetries,
        signal: AbortSignal.any([context.signal, tries.signal]),
      })
      // The answer's own faults (incomplete, refused, not the schema's) come back; the exchange's were thrown.
      return answerIn(response, context)
    } catch (error) {
      if (context.signal.aborted) throw new NotSent('aborted')
      return { ok: false, reason: describe(tries.gaveUpOn ?? error) }
    } finally {
      tries.dispose()
    }
  })
}

/** The body of a request: sent as it is, or as a line of a batch (batch.ts). */
export function requestBody(model: string, request: StructuredRequest) {
  return {
    model,
    instructions: PROMPTS.instructions,
    input: request.input,
    tools: TOOLS,
    ...(request.search === false ? { tool_choice: 'none' as const } : { include: ['web_search_call.action.sources' as const] }),
    ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
    text: { format: answerFormat() },
  }
}

/** What a Responses API response holds that says whether it answered. */
interface ResponseBody {
  status?: string | undefined
  incomplete_details?: { reason?: string | undefined } | null | undefined
  error?: { message: string } | null | undefined
  output: Array<{ type: string; phase?: string | null; content?: Array<{ type: string; refusal?: string; text?: string }> }>
}

/**
 * The answer a response holds, or why it holds none: one reading for a
 * request's response and a batch's. The model's text is parsed here, apart from
 * the exchange, so that a fault of the answer is told from a fault of the
 * response by where it was thrown.
 */
function answerIn(response: ResponseBody, context: { secrets: string[] }): CallResult<Answer> {
  const failed = (reason: string): CallResult<never> => ({ ok: false, reason: redact(reason, context.secrets) })
  if (response.status && response.status !== 'completed') {
    if (response.status === 'incomplete') {
      const why = response.incomplete_details?.reason
      return failed(`the model's answer is incomplete${why ? ` (${why})` : ''}`)
    }
    return failed(`the response ended with status ${response.status}${response.error ? `: ${clip(response.error.message)}` : ''}`)
  }
  // The final answer: a message in another phase is the model's commentary (the SDK's parse skips it too).
  const contents = response.output.flatMap((item) =>
    item.type === 'message' && (item.phase ?? 'final_answer') === 'final_answer' ? (item.content ?? []) : [],
  )
  const refusal = contents.find((content) => content.type === 'refusal')
  if (refusal) return failed(`the model refused: ${clip(refusal.refusal ?? '')}`)
  const text = contents
    .filter((content) => content.type === 'output_text')
    .map((content) => content.text ?? '')
    .join('')
  if (!text) return failed('the model gave no structured answer')
  try {
    return { ok: true, value: answerFormat().$parseRaw(text) }
  } catch (error) {
    return failed(answerFault(error))
  }
}

/** Why the model's text is no answer: the format's parser throws a ZodError for JSON outside the schema, a SyntaxError for no JSON. */
function answerFault(error: unknown): string {
  const lead = "the model's answer does not fit the schema"
  if (error instanceof ZodError) return error.issues.length > 0 ? clip(describeZodIssue(error, `${lead} at`).line, 300) : lead
  if (error instanceof SyntaxError) return "the model's answer is not valid JSON"
  return clip(error instanceof Error ? error.message : String(error))
}

/**
 * The answer in the body of one line of a batch's output (a Responses API
 * response), read and checked as `callStructured` reads a response.
 */
export function batchAnswer(body: unknown, context: { secrets: string[] }): CallResult<Answer> {
  const response = body as ResponseBody | null
  if (typeof response !== 'object' || response === null || !Array.isArray(response.output))
    return { ok: false, reason: 'the batch answered with no response' }
  return answerIn(response, context)
}

/** The answer format as requests send it (a strict JSON schema). */
function answerFormat() {
  return sdk!.zodTextFormat(AnswerSchema, ANSWER_FORMAT)
}
