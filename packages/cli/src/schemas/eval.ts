import { z } from 'zod'

/**
 * `<slug>.flags.json` of a labelled corpus: the errors a post holds, each with its
 * span verbatim in the post's plain text. `kind`, `truth` and `source` are what the
 * vetted team writes for its planted errors; third-party labels (such as the
 * errors a public checker flagged) may carry only `key`, `quote` and `gist`.
 */
export const LabelledErrorSchema = z.looseObject({
  key: z.string().min(1),
  quote: z.string().min(1),
  kind: z.enum(['year', 'number', 'name', 'attribution', 'causal', 'other']).optional(),
  truth: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  gist: z.string().min(1).optional(),
})
export type LabelledError = z.infer<typeof LabelledErrorSchema>

export const LabelsFileSchema = z.looseObject({
  about: z.string().optional(),
  /** The post, relative to the corpus folder. */
  post: z.string().min(1),
  flags: z.array(LabelledErrorSchema),
})
export type LabelsFile = z.infer<typeof LabelsFileSchema>

const dollars = z.number().min(0)

/** One model's prices in US dollars, as the provider lists them on `date`. */
export const PriceSchema = z
  .object({
    /** When these prices were read from the provider's price list (YYYY-MM-DD). */
    date: z.iso.date(),
    /** Per 1M input tokens not read from the cache. */
    input: dollars,
    /** Per 1M cached input tokens. */
    cachedInput: dollars,
    /** Per 1M output tokens (reasoning included). */
    output: dollars,
    /** Per 1k web searches. */
    searches: dollars,
  })
  .strict()
export type Price = z.infer<typeof PriceSchema>

/** The `prices` key of vetted.config: model -> price, merged over `DEFAULT_PRICES`. */
export const PriceTableSchema = z.record(z.string().min(1), PriceSchema)
export type PriceTable = z.infer<typeof PriceTableSchema>

/**
 * OpenAI's list prices (platform.openai.com/docs/pricing, standard tier) as
 * read on their date. Web search: $10 per 1k calls for the GPT-5 family (its
 * search content is billed as input tokens, which the usage already counts).
 * Prices change: set `prices` in vetted.config for the models you run.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-5.1': { date: '2025-11-13', input: 1.25, cachedInput: 0.125, output: 10, searches: 10 },
  'gpt-5': { date: '2025-11-13', input: 1.25, cachedInput: 0.125, output: 10, searches: 10 },
  'gpt-5-mini': { date: '2025-11-13', input: 0.25, cachedInput: 0.025, output: 2, searches: 10 },
  'gpt-5-nano': { date: '2025-11-13', input: 0.05, cachedInput: 0.005, output: 0.4, searches: 10 },
}
