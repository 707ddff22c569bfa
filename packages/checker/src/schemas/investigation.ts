import { VerdictSchema } from '@vetted/core'
import { z } from 'zod'

// What the model answers when it judges claims (a part of answer.ts's format).
// Strict structured output needs every field present: what may be missing is
// `.nullable()`, never `.optional()`. URLs and quotes are only strings here: one bad source must not
// fail the whole batch, so code checks them after the model (see code-checks.ts).

export const ProposedSourceSchema = z.object({
  url: z.string(),
  title: z.string(),
  quote: z.string(),
})
export type ProposedSource = z.infer<typeof ProposedSourceSchema>

export const ProposedCorrectionSchema = z.object({
  quote: z.string(),
  summary: z.string(),
  reasoning: z.string(),
  sources: z.array(ProposedSourceSchema),
})
export type ProposedCorrection = z.infer<typeof ProposedCorrectionSchema>

export const JudgementSchema = z.object({
  /** The id the claim was listed under in the request. */
  id: z.string(),
  verdict: VerdictSchema,
  /** Present for `incorrect`, null otherwise. */
  correction: ProposedCorrectionSchema.nullable(),
  /**
   * The one of the claim's own `links` that contradicts it, else null. Required in
   * the schema sent (strict output always gives it); null when a compatible server
   * leaves it out.
   */
  contradictingLink: z.string().nullable().default(null),
})
export type Judgement = z.infer<typeof JudgementSchema>
