// One structured Responses API call, and everything that can go wrong with it
// turned into a short reason. A failed call is never a verdict: the caller
// records the reason as an error for the claims it was about.

import { describeZodIssue } from '@vetted/core'
import type OpenAI from 'openai'
import { ZodError, type z } from 'zod'
import { CheckerConfigError, type ResolvedConfig } from './config.ts'
import { NotSent, type RequestGate } from './gate.ts'
import type { UsageMeter } from './usage.ts'

export interface CallContext {
  client: OpenAI
  gate: RequestGate
  model: string
  timeoutMs: number
  signal: AbortSignal
  /** Called as a request leaves the gate (to count what was sent). */
  onSent?: () => void
}

// The SDK is loaded when a run first needs a client: `vetted check --ci` and the
// other commands that never call the API skip its load (about 100 ms).
let sdk: { OpenAI: typeof OpenAI; zodTextFormat: typeof import('openai/helpers/zod').zodTextFormat } | undefined

export async function createClient(config: ResolvedConfig, meter: UsageMeter): Promise<OpenAI> {
  if (!config.apiKey) throw new CheckerConfigError('no OpenAI API key: set OPENAI_API_KEY or pass apiKey')
  sdk ??= { OpenAI: (await import('openai')).default, zodTextFormat: (await import('openai/helpers/zod')).zodTextFormat }
  return new sdk.OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    fetch: meter.wrap(config.fetch),
  })
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; reason: string }

/**
 * Ask the model with web search on and a zod-checked answer. Throws `NotSent`
 * when the gate holds the request back (or the run is aborted); every other
 * failure comes back as `{ ok: false, reason }`.
 */
export async function callStructured<S extends z.ZodType>(
  context: CallContext,
  request: { name: string; schema: S; instructions: string; input: string },
): Promise<CallResult<z.infer<S>>> {
  return context.gate.run(async () => {
    context.onSent?.()
    try {
      const response = await context.client.responses.parse(
        {
          model: context.model,
          instructions: request.instructions,
          input: request.input,
          tools: [{ type: 'web_search' }],
          include: ['web_search_call.action.sources'],
          text: { format: sdk!.zodTextFormat(request.schema, request.name) },
        },
        { signal: context.signal },
      )
      if (response.status && response.status !== 'completed') {
        if (response.status === 'incomplete') {
          const why = response.incomplete_details?.reason
          return { ok: false, reason: `the model's answer is incomplete${why ? ` (${why})` : ''}` }
        }
        return { ok: false, reason: `the response ended with status ${response.status}${response.error ? `: ${clip(response.error.message)}` : ''}` }
      }
      for (const item of response.output) {
        if (item.type !== 'message') continue
        for (const content of item.content) {
          if (content.type === 'refusal') return { ok: false, reason: `the model refused: ${clip(content.refusal)}` }
        }
      }
      if (response.output_parsed == null) return { ok: false, reason: 'the model gave no structured answer' }
      return { ok: true, value: response.output_parsed as z.infer<S> }
    } catch (error) {
      if (context.signal.aborted || (sdk && error instanceof sdk.OpenAI.APIUserAbortError)) throw new NotSent('aborted')
      return { ok: false, reason: describeFailure(error, context.timeoutMs) }
    }
  })
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

export function describeFailure(error: unknown, timeoutMs: number): string {
  const api = sdk?.OpenAI // an error from the SDK means it was loaded
  if (api && error instanceof api.APIConnectionTimeoutError) return `the request timed out (no answer within ${timeoutMs} ms)`
  if (api && error instanceof api.APIConnectionError) return `could not reach the API: ${clip(String((error.cause as Error | undefined)?.message ?? error.message))}`
  if (api && error instanceof api.RateLimitError) return `the API kept refusing with 429 (rate limited): ${clip(error.message)}`
  if (api && error instanceof api.APIError) return `the API answered ${error.status ?? 'with an error'}: ${clip(error.message)}`
  if (error instanceof ZodError || (error as Error | undefined)?.name === 'ZodError') {
    const lead = "the model's answer does not fit the schema"
    return (error as ZodError).issues.length > 0 ? clip(describeZodIssue(error as ZodError, `${lead} at`).line, 300) : lead
  }
  if (error instanceof SyntaxError) {
    return /structured output/i.test(error.message) ? "the model's answer is not valid JSON" : "the API's response is not valid JSON"
  }
  return clip(error instanceof Error ? error.message : String(error))
}
