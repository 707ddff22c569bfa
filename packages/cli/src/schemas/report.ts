import { CheckerStampSchema, CorrectionIdSchema, PositionSchema, SourceSchema } from '@vetted/core'
import { z } from 'zod'

/** The `--format json` report: the public contract of the CLI's output. */
export const ReportCorrectionSchema = z.object({
  id: CorrectionIdSchema,
  status: z.enum(['open', 'annotate', 'dismiss', 'fixed']),
  quote: z.string(),
  /** The claim's whole sentence (as it stands, or as it was judged once it is gone) and the quote's UTF-16 offsets in it, end exclusive. */
  sentence: z.object({ text: z.string(), quoteStart: z.number().int().min(0), quoteEnd: z.number().int().min(0) }).optional(),
  summary: z.string(),
  reasoning: z.string(),
  sources: z.array(SourceSchema),
  /** Who found it: the model and prompt version, or `manual` (an editor), and the date. */
  checker: CheckerStampSchema,
  /** The author's note (always given with a dismissal). */
  note: z.string().optional(),
  /** Readers see it: its status is in the config's `render` (default: annotate) and its quote is in the post. */
  shown: z.boolean(),
  /** Where the quote stands; absent when it is no longer in the post. */
  start: PositionSchema.optional(),
  end: PositionSchema.optional(),
  /** The quote left the post but the ledger was not updated yet (`vetted check` marks it fixed). */
  stale: z.boolean().optional(),
})

/** What `vetted check` spent on a post in this run (absent when it sent nothing). */
export const ReportUsageSchema = z.object({
  requests: z.number().int().min(0),
  inputTokens: z.number().int().min(0),
  /** Of the input tokens, those the API served from its prompt cache. */
  cachedInputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  searches: z.number().int().min(0),
})

/** Something a reader of the report should know that does not fail the gate. */
export const ReportNoteSchema = z.object({
  /** `no-date`: the post's publication date could not be read from its frontmatter (the config's `dateKeys`). */
  rule: z.enum(['no-date']),
  message: z.string(),
  /** The line in the post it is about, when there is one (the frontmatter key). */
  line: z.number().int().min(1).optional(),
})

export const ReportFileSchema = z.object({
  path: z.string(),
  /** The post's publication date from its frontmatter (YYYY-MM-DD): claims are judged as of it. Absent: a `no-date` note says why. */
  date: z.iso.date().optional(),
  /** Claims: sentences detection selected, the screen called check-worthy, or that have a verdict. */
  claims: z.number().int().min(0),
  /** Of `claims`, those without a verdict. */
  claimsUnchecked: z.number().int().min(0),
  /** Sentences detection did not select that have no screen result yet (coverage "all"); they are not claims. */
  unscreened: z.number().int().min(0),
  /** What the gate counts: `claimsUnchecked` + `unscreened`. */
  unchecked: z.number().int().min(0),
  /** Claims and sentences settled by a checker other than the current one (an older prompt version, another model): they count; `vetted check --recheck-older` judges them again. */
  older: z.number().int().min(0),
  corrections: z.array(ReportCorrectionSchema),
  /** The correction log: published corrections whose sentence was rewritten after the post's date, with the day that was recorded, oldest first. */
  correctionLog: z.array(z.object({ id: CorrectionIdSchema, date: z.iso.date() })),
  notes: z.array(ReportNoteSchema),
  /** The claims and sentences counted in `unchecked`, with their place; `unscreened` marks a sentence not screened yet. */
  uncheckedClaims: z.array(
    z.object({ text: z.string(), start: PositionSchema, end: PositionSchema, unscreened: z.literal(true).optional() }),
  ),
  usage: ReportUsageSchema.optional(),
})

/** A post vetted could not work on because of its name or its format: it fails the gate; the other posts are reported as usual. */
export const ReportUnreadableSchema = z.object({
  /** The path as the other files' are; bytes of the name that are not UTF-8 written as `\xNN`. */
  path: z.string(),
  /** Why: its name, or its format (`Markdoc, a format vetted does not read`: a file of a content folder in a post format vetted does not read). */
  reason: z.union([
    z.enum(['name is not valid UTF-8', 'name too long for its ledger']),
    z.string().endsWith(', a format vetted does not read'),
  ]),
})

/** A ledger whose post is gone: renamed (`vetted mv` carries it over) or deleted (`vetted prune`). It fails the gate. */
export const ReportOrphanSchema = z.object({
  /** The ledger's path, as the files' paths are. */
  ledger: z.string(),
  /** Where its post was. */
  post: z.string(),
  /** The post that holds its sentences: the one it was renamed to; null when none does. */
  renamedTo: z.string().nullable(),
  /** What settles it, in words, with the command. */
  message: z.string(),
})

export const ReportSchema = z.object({
  version: z.literal(1),
  files: z.array(ReportFileSchema),
  unreadable: z.array(ReportUnreadableSchema),
  orphans: z.array(ReportOrphanSchema),
  summary: z.object({
    files: z.number().int().min(0),
    claims: z.number().int().min(0),
    claimsUnchecked: z.number().int().min(0),
    unscreened: z.number().int().min(0),
    /** `claimsUnchecked` + `unscreened`: what the gate counts. */
    unchecked: z.number().int().min(0),
    older: z.number().int().min(0),
    open: z.number().int().min(0),
    annotate: z.number().int().min(0),
    dismiss: z.number().int().min(0),
    fixed: z.number().int().min(0),
    stale: z.number().int().min(0),
    /** Posts that could not be checked (`unreadable`): each fails the gate. */
    unreadable: z.number().int().min(0),
    /** Ledgers whose post is gone (`orphans`): each fails the gate. */
    orphans: z.number().int().min(0),
    /** Notes over all files (they do not fail the gate). */
    notes: z.number().int().min(0),
  }),
})
export type Report = z.infer<typeof ReportSchema>
export type ReportFile = z.infer<typeof ReportFileSchema>
export type ReportCorrection = z.infer<typeof ReportCorrectionSchema>
export type ReportUsage = z.infer<typeof ReportUsageSchema>
export type ReportNote = z.infer<typeof ReportNoteSchema>
