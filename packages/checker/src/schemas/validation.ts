import { z } from 'zod'

/** The validator's answer on one proposed correction. */
export const ValidationSchema = z.object({
  approved: z.boolean(),
  reason: z.string(),
  /** Per source of the correction: whether its quoted passage was found in it. */
  sources: z.array(z.object({ url: z.string(), quoteFound: z.boolean() })),
})
export type Validation = z.infer<typeof ValidationSchema>
