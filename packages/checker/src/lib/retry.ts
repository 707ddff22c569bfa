// Whether a failed try is worth another, and how long to wait first: the openai
// SDK's own schedule (its private shouldRetry, retryRequest and
// calculateDefaultRetryTimeoutMillis, openai 7.57), restated because the tries
// themselves are vetted's (call.ts): the SDK's loop retries every error its
// fetch throws, an answer too large included; reports no try to a caller, so a
// run-wide circuit breaker cannot see them; and waits on the one signal that
// also cancels the try in flight, so a run cannot stop retrying (the first
// Ctrl-C) without dropping answers already on their way.

import { APIConnectionError, APIError } from 'openai/error'
import { ResponseTooLarge } from './http-edge.ts'
import { findCause } from './failure.ts'

/** Worth another try, as the SDK judges it: no answer in time or no connection, 408, 409, 429, 5xx, unless the server said not to; never an answer too large (it would be as large again). */
export function isRetryable(error: unknown): boolean {
  if (findCause(error, ResponseTooLarge)) return false
  if (error instanceof APIConnectionError) return true
  if (!(error instanceof APIError) || error.status === undefined) return false
  const header = error.headers?.get('x-should-retry')
  if (header === 'true' || header === 'false') return header === 'true'
  return [408, 409, 429].includes(error.status) || error.status >= 500
}

/** The server's retry-after (up to a minute), else 0.5 s doubling up to 8 s, with jitter: the SDK's schedule. `attempt` counts from 0. */
export function retryDelayMs(error: unknown, attempt: number): number {
  const asked = error instanceof APIError ? askedDelayMs(error.headers) : Number.NaN
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
