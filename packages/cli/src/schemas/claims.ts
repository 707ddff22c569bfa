import { ClaimReasonSchema, CorrectionIdSchema } from '@vetted/core'
import { z } from 'zod'

/** What `vetted claims` says of one sentence. */
export const SentenceStateSchema = z.enum(['not-a-claim', 'unchecked', 'supported', 'unverifiable', 'incorrect'])
export type SentenceState = z.infer<typeof SentenceStateSchema>

/** The `vetted claims --format json` listing: every sentence of each post, its state and why. */
export const SentenceListingSchema = z.object({
  /** Where the sentence starts (1-based line and column). */
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  text: z.string(),
  state: SentenceStateSchema,
  /** One line: why detection did or did not select it, and what the ledger says. */
  why: z.string(),
  /** Detection's reasons for it. */
  reasons: z.array(ClaimReasonSchema),
  /** Signs that it is about the author, the reader or the post (each subtracts from its score), in words. */
  against: z.array(z.string()),
  /** The verdict's checker (`model@prompt`, or `manual`) and date, for a judged claim. */
  checker: z.string().optional(),
  checkedAt: z.string().optional(),
  /** Corrections of this claim in the ledger. */
  corrections: z.array(CorrectionIdSchema).optional(),
})
export type SentenceListing = z.infer<typeof SentenceListingSchema>

export const PostListingSchema = z.object({
  path: z.string(),
  sentences: z.array(SentenceListingSchema),
  /** How many sentences are in each state. */
  summary: z.record(SentenceStateSchema, z.number().int().min(0)),
})
export type PostListing = z.infer<typeof PostListingSchema>

export const ClaimsListingSchema = z.object({
  /** The current checker: a verdict under another one leaves its claim unchecked. */
  checker: z.string(),
  files: z.array(PostListingSchema),
  /** Files among the posts that were not read, and why (a format vetted does not read, a name it cannot use), as `vetted check` reports them. */
  unreadable: z.array(z.object({ path: z.string(), reason: z.string() })),
})
export type ClaimsListing = z.infer<typeof ClaimsListingSchema>
