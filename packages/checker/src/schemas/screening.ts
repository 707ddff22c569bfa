import { z } from 'zod'

// What the screen answers, as sent to it with `zodTextFormat` (every field
// present, as strict structured output needs).

export const ScreenAnswerSchema = z.object({
  /** The id the sentence was listed under in the request. */
  id: z.string(),
  checkWorthy: z.boolean(),
  /** One line: why. */
  reason: z.string(),
})

export const ScreeningSchema = z.object({
  sentences: z.array(ScreenAnswerSchema),
})
export type Screening = z.infer<typeof ScreeningSchema>
