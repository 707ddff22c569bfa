import { z } from 'zod'
import { JudgementSchema } from './investigation.ts'
import { ScreenAnswerSchema } from './screening.ts'
import { SourceCheckSchema } from './validation.ts'

/**
 * The one answer format of every request: screening, judging and reviewing fill
 * their own fields and leave the others null. One format (with one instructions
 * text) keeps a post's requests identical up to the task, so that the provider
 * serves that first part from its prompt cache to all of them: it renders the
 * tools and the format first, and a request whose format differs shares nothing
 * cacheable (docs/design.md, "Coverage and cost"). Strict structured output
 * gives every field; `.default(null)` reads a compatible server's answer that
 * leaves the other tasks' fields out.
 */
export const AnswerSchema = z.object({
  /** Screening: one answer per listed sentence. */
  sentences: z.array(ScreenAnswerSchema).nullable().default(null),
  /** Judging: one verdict per listed claim. */
  judgements: z.array(JudgementSchema).nullable().default(null),
  /** Reviewing: the decision, why, and per source of the correction whether its quoted passage was found in it. */
  approved: z.boolean().nullable().default(null),
  reason: z.string().nullable().default(null),
  sources: z.array(SourceCheckSchema).nullable().default(null),
})
export type Answer = z.infer<typeof AnswerSchema>

/** The format's name in requests. */
export const ANSWER_FORMAT = 'fact_check'
