import * as z from 'zod'
import { unpublishableUrlReason } from '../lib/public-url.ts'
import { FingerprintSchema } from './claim.ts'

/** http(s) URLs only: anything else (javascript:, data:, relative) is never a link. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

export const HttpUrlSchema = z.string().refine(isHttpUrl, { message: 'an http(s) URL' })

/** A source's URL: public http(s) only (lib/public-url.ts says what is refused and why). */
export const PublicUrlSchema = z.string().check((context) => {
  const reason = unpublishableUrlReason(context.value)
  if (reason) context.issues.push({ code: 'custom', message: `expected a public http(s) URL, found ${reason}`, input: context.value })
})

export const SourceSchema = z.strictObject({
  url: PublicUrlSchema,
  title: z.string().min(1),
  /** Words the source contains. Left out when nobody verified them. */
  quote: z.string().min(1).optional(),
})
export type Source = z.infer<typeof SourceSchema>

/** Who produced a correction: a model and prompt version, or `manual` for an editor. */
export const CheckerStampSchema = z.strictObject({
  model: z.string().min(1),
  prompt: z.string().min(1),
  date: z.iso.date(),
})
export type CheckerStamp = z.infer<typeof CheckerStampSchema>

/**
 * The editorial decision on a correction (docs/design.md, "The life of a
 * correction"): `open` (new), `annotate` (published), `dismiss` (the author
 * disagrees), `rejected` (the validator turned it down; kept for audit, never
 * shown). Whether its sentence is still in the post is not a status: it is read
 * from the post on every analysis, so a correction comes back with its sentence.
 */
export const CorrectionStatusSchema = z.enum(['open', 'annotate', 'dismiss', 'rejected'])
export type CorrectionStatus = z.infer<typeof CorrectionStatusSchema>

/**
 * What a history event records: a status the correction took, or its sentence
 * leaving the post (`fixed`) or coming back word for word (`back`), as `vetted
 * check` saw it, or its id being replaced by the project-wide one (`rekeyed`, the
 * old id in the note).
 */
export const HistoryEventKindSchema = z.enum([...CorrectionStatusSchema.options, 'fixed', 'back', 'rekeyed'])
export type HistoryEventKind = z.infer<typeof HistoryEventKindSchema>

export const CorrectionIdSchema = z.string().regex(/^c-[0-9a-f]{10}$/, 'an id like c-0123456789')

export const HistoryEventSchema = z.strictObject({
  date: z.iso.date(),
  status: HistoryEventKindSchema,
  note: z.string().optional(),
})
export type HistoryEvent = z.infer<typeof HistoryEventSchema>

export const CorrectionSchema = z
  .strictObject({
    id: CorrectionIdSchema,
    /** Fingerprint of the claim the quote lies in. */
    claim: FingerprintSchema,
    /** Verbatim text of the post, inside the claim (plain text, no Markdown syntax). */
    quote: z.string().min(1),
    /** One or two sentences, for the card and the hover. */
    summary: z.string().min(1),
    /** Markdown. */
    reasoning: z.string().min(1),
    sources: z.array(SourceSchema),
    checker: CheckerStampSchema,
    status: CorrectionStatusSchema,
    /** The author's note; required to dismiss. */
    note: z.string().min(1).optional(),
    /** The validator's decision and reason. */
    validation: z.strictObject({ approved: z.boolean(), reason: z.string().min(1) }).optional(),
    history: z.array(HistoryEventSchema).default([]),
  })
  .refine((c) => c.status !== 'dismiss' || c.note !== undefined, {
    message: 'a dismissed correction needs a note',
    path: ['note'],
  })
export type Correction = z.infer<typeof CorrectionSchema>
