// One structured Responses API call, and everything that can go wrong with it
// turned into a short reason. A failed call is never a verdict: the caller
// records the reason as an error for the claims it was about.

import { setTimeout as sleep } from 'node:timers/promises'
import { describeZodIssue } from '@vetted/core/internal'
import type OpenAI from 'openai'
import { ZodError } from 'zod'
import { ANSWER_FORMAT, AnswerSchema, type Answer } from '../schemas/answer.ts'
import { CheckerConfigError, DEFAULT_BASE_URL, type ResolvedConfig } from './config.ts'
import { CircuitBreaker, NotSent, type RequestGate } from './gate.ts'
import { PROMPTS } from './prompts.ts'
import { redact, secretsOf } from './redact.ts'
import { ResponseTimeout, ResponseTooLarge, type UsageMeter } from './usage.ts'

export interface CallContext {
  client: OpenAI
  gate: RequestGate
  model: string
  timeoutMs: number
  /** Tries after the first, per request. */
  maxRetries: number
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

/**
 * A post's requests to one model share their first part (tools, answer format,
 * instructions, date, post), which the provider caches once a request holding it
 * has been answered; requests sent together all miss it. So the post's first
 * request to each model goes alone, and the others once its first try has
 * ended, answered or failed. This costs one request's wait per post.
 */
export class Warmup {
  #ready = new Map<string, Promise<void>>()

  /** Wait for this request's turn; the function returned says that its first try has ended (a no-op unless it went first). */
  async turn(model: string): Promise<() => void> {
    const ready = this.#ready.get(model)
    if (ready) {
      await ready
      return () => {}
    }
    let done!: () => void
    this.#ready.set(model, new Promise<void>((resolve) => (done = resolve)))
    return done
  }
}

// The SDK is loaded when a run first needs a client: `vetted check --ci` and the
// other commands that never call the API skip its load (about 100 ms).
let sdk: { OpenAI: typeof OpenAI; zodTextFormat: typeof import('openai/helpers/zod').zodTextFormat } | undefined

/** The endpoint as messages name it: the origin of baseURL (no user:password@, no path). */
function endpointOf(baseURL: string | undefined): string {
  return new URL(baseURL ?? DEFAULT_BASE_URL).origin
}

/**
 * Everything a request needs. The SDK's own retries are off: every try passes
 * `callStructured`, so that the circuit breaker sees each failure and an answer
 * too large is never asked for again.
 */
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
  const client = new sdk.OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: 0,
    fetch: meter.wrap(config.fetch, { timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes, secrets }),
  })
  return {
    client,
    gate,
    model: config.model,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
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
 * `maxRetries` times on failures worth another try. Throws `NotSent` when the gate
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
    const { breaker } = context
    if (breaker.open) throw new NotSent('stopped')
    context.onSent?.()
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await ask(context, request)
        firstTryEnded()
        breaker.succeeded()
        return result
      } catch (error) {
        firstTryEnded()
        if (context.signal.aborted || (sdk && error instanceof sdk.OpenAI.APIUserAbortError)) throw new NotSent('aborted')
        const reason = redact(describeFailure(error, context), context.secrets)
        if (isEndpointFailure(error)) breaker.failed(reason)
        else if (!isRequestFailure(error)) breaker.succeeded() // the exchange worked; the answer did not
        const { stopping } = context.gate
        if (attempt >= context.maxRetries || breaker.open || stopping.aborted || !isRetryable(error)) return { ok: false, reason }
        // The pause before the next try ends early when the run stops sending (the first Ctrl-C).
        await sleep(retryDelayMs(error, attempt), undefined, { signal: stopping }).catch(() => {})
        if (context.signal.aborted) throw new NotSent('aborted')
        // Stopped meanwhile, or requests that failed meanwhile opened the breaker.
        if (stopping.aborted || breaker.open) return { ok: false, reason }
      }
    }
  })
}

/** One try; the answer's own faults (incomplete, refused, empty) come back, the exchange's are thrown. */
async function ask(context: CallContext, request: StructuredRequest): Promise<CallResult<Answer>> {
  const response = await context.client.responses.parse(requestBody(context.model, request), { signal: context.signal })
  return answerIn(response, () => response.output_parsed, context)
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
  output: Array<{ type: string; content?: Array<{ type: string; refusal?: string; text?: string }> }>
}

/** The answer a response holds (`parsed` reads it), or why it holds none: the same reading for a request's response and a batch's. */
function answerIn(
  response: ResponseBody,
  parsed: () => unknown,
  context: { secrets: string[]; timeoutMs: number; endpoint: string },
): CallResult<Answer> {
  const failed = (reason: string): CallResult<never> => ({ ok: false, reason: redact(reason, context.secrets) })
  if (response.status && response.status !== 'completed') {
    if (response.status === 'incomplete') {
      const why = response.incomplete_details?.reason
      return failed(`the model's answer is incomplete${why ? ` (${why})` : ''}`)
    }
    return failed(`the response ended with status ${response.status}${response.error ? `: ${clip(response.error.message)}` : ''}`)
  }
  for (const item of response.output) {
    if (item.type !== 'message') continue
    for (const content of item.content ?? []) {
      if (content.type === 'refusal') return failed(`the model refused: ${clip(content.refusal ?? '')}`)
    }
  }
  let value: unknown
  try {
    value = parsed()
  } catch (error) {
    return failed(describeFailure(error, context))
  }
  if (value == null) return failed('the model gave no structured answer')
  return { ok: true, value: value as Answer }
}

/**
 * The answer in the body of one line of a batch's output (a Responses API
 * response), read and checked as `callStructured` reads a response.
 */
export function batchAnswer(body: unknown, context: { secrets: string[]; timeoutMs: number; endpoint: string }): CallResult<Answer> {
  const response = body as ResponseBody | null
  if (typeof response !== 'object' || response === null || !Array.isArray(response.output))
    return { ok: false, reason: 'the batch answered with no response' }
  const text = response.output
    .flatMap((item) => (item.type === 'message' ? (item.content ?? []) : []))
    .filter((content) => content.type === 'output_text')
    .map((content) => content.text ?? '')
    .join('')
  return answerIn(response, () => (text ? answerFormat().$parseRaw(text) : null), context)
}

/** The answer format as requests send it (a strict JSON schema). */
function answerFormat() {
  return sdk!.zodTextFormat(AnswerSchema, ANSWER_FORMAT)
}

/** A failure of the endpoint rather than of one request: no answer, an answer too large, 5xx, or a key or address that is wrong for every request. */
function isEndpointFailure(error: unknown): boolean {
  const api = sdk!.OpenAI
  if (error instanceof api.APIConnectionError) return true
  return error instanceof api.APIError && error.status !== undefined && (error.status >= 500 || [401, 403, 404].includes(error.status))
}

/** The exchange failed (as opposed to an answer that came and did not fit the schema). */
function isRequestFailure(error: unknown): boolean {
  return error instanceof sdk!.OpenAI.APIError
}

/** Worth another try, as the SDK judges it: no answer in time or no connection, 408, 409, 429, 5xx, unless the server said not to. */
function isRetryable(error: unknown): boolean {
  const api = sdk!.OpenAI
  if (findCause(error, ResponseTooLarge)) return false
  if (error instanceof api.APIConnectionError) return true
  if (!(error instanceof api.APIError) || error.status === undefined) return false
  const header = error.headers?.get('x-should-retry')
  if (header === 'true' || header === 'false') return header === 'true'
  return [408, 409, 429].includes(error.status) || error.status >= 500
}

/** The server's retry-after (up to a minute), else 0.5 s doubling up to 8 s, with jitter: the SDK's schedule. */
function retryDelayMs(error: unknown, attempt: number): number {
  const asked = error instanceof sdk!.OpenAI.APIError ? askedDelayMs(error.headers) : NaN
  if (Number.isFinite(asked) && asked >= 0 && asked <= 60_000) return asked
  return Math.min(500 * 2 ** attempt, 8000) * (1 - Math.random() * 0.25)
}

/** What `retry-after-ms`, or `retry-after` (seconds or an HTTP date), asks for, in ms; NaN when neither is there. */
function askedDelayMs(headers: Headers | undefined): number {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms)) return ms
  const after = headers?.get('retry-after') ?? ''
  const seconds = Number.parseFloat(after)
  return Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - Date.now()
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

/** A failure in one short line, naming the endpoint and the cause where the network failed. */
export function describeFailure(error: unknown, context: { timeoutMs: number; endpoint: string }): string {
  const api = sdk?.OpenAI // an error from the SDK means it was loaded
  const tooLarge = findCause(error, ResponseTooLarge)
  if (tooLarge) return `${context.endpoint} sent ${tooLarge.message}`
  if ((api && error instanceof api.APIConnectionTimeoutError) || findCause(error, ResponseTimeout)) {
    return `${context.endpoint} timed out: no complete answer within ${context.timeoutMs} ms (timeoutMs)`
  }
  if (api && error instanceof api.APIConnectionError) return `could not reach ${context.endpoint}: ${networkCause(error)}`
  if (api && error instanceof api.RateLimitError) return `the API kept refusing with 429 (rate limited): ${clip(error.message)}`
  // The SDK's message starts with the status again ("401 Incorrect API key...").
  if (api && error instanceof api.APIError)
    return `the API answered ${error.status ?? 'with an error'}: ${clip(error.message.replace(/^\d{3}\s+/, ''))}`
  if (error instanceof ZodError || (error as Error | undefined)?.name === 'ZodError') {
    const lead = "the model's answer does not fit the schema"
    return (error as ZodError).issues.length > 0 ? clip(describeZodIssue(error as ZodError, `${lead} at`).line, 300) : lead
  }
  if (error instanceof SyntaxError) {
    return /structured output/i.test(error.message) ? "the model's answer is not valid JSON" : "the API's response is not valid JSON"
  }
  return clip(error instanceof Error ? error.message : String(error))
}

/** The errors under `error`, outermost first: the SDK wraps undici's "fetch failed", which wraps the system's error. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let at = error; at !== undefined && at !== null && chain.length < 10; at = (at as { cause?: unknown }).cause) chain.push(at)
  return chain
}

function findCause<T>(error: unknown, kind: new (...args: never[]) => T): T | undefined {
  return causes(error).find((cause): cause is T => cause instanceof kind)
}

/** Why a connection failed, in words, from the error codes of Node and undici down the cause chain. */
function networkCause(error: unknown): string {
  for (const cause of causes(error)) {
    const { code, message } = cause as { code?: unknown; message?: unknown }
    if (typeof code !== 'string') continue
    if (code === 'ECONNREFUSED') return 'connection refused (nothing listens there)'
    if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'].includes(code))
      return `DNS lookup failed (${code}: no address for that host)`
    if (['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) return 'timed out connecting'
    if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) return 'connection reset (the server closed it)'
    if (['ENETUNREACH', 'EHOSTUNREACH'].includes(code)) return `network unreachable (${code})`
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO|EPROTO/.test(code)) {
      return `TLS error (${code}${typeof message === 'string' ? `: ${clip(message, 120)}` : ''})`
    }
    return `${code}${typeof message === 'string' ? `: ${clip(message, 120)}` : ''}`
  }
  const innermost = causes(error).at(-1)
  return clip(innermost instanceof Error ? innermost.message : String(innermost))
}
