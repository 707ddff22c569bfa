// Token counting and prompt caching as the provider documents them, for the
// fake server's `tokenizer: 'o200k'` mode (README.md, "Tokens and the prompt
// cache"). A request is rendered the way the provider reads it: tool
// definitions, then the structured output schema (a prefix to the system
// message), then the instructions, then the input, each part tokenized with
// o200k_base (the tokenizer of the gpt-4o and gpt-5 families) and framed by
// its role's start and end tokens. Everything rendered is billed as input and
// is part of the prefix the cache matches.

import { encode } from 'gpt-tokenizer/encoding/o200k_base'

/** Cache hits need at least this many tokens of common prefix, and come in steps of this many. */
export const CACHE_MINIMUM = 1024
export const CACHE_STEP = 128

// Framing tokens around each part: a start, a role and an end token, as the chat
// formats put them. Negative so that they never equal a text token.
const FRAME = { tools: -1, format: -2, developer: -3, user: -4, end: -9 } as const

function part(role: keyof typeof FRAME, text: string): number[] {
  return [FRAME[role], ...encode(text), FRAME.end]
}

/** The input as the messages it holds: a string is one user message. */
function messages(input: unknown): Array<{ role: string; text: string }> {
  if (typeof input === 'string') return [{ role: 'user', text: input }]
  if (!Array.isArray(input)) return []
  return input.map((item: any) => ({
    role: typeof item?.role === 'string' ? item.role : 'user',
    text:
      typeof item?.content === 'string'
        ? item.content
        : Array.isArray(item?.content)
          ? item.content.map((piece: any) => piece?.text ?? '').join('\n')
          : '',
  }))
}

/**
 * A request body as the tokens the provider bills and caches, in order: tools,
 * output schema, instructions, input. `tool_choice` is not rendered: the docs
 * list tools and the schema as part of the cached prefix, not the choice.
 */
export function renderedTokens(body: Record<string, any>): number[] {
  const tokens: number[] = []
  const tools = Array.isArray(body.tools) ? body.tools : []
  if (tools.length > 0) tokens.push(...part('tools', JSON.stringify(tools)))
  const format = body.text?.format
  if (format && format.type === 'json_schema') {
    tokens.push(...part('format', JSON.stringify({ name: format.name, strict: format.strict ?? false, schema: format.schema })))
  }
  if (typeof body.instructions === 'string' && body.instructions) tokens.push(...part('developer', body.instructions))
  for (const message of messages(body.input))
    tokens.push(...part(message.role === 'developer' || message.role === 'system' ? 'developer' : 'user', message.text))
  return tokens
}

/** Tokens of a text (an answer), as o200k_base counts them. */
export function textTokens(text: string): number {
  return encode(text).length
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const end = Math.min(a.length, b.length)
  let same = 0
  while (same < end && a[same] === b[same]) same++
  return same
}

/**
 * The provider's prompt cache. A prompt is stored once its request has been
 * processed (its answer sent): requests that arrive meanwhile miss it, as with
 * the real API. Requests reach the cache of their routing only: the model and
 * the `prompt_cache_key` (the provider routes on a hash of the prompt's first
 * tokens combined with that key; prompts that differ in their first tokens share
 * no cacheable prefix anyway, since 1,024 tokens are the minimum). Entries do not
 * expire (the provider keeps them 5 to 10 minutes idle: longer than any test run)
 * and never overflow to another machine.
 */
export class PromptCache {
  #stored = new Map<string, number[][]>()

  static route(body: Record<string, any>): string {
    return JSON.stringify([body.model ?? null, body.prompt_cache_key ?? null])
  }

  /** Cached tokens for `tokens` now: the longest prefix in common with a stored prompt, 0 under 1,024, else whole steps of 128. */
  lookup(route: string, tokens: readonly number[]): number {
    let longest = 0
    for (const stored of this.#stored.get(route) ?? []) longest = Math.max(longest, commonPrefix(tokens, stored))
    return longest >= CACHE_MINIMUM ? Math.floor(longest / CACHE_STEP) * CACHE_STEP : 0
  }

  store(route: string, tokens: number[]): void {
    const stored = this.#stored.get(route) ?? []
    stored.push(tokens)
    this.#stored.set(route, stored)
  }
}
