import { CorrectionStatusSchema, InvalidOptionError } from '@vetted/core'
import { describeZodIssue } from '@vetted/core/internal'
import { DEFAULT_DATE_KEYS } from '@vetted/post'
import { z } from 'zod'

/** Options of the @vetted/astro integration. */
export const VettedAstroOptionsSchema = z
  .object({
    /** While a post has open corrections, `astro build` fails (`error`) or only warns (`warn`). */
    openCorrections: z.enum(['error', 'warn']).default('error'),
    /** Statuses published to readers; `open` is shown only by `previewInDev`. The CLI's `render` has the same rule. */
    render: z.array(CorrectionStatusSchema.extract(['annotate', 'dismiss'])).default(['annotate']),
    /** Show open corrections, marked as not published, while `astro dev` runs (the author's preview). */
    previewInDev: z.boolean().default(true),
    /** The frontmatter keys a post's publication date is read from, the first present deciding: the correction log lists what was fixed after it. The CLI's `dateKeys` has the same default. */
    dateKeys: z
      .array(z.string().min(1))
      .min(1)
      .default([...DEFAULT_DATE_KEYS]),
    /**
     * Folders of posts and ledgers (relative to the site's root) for the build gate and the cache,
     * besides the `base` of each `glob()` loader in the content config. Give the folder when the
     * config computes it (`base: process.env.CONTENT ?? '../content'`).
     */
    content: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (typeof value === 'string' ? [value] : value))
      .default([]),
  })
  .strict()
export type VettedAstroOptions = z.input<typeof VettedAstroOptionsSchema>
export type ResolvedVettedAstroOptions = z.output<typeof VettedAstroOptionsSchema>

/** Validated options, or one readable line: `@vetted/astro: invalid option openCorrections: expected one of …`. */
export function parseOptions(options: unknown): ResolvedVettedAstroOptions {
  const parsed = VettedAstroOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  throw new InvalidOptionError(describeZodIssue(parsed.error, '@vetted/astro: invalid option').line)
}
