// One request's tries, as the openai SDK makes them: the SDK decides whether a
// failed try is worth another and how long to wait (maxRetries, x-should-retry,
// Retry-After, its backoff). What it lacks is here, in the fetch every try
// passes (the request's own client, `fetch` below):
// - each try reports to the run's circuit breaker (the SDK reports none);
// - the first try's end lets the post's other requests go (warmup.ts);
// - the request gives up before another try when the answer was too large (the
//   SDK retries any error its fetch throws, and it would be as large again),
//   when the breaker has opened, or when the run stops sending (the first
//   Ctrl-C). It gives up by aborting its signal, which the SDK's wait between
//   tries honours; a try in flight is never cut short for it.
// The request then ends with its last try's failure.

import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai/error'
import type { CircuitBreaker } from './breaker.ts'
import { findCause, isEndpointFailure } from './failure.ts'
import { ResponseTooLarge } from './http-edge.ts'

export class Tries {
  readonly #giveUp = new AbortController()
  #count = 0
  #inFlight = false
  /** The last try's failure, as the SDK would have thrown it; undefined after a success. */
  #failure: unknown
  readonly #breaker: CircuitBreaker
  readonly #stopping: AbortSignal
  readonly #firstTryEnded: () => void
  readonly #describe: (error: unknown) => string
  readonly #onStop = () => {
    if (!this.#inFlight) this.#endIfFailed()
  }

  /**
   * `stopping`: aborted when no try may start any more (the gate's). `describe`
   * words a failure for the breaker's reason.
   */
  constructor(breaker: CircuitBreaker, stopping: AbortSignal, firstTryEnded: () => void, describe: (error: unknown) => string) {
    this.#breaker = breaker
    this.#stopping = stopping
    this.#firstTryEnded = firstTryEnded
    this.#describe = describe
    stopping.addEventListener('abort', this.#onStop, { once: true })
  }

  /** For the SDK's `signal` (with the run's own): aborted when the request gives up. */
  get signal(): AbortSignal {
    return this.#giveUp.signal
  }

  /** The failure the request gave up on, if it did. */
  get gaveUpOn(): unknown {
    return this.#giveUp.signal.aborted ? this.#giveUp.signal.reason : undefined
  }

  /** The fetch for this request's client: `edge`, with each try reported. */
  fetch(edge: typeof fetch, hardAbort: AbortSignal): typeof fetch {
    return async (input, init) => {
      if (this.#count > 0 && (this.#breaker.open || this.#stopping.aborted)) {
        this.#endIfFailed()
        throw this.#failure
      }
      this.#count++
      this.#inFlight = true
      try {
        const response = await edge(input, init)
        this.#failure = response.ok ? undefined : await statusError(response)
        return response
      } catch (error) {
        if (hardAbort.aborted) throw error // the run drops what is in flight: nothing to report
        this.#failure = init?.signal?.aborted
          ? new APIConnectionTimeoutError() // the SDK aborted the try: its timeout
          : (findCause(error, ResponseTooLarge) ?? new APIConnectionError({ cause: error as Error }))
        throw error
      } finally {
        this.#inFlight = false
        if (!hardAbort.aborted) this.#ended()
      }
    }
  }

  /** Stop listening to the run (the request has ended). */
  dispose(): void {
    this.#stopping.removeEventListener('abort', this.#onStop)
  }

  #ended() {
    const failure = this.#failure
    if (failure === undefined) this.#breaker.succeeded()
    else if (isEndpointFailure(failure)) this.#breaker.failed(this.#describe(failure))
    if (this.#count === 1) this.#firstTryEnded()
    if (this.#stopping.aborted || this.#breaker.open || failure instanceof ResponseTooLarge) this.#endIfFailed()
  }

  #endIfFailed() {
    if (this.#failure !== undefined && !this.#giveUp.signal.aborted) this.#giveUp.abort(this.#failure)
  }
}

/** The error the SDK makes of a failed response (its makeStatusError): the body is in memory already (the edge read it). */
async function statusError(response: Response): Promise<APIError> {
  const text = await response.clone().text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const body =
    typeof json === 'object' && json !== null ? ((json as { error?: unknown }).error == null ? { error: json } : json) : undefined
  return APIError.generate(response.status, body, body ? undefined : text, response.headers)
}
