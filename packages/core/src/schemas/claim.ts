import * as z from 'zod'

/** A point in the source file: 1-based line and column, 0-based UTF-16 offset. */
export const PositionSchema = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
})
export type Position = z.infer<typeof PositionSchema>

/** Why a sentence was judged checkable. */
export const ClaimReasonSchema = z.enum([
  'number',
  'date',
  'name',
  'quantifier',
  'attribution',
  'comparison',
  'causal',
  /** Says something in the third person with no sign of opinion, address or self-reference. */
  'statement',
])
export type ClaimReason = z.infer<typeof ClaimReasonSchema>

export const FingerprintSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a 16-digit hex fingerprint')

/** A check-worthy sentence of a draft. `text` is its plain text (no Markdown syntax). */
export const ClaimSchema = z.object({
  text: z.string().min(1),
  start: PositionSchema,
  end: PositionSchema,
  fingerprint: FingerprintSchema,
  reasons: z.array(ClaimReasonSchema),
  /** The sentence stands inside a blockquote: the author quotes someone else. */
  quoted: z.boolean(),
})
export type Claim = z.infer<typeof ClaimSchema>

export const VerdictSchema = z.enum(['incorrect', 'supported', 'unverifiable'])
export type Verdict = z.infer<typeof VerdictSchema>
