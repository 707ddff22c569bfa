// The HTTP edge: every attempt passes `UsageMeter.wrap`, which counts it (retries
// included), bounds it (a deadline for the whole exchange, headers and body; a
// limit on the answer's size), takes the configured secrets out of the answer,
// and reads tokens and searches from every answer, including answers that later
// fail the schema: they were paid for.

import { redactSecrets } from './redact.ts'

/** No complete answer within the deadline: headers and body together, so a trickling answer ends too. */
export class ResponseTimeout extends Error {
  readonly timeoutMs: number
  constructor(timeoutMs: number) {
    super(`timed out: no complete answer within ${timeoutMs} ms`)
    this.name = 'ResponseTimeout'
    this.timeoutMs = timeoutMs
  }
}

/** The answer is larger than `maxResponseBytes`: it was not read further. */
export class ResponseTooLarge extends Error {
  readonly limit: number
  constructor(limit: number) {
    super(`an answer larger than ${limit} bytes (maxResponseBytes), not read further`)
    this.name = 'ResponseTooLarge'
    this.limit = limit
  }
}

export interface ExchangeLimits {
  timeoutMs: number
  maxResponseBytes: number
  /** Taken out of every answer: nothing downstream (an error, a correction, a ledger) can then repeat them. */
  secrets: readonly string[]
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])

export class UsageMeter {
  requests = 0
  inputTokens = 0
  /** Of `inputTokens`, those the API served from its prompt cache (billed at a lower rate). */
  cachedInputTokens = 0
  outputTokens = 0
  searches = 0

  get tokens(): number {
    return this.inputTokens + this.outputTokens
  }

  /**
   * A fetch that counts what passes through it and reads each answer whole, within
   * `timeoutMs` and `maxResponseBytes`; it throws `ResponseTimeout` or
   * `ResponseTooLarge` past them. The answer it returns is already in memory.
   */
  wrap(inner: typeof fetch, limits: ExchangeLimits): typeof fetch {
    return async (input, init) => {
      this.requests++
      const deadline = AbortSignal.timeout(limits.timeoutMs)
      const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
      try {
        const response = await inner(input, { ...init, signal })
        const body = redactSecrets((await readBounded(response, limits.maxResponseBytes)).toString('utf8'), limits.secrets)
        if (response.ok) this.#count(body)
        return new Response(NULL_BODY_STATUS.has(response.status) ? null : body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        })
      } catch (error) {
        // The caller's own abort (Ctrl-C, the SDK's timer) stays what it was.
        if (deadline.aborted && !init?.signal?.aborted) throw new ResponseTimeout(limits.timeoutMs)
        throw error
      }
    }
  }

  /** Count the tokens and searches of an answer that came another way (a line of a batch's output); not a request. */
  countAnswer(text: string): void {
    this.#count(text)
  }

  #count(text: string) {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return // Not JSON: the SDK reports it; there is nothing to count.
    }
    if (typeof body !== 'object' || body === null) return
    const {
      usage,
      output,
      tool_usage: toolUsage,
    } = body as {
      usage?: { input_tokens?: unknown; output_tokens?: unknown; input_tokens_details?: { cached_tokens?: unknown } }
      output?: Array<{ type?: unknown; action?: { type?: unknown } }>
      tool_usage?: { web_search?: { num_requests?: unknown } }
    }
    const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0)
    const input = count(usage?.input_tokens)
    this.inputTokens += input
    this.cachedInputTokens += Math.min(input, count(usage?.input_tokens_details?.cached_tokens))
    this.outputTokens += count(usage?.output_tokens)
    const billed = toolUsage?.web_search?.num_requests
    this.searches +=
      typeof billed === 'number'
        ? count(billed)
        : (Array.isArray(output) ? output : []).filter((item) => item?.type === 'web_search_call' && item.action?.type === 'search').length
  }
}

/** The body, whole, or `ResponseTooLarge` as soon as it passes `limit` bytes (the rest is never read). */
async function readBounded(response: Response, limit: number): Promise<Buffer<ArrayBuffer>> {
  if (!response.body) return Buffer.alloc(0)
  const declared = Number(response.headers.get('content-length'))
  if (declared > limit) {
    await response.body.cancel().catch(() => {})
    throw new ResponseTooLarge(limit)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) throw new ResponseTooLarge(limit) // leaving the loop cancels the stream
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
  }
  return Buffer.concat(chunks)
}
