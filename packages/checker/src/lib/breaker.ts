// The circuit breaker: a run whose endpoint keeps failing stops sending, rather
// than spend every claim's tries on it. Every try reports to it (tries.ts).

/**
 * Stops a run whose endpoint keeps failing: after `limit` failed requests in a
 * row (any success in between resets the count) it opens, for good, with one
 * reason that names the endpoint and the last failure.
 */
export class CircuitBreaker {
  /** Set when the breaker opens: why the run stopped sending. */
  reason: string | undefined
  #failures = 0
  readonly #limit: number
  readonly #endpoint: string

  constructor(limit: number, endpoint: string) {
    this.#limit = limit
    this.#endpoint = endpoint
  }

  get open(): boolean {
    return this.reason !== undefined
  }

  succeeded(): void {
    this.#failures = 0
  }

  failed(why: string): void {
    this.#failures++
    if (this.#failures >= this.#limit && !this.open) {
      this.reason = `stopped sending after ${this.#failures} failed requests in a row to ${this.#endpoint} (maxConsecutiveFailures); the last: ${why}`
    }
  }
}
