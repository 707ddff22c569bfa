import { CorrectionStatusSchema, DetectOptionsSchema } from '@vetted/core'
import { z } from 'zod'

const positiveInt = z.number().int().min(1)

/**
 * `vetted.config.json` / `vetted.config.ts`. The API key belongs in OPENAI_API_KEY;
 * a `.ts` config may pass one from elsewhere (`apiKey: process.env.MY_KEY`), a JSON
 * config may not (it is committed).
 */
export const VettedConfigSchema = z
  .object({
    /** Folders, files or globs of posts, relative to the config file. */
    content: z.array(z.string().min(1)).min(1).default(['content']),
    /** Responses API model of the checker. */
    model: z.string().min(1).optional(),
    /** Only in vetted.config.ts, read from the environment; else OPENAI_API_KEY. */
    apiKey: z.string().min(1).optional(),
    /** An OpenAI-compatible server (else OPENAI_BASE_URL, else api.openai.com). */
    baseURL: z.url().optional(),
    /** Claims per investigate request. */
    batchSize: positiveInt.optional(),
    /** Requests in flight at once. */
    concurrency: positiveInt.optional(),
    /** Per HTTP request, in milliseconds. */
    timeoutMs: positiveInt.optional(),
    /** Stop sending when either runs out, per run. */
    budget: z.object({ requests: positiveInt.optional(), tokens: positiveInt.optional() }).strict().optional(),
    /** Self-consistency: investigate each batch this many times... */
    samples: positiveInt.optional(),
    /** ...and keep a correction when at least this many runs flag it. */
    minAgreement: positiveInt.optional(),
    /** Which statuses the site shows (pass the same list to @vetted/astro); reports say which corrections readers see. */
    render: z.array(CorrectionStatusSchema.exclude(['fixed', 'rejected'])).optional(),
    /** Claim detection thresholds. */
    detect: DetectOptionsSchema.optional(),
  })
  .strict()
export type VettedConfig = z.output<typeof VettedConfigSchema>
export type VettedConfigInput = z.input<typeof VettedConfigSchema>
