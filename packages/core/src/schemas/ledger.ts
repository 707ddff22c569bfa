import * as z from 'zod'
import { FingerprintSchema, VerdictSchema } from './claim.ts'
import { CorrectionIdSchema, CorrectionSchema, SourceSchema } from './correction.ts'

/** 2: `fixed` is a history event, not a status; ids hash the post's project-relative path. Version 1 is read and migrated. */
export const LEDGER_VERSION = 2

/**
 * The screen's answer for a sentence detection did not select (config `coverage: "all"`):
 * whether it asserts something checkable, and why, in one line. A check-worthy one is
 * then judged like a claim.
 */
export const ScreenResultSchema = z.strictObject({
  checkWorthy: z.boolean(),
  reason: z.string().min(1),
  /** `screenModel@promptVersion`, or `manual` (an editor). */
  checker: z.string().min(1),
  checkedAt: z.iso.date(),
})
export type ScreenResult = z.infer<typeof ScreenResultSchema>

/** The checker's cached judgement of one claim or screened sentence (by fingerprint). */
export const ClaimRecordSchema = z.strictObject({
  /** The claim's plain text when it was judged, for humans reading the diff. */
  text: z.string(),
  verdict: VerdictSchema.optional(),
  /** Checker identity that produced the verdict: `model@promptVersion`, or `manual`. */
  checker: z.string().min(1).optional(),
  checkedAt: z.iso.date().optional(),
  /** The last attempt failed: no verdict, retried on the next run. */
  error: z.string().min(1).optional(),
  /** Set when the sentence went through the screen (it was not a detected claim). */
  screen: ScreenResultSchema.optional(),
  /**
   * Investigated and found wrong, but its validation was not sent (the budget ran out):
   * the proposal waits here, and the next run under the same checker sends only the validation.
   */
  awaitingValidation: z
    .strictObject({
      checker: z.string().min(1),
      quote: z.string().min(1),
      summary: z.string().min(1),
      reasoning: z.string().min(1),
      sources: z.array(SourceSchema),
    })
    .optional(),
})
export type ClaimRecord = z.infer<typeof ClaimRecordSchema>

export const UsageSchema = z.strictObject({
  date: z.iso.datetime(),
  checker: z.string().min(1),
  claims: z.number().int().min(0),
  requests: z.number().int().min(0),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  searches: z.number().int().min(0),
  /** Of inputTokens, those served from the API's prompt cache; absent when none. */
  cachedInputTokens: z.number().int().min(0).optional(),
})
export type Usage = z.infer<typeof UsageSchema>

// Strict objects everywhere: a key vetted does not know is refused, naming it,
// never silently dropped when the ledger is next written.
export const LedgerSchema = z
  .strictObject({
    version: z.literal(LEDGER_VERSION),
    /** File name of the post this ledger belongs to (`post.md` for `post.vetted.json`). */
    post: z.string().min(1),
    claims: z.record(FingerprintSchema, ClaimRecordSchema).default({}),
    corrections: z.record(CorrectionIdSchema, CorrectionSchema).default({}),
    usage: z.array(UsageSchema).default([]),
  })
  .superRefine((ledger, ctx) => {
    for (const [id, correction] of Object.entries(ledger.corrections)) {
      if (correction.id !== id) {
        ctx.addIssue({ code: 'custom', path: ['corrections', id, 'id'], message: `the id must equal its key "${id}"` })
      }
    }
  })
export type Ledger = z.infer<typeof LedgerSchema>
export type LedgerInput = z.input<typeof LedgerSchema>
