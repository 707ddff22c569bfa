import { CorrectionStatusSchema, LedgerSchema } from '@vetted/core'
import { DEFAULT_DATE_KEYS, DetectOptionsSchema } from '@vetted/post'
import * as z from 'zod'
import { LabelsSchema } from './labels.ts'

/** Options of remark-vetted. */
export const RemarkVettedOptionsSchema = z
  .object({
    /** The ledger as an object; else `<post>.vetted.json` beside `file.path` is read. */
    ledger: LedgerSchema.optional(),
    /** Which statuses show in the post. `open` only makes sense in a preview. */
    render: z.array(CorrectionStatusSchema.exclude(['rejected'])).default(['annotate']),
    /** The author's preview: open corrections show too, marked as not published. */
    preview: z.boolean().default(false),
    /** The current checker identity (`model@prompt`): verdicts of another count all the same; the analysis lists them as `older`. */
    checker: z.string().min(1).optional(),
    /** Prefix of every id in the HTML; default: the slug of the file's name. */
    idPrefix: z
      .string()
      .regex(/^[A-Za-z][\w-]*$/, 'a letter, then letters, digits, - or _')
      .optional(),
    /**
     * Detect every claim of the post (`file.data.vetted.claims`, `unchecked`, the
     * `unchecked-claim` and `quote-not-found` messages). A site that only shows
     * corrections can turn this off: each quote is then found by the fingerprint of
     * the sentence it stands in, and only those sentences are computed.
     */
    claims: z.boolean().default(true),
    /** Options of claim detection. */
    detect: DetectOptionsSchema.optional(),
    /** The frontmatter keys the post's publication date is read from, the first present deciding (the correction log lists what was fixed after it). */
    dateKeys: z
      .array(z.string().min(1))
      .min(1)
      .default([...DEFAULT_DATE_KEYS]),
    /** The cards' words (see LabelsSchema); English by default. */
    labels: LabelsSchema.prefault({}),
    /** The locale dates are written in (`Intl.DateTimeFormat`): "5 April 2026" by default. */
    locale: z.string().refine(isSupportedLocale, 'a locale Intl.DateTimeFormat supports, such as "en-GB" or "de"').default('en-GB'),
  })
  .strict()
export type RemarkVettedOptions = z.input<typeof RemarkVettedOptionsSchema>
export type ResolvedOptions = z.output<typeof RemarkVettedOptionsSchema>

function isSupportedLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0
  } catch {
    return false // not a well-formed language tag
  }
}
