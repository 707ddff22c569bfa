import { z } from 'zod'

/** Options of the @vetted/astro integration. */
export const VettedAstroOptionsSchema = z
  .object({
    /** While a post has open corrections, `astro build` fails (`error`) or only warns (`warn`). */
    openCorrections: z.enum(['error', 'warn']).default('error'),
    /** Statuses published to readers. */
    render: z.array(z.enum(['annotate', 'dismiss', 'open'])).default(['annotate']),
    /** Show open corrections, marked as not published, while `astro dev` runs (the author's preview). */
    previewInDev: z.boolean().default(true),
  })
  .strict()
export type VettedAstroOptions = z.input<typeof VettedAstroOptionsSchema>
export type ResolvedVettedAstroOptions = z.output<typeof VettedAstroOptionsSchema>
