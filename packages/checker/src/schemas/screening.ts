import { z } from 'zod'

// What the screen answers for one sentence (a part of answer.ts's format: every
// field present, as strict structured output needs).

export const ScreenAnswerSchema = z.object({
  /** The id the sentence was listed under in the request. */
  id: z.string(),
  checkWorthy: z.boolean(),
  /** One line: why. */
  reason: z.string(),
})
