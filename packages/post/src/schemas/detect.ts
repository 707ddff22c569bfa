import { z } from 'zod'

const weight = z.number().min(0)

/** Options of claim detection: how much each signal weighs and where the cut is. */
export const DetectOptionsSchema = z
  .object({
    /** A sentence is a claim when its signals add up to at least this. */
    threshold: z.number().min(0).default(2),
    /** Weight of each reason. */
    weights: z
      .object({
        number: weight.default(2),
        date: weight.default(2),
        quantifier: weight.default(2),
        attribution: weight.default(2),
        comparison: weight.default(1),
        causal: weight.default(1),
        name: weight.default(1),
      })
      .prefault({}),
    /** Subtracted when the sentence hedges as opinion ("I think", "probably"). */
    hedgePenalty: z.number().min(0).default(1),
    /** Shorter sentences (in words) are never claims. */
    minWords: z.number().int().min(1).default(4),
    /** Sentences inside blockquotes (someone else's words) are claims too. */
    includeQuoted: z.boolean().default(true),
  })
  .strict()
export type DetectOptions = z.input<typeof DetectOptionsSchema>
export type ResolvedDetectOptions = z.output<typeof DetectOptionsSchema>
