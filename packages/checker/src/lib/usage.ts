// What a run used: requests (every try, retries included; the HTTP edge counts
// them), and the tokens and searches each answer reports. An answer that later
// fails the schema counts too: it was paid for.

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

  /** Count the tokens and searches an answer reports (a response's body, or a line of a batch's output); not a request. */
  countAnswer(text: string): void {
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
