import { z } from 'zod'

/** The Responses API model asked unless a config says otherwise. */
export const DEFAULT_MODEL = 'gpt-5.1'

const positiveInt = z.number().int().min(1)

/**
 * The checker's settings: the keys that `checkPost`'s `config` and the CLI's
 * vetted.config share, each with its default. The CLI's `VettedConfigSchema`
 * extends this schema with its own keys (`.safeExtend`, which keeps the check that
 * `minAgreement` fits `samples`).
 */
export const CheckerSettingsSchema = z
  .object({
    /** Responses API model; with the prompt version, the checker identity that keys the cache. */
    model: z.string().min(1).default(DEFAULT_MODEL),
    /** Else `OPENAI_API_KEY`. */
    apiKey: z.string().min(1).optional(),
    /** Any OpenAI-compatible server; else `OPENAI_BASE_URL`, else api.openai.com. */
    baseURL: z.url().optional(),
    /**
     * Claims per investigate request. Small batches let the post's later requests
     * read it from the provider's prompt cache (docs/design.md, "Coverage and cost").
     */
    batchSize: positiveInt.default(4),
    /**
     * Which sentences reach the checker: `all` (every sentence of prose: those
     * detection does not select are screened first, and the check-worthy ones are
     * judged like claims) or `claims` (only the detected claims).
     */
    coverage: z.enum(['all', 'claims']).default('all'),
    /** The model that screens sentences (no web search; a cheaper one will do); else `model`. */
    screenModel: z.string().min(1).optional(),
    /** Requests in flight at once. */
    concurrency: positiveInt.default(4),
    /**
     * Per HTTP request, in milliseconds: the whole exchange, headers and body, so a
     * server that trickles its answer ends here too. Web search makes answers slow.
     */
    timeoutMs: positiveInt.default(180_000),
    /** Tries after the first, per request: on timeouts, connection errors, 408, 409, 429 and 5xx (honouring retry-after). */
    maxRetries: z.number().int().min(0).default(2),
    /**
     * The circuit breaker: after this many failed requests in a row (no answer in
     * time, no connection, an answer too large, 5xx, 401, 403, 404) no request is
     * sent any more; what was done is kept and the rest waits for the next run.
     * With the default concurrency, one round of requests that all fail.
     */
    maxConsecutiveFailures: positiveInt.default(4),
    /** The largest answer read, in bytes; a larger one is an error for the claims it was about, and is not read further. */
    maxResponseBytes: positiveInt.default(1_048_576),
    /**
     * Per run: no request starts once either is used up (HTTP requests, input + output
     * tokens). No limit when absent. At least 1: a budget of 0 would send nothing, run
     * after run (`vetted check --ci` is the way to send nothing).
     */
    budget: z.object({ requests: positiveInt.optional(), tokens: positiveInt.optional() }).strict().default({}),
    /** Self-consistency: investigate each batch this many times. */
    samples: positiveInt.default(1),
    /** Keep a correction only when at least this many samples flag it; a majority of `samples` when absent. */
    minAgreement: positiveInt.optional(),
  })
  .superRefine((settings, context) => {
    if (settings.minAgreement !== undefined && settings.minAgreement > settings.samples) {
      context.addIssue({ code: 'custom', path: ['minAgreement'], message: `minAgreement cannot exceed samples (${settings.samples})` })
    }
  })
export type CheckerSettings = z.output<typeof CheckerSettingsSchema>
export type CheckerSettingsInput = z.input<typeof CheckerSettingsSchema>

/** `checkPost`'s `config`: the settings, and the fetch the SDK uses (an option of code only, never of a file). */
export const CheckerConfigSchema = CheckerSettingsSchema.safeExtend({
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'a fetch function').default(() => globalThis.fetch),
}).strict()
export type CheckerConfig = z.input<typeof CheckerConfigSchema>
