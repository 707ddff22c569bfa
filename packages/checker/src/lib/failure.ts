// What went wrong with an exchange, by the type of its error (the SDK's error
// classes, Node's and undici's error codes down the cause chain), never by the
// words of a message: the kind the circuit breaker counts, and a short line that
// names the endpoint and the cause.

// The error classes alone (a few ms): the SDK itself loads only when a run needs a client (call.ts).
import { APIConnectionError, APIConnectionTimeoutError, APIError, RateLimitError } from 'openai/error'
import { ResponseTooLarge } from './http-edge.ts'

/** A failure of the endpoint rather than of one request: no answer, an answer too large, 5xx, or a key or address that is wrong for every request. */
export function isEndpointFailure(error: unknown): boolean {
  if (error instanceof APIConnectionError || findCause(error, ResponseTooLarge)) return true
  return error instanceof APIError && error.status !== undefined && (error.status >= 500 || [401, 403, 404].includes(error.status))
}

/** A failure of the exchange in one short line, naming the endpoint and the cause where the network failed. */
export function describeFailure(error: unknown, context: { timeoutMs: number; endpoint: string }): string {
  const tooLarge = findCause(error, ResponseTooLarge)
  if (tooLarge) return `${context.endpoint} sent ${tooLarge.message}`
  if (error instanceof APIConnectionTimeoutError) {
    return `${context.endpoint} timed out: no complete answer within ${context.timeoutMs} ms (timeoutMs)`
  }
  if (error instanceof APIConnectionError) return `could not reach ${context.endpoint}: ${networkCause(error)}`
  if (error instanceof RateLimitError) return `the API kept refusing with 429 (rate limited): ${clip(error.message)}`
  // The SDK's message starts with the status again ("401 Incorrect API key...").
  if (error instanceof APIError)
    return `the API answered ${error.status ?? 'with an error'}: ${clip(error.message.replace(/^\d{3}\s+/, ''))}`
  // The SDK parses the body of a response it received: a SyntaxError from the exchange is the body's.
  if (error instanceof SyntaxError) return "the API's response is not valid JSON"
  return clip(error instanceof Error ? error.message : String(error))
}

export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

/** The errors under `error`, outermost first: the SDK wraps undici's "fetch failed", which wraps the system's error. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let at = error; at !== undefined && at !== null && chain.length < 10; at = (at as { cause?: unknown }).cause) chain.push(at)
  return chain
}

export function findCause<T>(error: unknown, kind: new (...args: never[]) => T): T | undefined {
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
