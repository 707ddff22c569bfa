import { z } from 'zod'

const positiveInt = z.number().int().min(1)

/** Options of the checker. Everything has a default except the API key (or `OPENAI_API_KEY`). */
export const CheckerConfigSchema = z
  .object({
    /** Responses API model. */
    model: z.string().min(1).optional(),
    /** Else `OPENAI_API_KEY`. */
    apiKey: z.string().min(1).optional(),
    /** Any OpenAI-compatible server; else `OPENAI_BASE_URL`, else api.openai.com. */
    baseURL: z.url().optional(),
    /** Claims per investigate request. */
    batchSize: positiveInt.optional(),
    /** Requests in flight at once. */
    concurrency: positiveInt.optional(),
    /** Per HTTP request. */
    timeoutMs: positiveInt.optional(),
    /** SDK retries per request (429, 5xx, timeouts, connection errors; honours retry-after). */
    maxRetries: z.number().int().min(0).optional(),
    /** Stop sending when either is used up (HTTP requests, input + output tokens). */
    budget: z.object({ requests: z.number().int().min(0).optional(), tokens: z.number().int().min(0).optional() }).optional(),
    /** Self-consistency: investigate each batch this many times. */
    samples: positiveInt.optional(),
    /** Flag a claim only when at least this many samples do (default: a majority). */
    minAgreement: positiveInt.optional(),
    fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'a fetch function').optional(),
  })
  .refine((c) => c.minAgreement === undefined || c.minAgreement <= (c.samples ?? 1), {
    message: 'minAgreement cannot exceed samples',
    path: ['minAgreement'],
  })
export type CheckerConfig = z.input<typeof CheckerConfigSchema>
