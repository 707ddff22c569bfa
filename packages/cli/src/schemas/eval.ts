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

const count = z.number().int().min(0)
const share = z.number().min(0).max(1).nullable()

export const EvalCostSchema = z.object({
  requests: count,
  inputTokens: count,
  cachedInputTokens: count,
  outputTokens: count,
  searches: count,
  /** US dollars from the price table; null when it has no price for the model. */
  dollars: z.number().min(0).nullable(),
  /** The price used, and the date it was read. */
  price: PriceSchema.nullable(),
  wallMs: z.number().min(0),
})
export type EvalCost = z.infer<typeof EvalCostSchema>

/**
 * The scores of one run over the whole corpus. A catch is strict when the
 * correction's quote and the labelled span overlap by at least half of each
 * (the quote is about the error, not about its sentence); lenient when they
 * share a character. Precision, recall and F1 come in both; `caught` and the
 * unsuffixed scores are strict.
 */
export const EvalScoresSchema = z.object({
  errors: count,
  /** Errors a quote covers strictly: their overlap is at least half of the label and at least half of the quote. */
  caught: count,
  /** Errors any quote overlaps by a character or more. */
  caughtLenient: count,
  /** Missed errors whose sentence was never sent: detection did not select it and coverage is "claims" (or the run stopped first). */
  missedNotSent: count,
  /** Missed errors whose sentence the screen called not check-worthy (coverage "all"): never judged. */
  missedScreenedOut: count,
  /** Missed errors whose sentence was judged and found fine (judgement). */
  missedJudged: count,
  /** Missed errors whose sentence's request failed (an API error; deferred by the budget is `missedNotSent`): no judgement at all. */
  missedFailed: count,
  /** Errors caught leniently only: a quote overlaps them but does not cover them strictly. */
  missedLoose: count,
  corrections: count,
  /** Corrections whose quote covers a labelled error strictly. */
  onLabels: count,
  /** Corrections whose quote overlaps a labelled error. */
  onLabelsLenient: count,
  /** Corrections that overlap no labelled error. */
  elsewhere: count,
  precision: share,
  recall: share,
  f1: share,
  precisionLenient: share,
  recallLenient: share,
  f1Lenient: share,
  /** Errors caught leniently whose best quote equals the labelled span (normalized). */
  exactSpans: share,
  /** Mean character-level Jaccard of the best quote and the labelled span, over errors caught leniently. */
  spanJaccard: share,
  /** Claims left without a verdict (a failed request, or deferred by the budget): such a run scores too low. */
  failedClaims: count,
})
export type EvalScores = z.infer<typeof EvalScoresSchema>

export const EvalFlagSchema = z.object({
  post: z.string(),
  /** The claim (the sentence) the correction is about. */
  claim: z.string(),
  quote: z.string(),
  summary: z.string(),
  /** Runs (1-based) that made this correction. */
  runs: z.array(z.number().int().min(1)),
})

export const EvalMissSchema = z.object({
  post: z.string(),
  key: z.string(),
  quote: z.string(),
  kind: z.string().nullable(),
  /**
   * Why: `not sent` (never reached the checker), `screened out` (the screen called its sentence not
   * check-worthy), `judged fine`, `failed` (its request failed: no judgement), `quote too loose`
   * (a quote overlaps it, not strictly: caught leniently only).
   */
  why: z.enum(['not sent', 'screened out', 'judged fine', 'failed', 'quote too loose']),
  /** Detection selects a sentence overlapping the span. */
  selected: z.boolean(),
  /** Runs (1-based) that missed it for this reason. */
  runs: z.array(z.number().int().min(1)),
})

export const EvalPostSchema = z.object({
  post: z.string(),
  errors: count,
  /** Per run, strict. */
  caught: z.array(count),
  /** Per run, any overlap. */
  caughtLenient: z.array(count),
  elsewhere: z.array(count),
  /** Errors in sentences detection does not select (the same every run). */
  notSelected: count,
})

/** `vetted eval --format json`: what `--compare` reads. `eval/2`: strict and lenient scores (eval/1 had lenient ones only, named as strict are now). */
export const EvalResultSchema = z.object({
  vetted: z.literal('eval/2'),
  corpus: z.string(),
  posts: z.number().int().min(0),
  checker: z.object({
    model: z.string(),
    promptVersion: z.string(),
    batchSize: z.number().int(),
    samples: z.number().int(),
    minAgreement: z.number().int(),
  }),
  /** How the responses were obtained: `live`, `recorded` (live, and kept) or `replayed`. */
  responses: z.enum(['live', 'recorded', 'replayed']),
  runs: z.array(EvalScoresSchema),
  /** Mean over runs of each score (sums for counts are in `runs`). */
  mean: EvalScoresSchema.pick({
    precision: true,
    recall: true,
    f1: true,
    precisionLenient: true,
    recallLenient: true,
    f1Lenient: true,
    exactSpans: true,
    spanJaccard: true,
  }),
  stability: z.object({
    runs: z.number().int().min(1),
    caughtEveryRun: count,
    caughtAnyRun: count,
    /** Mean pairwise Jaccard of the sets of flagged sentences; null with one run. Caught: strictly. */
    flaggedJaccard: share,
  }),
  cost: EvalCostSchema,
  perPost: z.array(EvalPostSchema),
  missed: z.array(EvalMissSchema),
  flagsElsewhere: z.array(EvalFlagSchema),
})
export type EvalResult = z.infer<typeof EvalResultSchema>
