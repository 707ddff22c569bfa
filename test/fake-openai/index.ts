// A fake OpenAI server for tests: POST /v1/responses in the real wire format,
// on 127.0.0.1, scriptable per test, recording every request. See README.md.

import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import {
  correctionFor,
  defaultJudge,
  defaultReview,
  defaultScreen,
  investigationAnswer,
  quoteFor,
  responseBody,
  screeningAnswer,
  validationAnswer,
  type ListedClaim,
  type ProposedCorrection,
  type Review,
  type ScreenAnswer,
  type Verdict,
} from './model.ts'
import { BatchStore } from './batches.ts'
import { PromptCache, renderedTokens, textTokens } from './tokens.ts'

export * from './model.ts'
export { CACHE_MINIMUM, CACHE_STEP, renderedTokens, textTokens } from './tokens.ts'
export type { BatchFate, FakeBatch } from './batches.ts'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The body as sent. */
  raw: string
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: any
  /** From `text.format.name` (`investigation`, `validation`, `screening`), or, for a format every task shares, from the input's fences. */
  kind: 'investigate' | 'validate' | 'screen' | 'other'
  instructions: string
  /** The input as one text (message contents joined). */
  input: string
  /** Fenced blocks of the input by name (`POST`, `CLAIMS`, `CLAIM`, `CORRECTION`), and their token. */
  fences: Record<string, string>
  token: string | undefined
  /** Investigate: the claims listed (with their `links` when the post links from them). */
  claims: ListedClaim[]
  /** Screen: the sentences listed. */
  sentences: ListedClaim[]
  /** Validate: the claim's text and the proposed correction. */
  claim: string | undefined
  correction: ProposedCorrection | undefined
  receivedAt: number
  /** With `tokenizer: 'o200k'`: the input tokens as billed, and those the cache served when it arrived. */
  usage?: { inputTokens: number; cachedTokens: number }
  /** A line of a batch (the batch's id), answered when the batch ran; absent for a request sent alone. */
  batch?: string
}

export type Fault =
  | 'rate-limit'
  | 'server-error'
  | 'hang'
  | 'trickle'
  | 'huge'
  | 'echo'
  | 'malformed-json'
  | 'malformed-body'
  | 'schema-violation'
  | 'incomplete'
  | 'refusal'
  | 'quote-not-in-post'
  | 'javascript-url'
  | 'unsafe-urls'

export const FAULTS: Fault[] = [
  'rate-limit',
  'server-error',
  'hang',
  'trickle',
  'huge',
  'echo',
  'malformed-json',
  'malformed-body',
  'schema-violation',
  'incomplete',
  'refusal',
  'quote-not-in-post',
  'javascript-url',
  'unsafe-urls',
]

export type Reply =
  | {
      fault: Fault
      /** Seconds, for rate-limit. */
      retryAfter?: number
      /** Milliseconds between bytes, for trickle (default 50). */
      intervalMs?: number
      /** Bytes, for huge (default 50 MB). */
      bytes?: number
    }
  /** A structured answer (any JSON) wrapped in the wire format. */
  | { answer: unknown; searched?: Array<{ url: string; title: string }> }
  /** A raw HTTP reply. */
  | { status: number; body: string | object; headers?: Record<string, string> }

/** Decide the reply to one request; `undefined` lets the default model answer. */
export type Handler = (request: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>

export interface FakeOptions {
  /** Delay before every reply, in ms. */
  latencyMs?: number
  /** The default model's verdict per listed claim. */
  judge?: (claim: ListedClaim) => Verdict
  /** The default validator's decision. */
  review?: (claimText: string, correction: ProposedCorrection) => Review
  /** The default screen's answer per listed sentence. */
  screen?: (sentence: ListedClaim) => ScreenAnswer
  handler?: Handler
  port?: number
  /** Serve HTTPS with the self-signed certificate in ./tls (which no client trusts): baseURL is then https://. */
  tls?: boolean
  /**
   * How tokens are counted and prompts cached. `chars` (the default): about 4
   * characters a token, over instructions and input. `o200k`: as the provider
   * does (tokens.ts): o200k_base over tools, schema, instructions and input, and
   * a prompt cached per model and `prompt_cache_key` once its answer is sent.
   */
  tokenizer?: 'chars' | 'o200k'
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:PORT/v1`: give it to the SDK as `baseURL`. */
  baseURL: string
  requests: RecordedRequest[]
  setHandler(handler: Handler | undefined): void
  setLatency(ms: number): void
  /** Requests being answered now, and the most at once so far. */
  readonly inFlight: number
  readonly maxInFlight: number
  investigations(): RecordedRequest[]
  validations(): RecordedRequest[]
  screenings(): RecordedRequest[]
  /** The Batch API's batches (batches.ts), and how the next ones end. */
  batches: BatchStore
  close(): Promise<void>
}

const FENCE = /^BEGIN-([A-Z]+)-([0-9a-f]+)\n([\s\S]*?)\n?^END-\1-\2$/gm

function inputText(input: unknown): string {
  if (typeof input === 'string') return input
  if (!Array.isArray(input)) return ''
  return input
    .map((item: any) =>
      typeof item?.content === 'string'
        ? item.content
        : Array.isArray(item?.content)
          ? item.content.map((part: any) => part?.text ?? '').join('\n')
          : '',
    )
    .join('\n')
}

export function record(method: string, path: string, headers: IncomingHttpHeaders, raw: string): RecordedRequest {
  let body: any
  try {
    body = JSON.parse(raw)
  } catch {}
  const input = inputText(body?.input)
  const fences: Record<string, string> = {}
  let token: string | undefined
  for (const match of input.matchAll(FENCE)) {
    fences[match[1]!] = match[3]!
    token ??= match[2]
  }
  const kind = kindOf(body?.text?.format?.name, fences)
  const listed = (fence: string | undefined) => {
    const items: ListedClaim[] = []
    for (const line of (fence ?? '').split('\n')) {
      try {
        const item = JSON.parse(line)
        if (typeof item?.id === 'string' && typeof item?.text === 'string') items.push(item)
      } catch {}
    }
    return items
  }
  const claims = listed(fences.CLAIMS)
  const sentences = listed(fences.SENTENCES)
  let correction: ProposedCorrection | undefined
  try {
    correction = fences.CORRECTION ? JSON.parse(fences.CORRECTION) : undefined
  } catch {}
  return {
    method,
    path,
    headers,
    raw,
    body,
    kind,
    input,
    fences,
    token,
    claims,
    sentences,
    correction,
    instructions: typeof body?.instructions === 'string' ? body.instructions : '',
    claim: fences.CLAIM,
    receivedAt: Date.now(),
  }
}

/**
 * The task: from the answer format's name when it names one (`investigation`,
 * `validation`, `screening`), else, for a format shared by every task, from what
 * the input fences: sentences to screen, a correction to review, claims to judge.
 */
function kindOf(format: unknown, fences: Record<string, string>): RecordedRequest['kind'] {
  if (format === 'investigation') return 'investigate'
  if (format === 'validation') return 'validate'
  if (format === 'screening') return 'screen'
  if (typeof format !== 'string') return 'other'
  if ('SENTENCES' in fences) return 'screen'
  if ('CORRECTION' in fences) return 'validate'
  if ('CLAIMS' in fences) return 'investigate'
  return 'other'
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A baseURL where nothing listens (a port just freed): connecting to it is refused. */
export async function refusedBaseURL(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/v1`
}

/** Tokens of about 4 characters, as the default model counts them. */
const CHARS_PER_TOKEN = 4

/**
 * Prompt caching as the API reports it: a prompt that starts the way an earlier
 * one did has that common prefix cached, counted only from 1,024 tokens on and in
 * steps of 128 tokens. `earlier` holds the prompts of requests with the same model,
 * tools and output schema (see `cachePartition`).
 */
export function cachedTokens(prompt: string, earlier: readonly string[]): number {
  let longest = 0
  for (const before of earlier) {
    let same = 0
    const end = Math.min(prompt.length, before.length)
    while (same < end && prompt.charCodeAt(same) === before.charCodeAt(same)) same++
    longest = Math.max(longest, same)
  }
  const tokens = Math.floor(longest / CHARS_PER_TOKEN)
  return tokens >= 1024 ? Math.floor(tokens / 128) * 128 : 0
}

/**
 * The provider renders the tools and the output schema ahead of the instructions
 * and caches per model, so prompts share a cached prefix only within one model,
 * one tool list and one schema; and it routes by `prompt_cache_key`, so only
 * within one key.
 */
function cachePartition(body: Record<string, unknown>): string {
  const text = body['text'] as { format?: unknown } | undefined
  return JSON.stringify([body['model'], body['tools'] ?? [], text?.format ?? null, body['prompt_cache_key'] ?? null])
}

export async function startFakeOpenAI(options: FakeOptions = {}): Promise<FakeOpenAI> {
  let handler = options.handler
  let latency = options.latencyMs ?? 0
  const judge = options.judge ?? defaultJudge
  const review = options.review ?? defaultReview
  const screen = options.screen ?? defaultScreen
  const requests: RecordedRequest[] = []
  /** Earlier prompts by cache partition. */
  const prompts = new Map<string, string[]>()
  let inFlight = 0
  let maxInFlight = 0

  const send = (res: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${requests.length}`, ...headers })
    res.end(text)
  }
  const apiError = (
    res: ServerResponse,
    status: number,
    message: string,
    type: string,
    code: string | null,
    headers?: Record<string, string>,
  ) => send(res, status, { error: { message, type, param: null, code } }, headers)

  // The default model's structured answer to a request.
  const defaultAnswer = (request: RecordedRequest): unknown => {
    if (request.kind === 'investigate') return investigationAnswer(request.claims, judge)
    if (request.kind === 'screen') return screeningAnswer(request.sentences, screen)
    if (request.kind === 'validate' && request.correction) {
      return validationAnswer(request.correction, review(request.claim ?? '', request.correction))
    }
    return { message: 'ok' }
  }
  const searchedIn = (answer: any): Array<{ url: string; title: string }> => {
    const sources: any[] = answer?.judgements?.flatMap((j: any) => j?.correction?.sources ?? []) ?? []
    return sources.filter((s) => typeof s?.url === 'string').map((s) => ({ url: s.url, title: String(s.title ?? s.url) }))
  }

  // A 200 whose body is a valid response padded to `bytes`, streamed (no
  // content-length) as fast as the client reads it, and stopped when it hangs up.
  const sendHuge = async (res: ServerResponse, text: string, bytes: number) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    let closed = false
    res.on('close', () => (closed = true))
    const head = `{"padding":"`
    const tail = `",${text.slice(1)}`
    res.write(head)
    const chunk = 'x'.repeat(64 * 1024)
    for (let sent = head.length + tail.length; sent < bytes && !closed; sent += chunk.length) {
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go)
            res.off('close', go)
            resolve()
          }
          res.on('drain', go)
          res.on('close', go)
        })
      }
    }
    if (!closed) res.end(tail)
  }
  const wireText = (answer: unknown) => JSON.stringify(responseBody({ request: {}, text: JSON.stringify(answer), inputText: '' }))

  // The o200k mode's cache: looked up as a request arrives, filled once it is answered.
  const promptCache = options.tokenizer === 'o200k' ? new PromptCache() : undefined
  const arrive = (request: RecordedRequest): (() => void) => {
    if (!promptCache) return () => {}
    const tokens = renderedTokens(request.body)
    const route = PromptCache.route(request.body)
    request.usage = { inputTokens: tokens.length, cachedTokens: promptCache.lookup(route, tokens) }
    return () => promptCache.store(route, tokens)
  }

  /**
   * The Responses API body answering `request` with `answer`, its prompt cache read
   * as it arrives (once per request): for a request sent alone and a batch's line.
   */
  const answering = (request: RecordedRequest) => {
    const body = request.body as Record<string, unknown>
    const prompt = request.instructions + request.input
    let cached = request.usage?.cachedTokens ?? 0
    if (!promptCache) {
      const partition = cachePartition(body)
      const earlier = prompts.get(partition) ?? []
      cached = cachedTokens(prompt, earlier)
      earlier.push(prompt)
      prompts.set(partition, earlier)
    }
    const counted = request.usage ? { inputTokens: request.usage.inputTokens, countTokens: textTokens } : {}
    return (answer: unknown, extra: Partial<Parameters<typeof responseBody>[0]> = {}) => {
      const text = typeof answer === 'string' ? answer : JSON.stringify(answer)
      return responseBody({
        request: body,
        text,
        searched: searchedIn(answer),
        inputText: prompt,
        cachedTokens: cached,
        ...counted,
        ...extra,
      })
    }
  }

  /** A batch's line, answered by the handler or the default model as a request sent alone is; a fault fails the line with a 500. */
  const answerLine = async (request: RecordedRequest): Promise<{ status: number; body: unknown }> => {
    const processed = arrive(request)
    const chosen = await handler?.(request)
    if (chosen && 'status' in chosen)
      return { status: chosen.status, body: typeof chosen.body === 'string' ? JSON.parse(chosen.body) : chosen.body }
    if (chosen && 'fault' in chosen)
      return {
        status: 500,
        body: { error: { message: `fake server: ${chosen.fault} in a batch`, type: 'server_error', param: null, code: null } },
      }
    const body = answering(request)(chosen ? chosen.answer : defaultAnswer(request), chosen?.searched ? { searched: chosen.searched } : {})
    processed()
    return { status: 200, body }
  }
  const batches = new BatchStore((body, batchId) => {
    const request = record('POST', '/v1/responses', {}, JSON.stringify(body))
    request.batch = batchId
    requests.push(request)
    return answerLine(request)
  })

  const reply = async (res: ServerResponse, request: RecordedRequest, chosen: Reply | undefined) => {
    const bodyFor = answering(request)
    const wire = (answer: unknown, extra: Partial<Parameters<typeof responseBody>[0]> = {}) => send(res, 200, bodyFor(answer, extra))
    if (!chosen) return wire(defaultAnswer(request))
    if ('status' in chosen) return send(res, chosen.status, chosen.body, chosen.headers)
    if ('answer' in chosen) return wire(chosen.answer, chosen.searched ? { searched: chosen.searched } : {})
    const first = request.claims[0]
    switch (chosen.fault) {
      case 'rate-limit':
        return apiError(res, 429, 'Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded', {
          'retry-after': String(chosen.retryAfter ?? 1),
        })
      case 'server-error':
        return apiError(res, 500, 'The server had an error while processing your request.', 'server_error', null)
      case 'hang':
        return // never answered; the socket closes with the server
      case 'trickle': {
        // Headers at once, then a byte at a time: a client's idle timeout never fires.
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{')
        const timer = setInterval(() => res.write(' '), chosen.intervalMs ?? 50)
        return new Promise<void>((resolve) => res.on('close', () => resolve(clearInterval(timer))))
      }
      case 'huge':
        return sendHuge(res, wireText(defaultAnswer(request)), chosen.bytes ?? 50_000_000)
      case 'echo': {
        // A careless server repeats what it was sent, the key included.
        const authorization = request.headers.authorization ?? ''
        return send(res, 401, {
          error: {
            message: `Incorrect API key provided in "Authorization: ${authorization}".`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
          received: { headers: { authorization } },
        })
      }
      case 'malformed-json':
        return wire(JSON.stringify(defaultAnswer(request)).slice(0, 25))
      case 'malformed-body':
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end('{"id": "resp_123", "object": "response", "output": [')
      case 'schema-violation':
        return wire(
          request.kind === 'validate'
            ? { approved: 'yes', reason: 42 }
            : { judgements: request.claims.map((c) => ({ id: c.id, verdict: 'probably-false', correction: null })) },
        )
      case 'incomplete':
        return wire(JSON.stringify(defaultAnswer(request)).slice(0, 40), { status: 'incomplete', incompleteReason: 'max_output_tokens' })
      case 'refusal':
        return wire('', { refusal: "I'm sorry, but I can't help with that request." })
      case 'quote-not-in-post':
      case 'javascript-url':
      case 'unsafe-urls': {
        const answer = defaultAnswer(request) as { judgements?: any[] }
        if (request.kind !== 'investigate' || !first || !answer.judgements) return wire(answer)
        const correction = correctionFor(first)
        if (chosen.fault === 'quote-not-in-post') correction.quote = 'the moon landing was staged in a studio'
        else if (chosen.fault === 'javascript-url') {
          correction.quote = quoteFor(first.text)
          correction.sources = [{ url: 'javascript:alert(document.cookie)', title: 'A trustworthy source', quote: 'Trust me.' }]
        } else {
          correction.quote = quoteFor(first.text)
          correction.sources = [
            'https://admin:hunter2@example.com/x',
            'http://127.0.0.1:8080/admin',
            'http://169.254.169.254/latest/meta-data/',
            'http://192.168.1.1/',
            `https://example.com/${'a'.repeat(100_000)}`,
          ].map((url) => ({ url, title: 'A trustworthy source', quote: 'Trust me.' }))
        }
        answer.judgements[0] = { id: first.id, verdict: 'incorrect', correction }
        return wire(answer)
      }
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const path = (req.url ?? '/').split('?')[0]!
      const request = record(req.method ?? 'GET', path, req.headers, Buffer.concat(chunks).toString('utf8'))
      requests.push(request)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      let hang = false
      try {
        const batchPath = path.startsWith('/v1/files') || path.startsWith('/v1/batches')
        if (!batchPath && (req.method !== 'POST' || path !== '/v1/responses')) {
          return apiError(res, 404, `Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url')
        }
        if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
          return apiError(res, 401, 'You did not provide an API key.', 'invalid_request_error', 'missing_api_key')
        }
        if (batchPath) {
          const answer = await batches.serve(req.method ?? 'GET', path, req.headers, Buffer.concat(chunks))
          res.writeHead(answer.status, { 'content-type': answer.type, 'x-request-id': `req_${requests.length}` })
          return res.end(answer.body)
        }
        if (!request.body || typeof request.body.model !== 'string' || request.body.input === undefined) {
          return apiError(res, 400, 'The body must be JSON with "model" and "input".', 'invalid_request_error', null)
        }
        const processed = arrive(request)
        const chosen = await handler?.(request)
        hang = chosen !== undefined && 'fault' in chosen && chosen.fault === 'hang'
        if (latency > 0) await sleep(latency)
        await reply(res, request, chosen)
        // A prompt the model read is cached; one refused at the door (429, 5xx, a hang, a raw reply) is not.
        const refused =
          chosen !== undefined &&
          ('status' in chosen || ('fault' in chosen && ['rate-limit', 'server-error', 'hang', 'echo'].includes(chosen.fault)))
        if (!refused) processed()
      } catch (error) {
        apiError(res, 500, `fake server: ${(error as Error).message}`, 'server_error', null)
      } finally {
        if (!hang) inFlight--
        else res.on('close', () => inFlight--)
      }
    })
  }
  const tls = () => ({
    key: readFileSync(new URL('tls/key.pem', import.meta.url)),
    cert: readFileSync(new URL('tls/cert.pem', import.meta.url)),
  })
  const server = options.tls ? createTlsServer(tls(), listener) : createServer(listener)
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
    requests,
    setHandler: (next) => void (handler = next),
    setLatency: (ms) => void (latency = ms),
    get inFlight() {
      return inFlight
    },
    get maxInFlight() {
      return maxInFlight
    },
    investigations: () => requests.filter((r) => r.kind === 'investigate'),
    validations: () => requests.filter((r) => r.kind === 'validate'),
    screenings: () => requests.filter((r) => r.kind === 'screen'),
    batches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
