// Usage is counted where it happens: at the HTTP edge. Every attempt counts as a
// request (SDK retries included), and tokens and searches are read from every
// response body, including answers that later fail the schema: they were paid for.

export class UsageMeter {
  requests = 0
  inputTokens = 0
  outputTokens = 0
  searches = 0

  get tokens(): number {
    return this.inputTokens + this.outputTokens
  }

  /** A fetch that counts what passes through it. */
  wrap(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      this.requests++
      const response = await inner(input, init)
      if (response.ok) {
        try {
          this.#count(await response.clone().json())
        } catch {
          // Not JSON: the SDK reports it; there is nothing to count.
        }
      }
      return response
    }
  }

  #count(body: unknown) {
    if (typeof body !== 'object' || body === null) return
    const { usage, output, tool_usage: toolUsage } = body as {
      usage?: { input_tokens?: unknown; output_tokens?: unknown }
      output?: Array<{ type?: unknown; action?: { type?: unknown } }>
      tool_usage?: { web_search?: { num_requests?: unknown } }
    }
    const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0)
    this.inputTokens += count(usage?.input_tokens)
    this.outputTokens += count(usage?.output_tokens)
    const billed = toolUsage?.web_search?.num_requests
    this.searches += typeof billed === 'number'
      ? count(billed)
      : (Array.isArray(output) ? output : []).filter((item) => item?.type === 'web_search_call' && item.action?.type === 'search').length
  }
}
