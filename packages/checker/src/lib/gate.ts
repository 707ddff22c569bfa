// Every model request passes this gate: at most `concurrency` in flight, first
// come first served (so a batch's validations queue behind the investigations
// already waiting, which keeps the schedule tight), and none once the budget is
// spent or the run is aborted. (A run whose endpoint keeps failing is stopped by
// the circuit breaker, breaker.ts.)

import type { UsageMeter } from './usage.ts'

/** The request was never sent: the budget is spent, the endpoint kept failing, or the run was aborted. Not an error of the claim. */
export class NotSent extends Error {
  readonly why: 'budget' | 'stopped' | 'aborted'
  constructor(why: 'budget' | 'stopped' | 'aborted') {
    super(why === 'budget' ? 'the budget is spent' : why === 'stopped' ? 'the endpoint kept failing' : 'the run was aborted')
    this.name = 'NotSent'
    this.why = why
  }
}

export class RequestGate {
  budgetExhausted = false
  #free: number
  #waiting: Array<() => void> = []
  #started = 0
  readonly #meter: UsageMeter
  readonly #budget: { requests: number; tokens: number }
  readonly #signal: AbortSignal

  constructor(concurrency: number, meter: UsageMeter, budget: { requests: number; tokens: number }, signal: AbortSignal) {
    this.#free = concurrency
    this.#meter = meter
    this.#budget = budget
    this.#signal = signal
  }

  /** Aborted when no request may start any more, a retry included: the run is stopping. */
  get stopping(): AbortSignal {
    return this.#signal
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    try {
      if (this.#signal.aborted) throw new NotSent('aborted')
      // Requests in flight may still finish past the budget; none starts after it.
      const requests = Math.max(this.#started, this.#meter.requests)
      if (requests >= this.#budget.requests || this.#meter.tokens >= this.#budget.tokens) {
        this.budgetExhausted = true
        throw new NotSent('budget')
      }
      this.#started++
      return await task()
    } finally {
      const next = this.#waiting.shift()
      if (next) next()
      else this.#free++
    }
  }
}
