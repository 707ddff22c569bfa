import { z } from 'zod'

/** Per source of a reviewed correction: whether its quoted passage was found in it. */
export const SourceCheckSchema = z.object({ url: z.string(), quoteFound: z.boolean() })
