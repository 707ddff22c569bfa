import * as z from 'zod'

const weight = z.number().min(0)

/** Options of claim detection: how much each signal weighs and where the cut is. */
export const DetectOptionsSchema = z
  .object({
    /** A sentence is a claim when its signals add up to at least this. */
    threshold: z.number().min(0).default(2),
    /** Weight of each reason. */
    weights: z
      .object({
        /** No sign of opinion, address or self-reference (see `penalties`): a plain statement about the world. */
        statement: weight.default(2),
        number: weight.default(2),
        date: weight.default(2),
        quantifier: weight.default(2),
        attribution: weight.default(2),
        comparison: weight.default(1),
        causal: weight.default(1),
        name: weight.default(1),
      })
      .prefault({}),
    /** Subtracted for each sign that a sentence is about the author, the reader or the post rather than the world. */
    penalties: z
      .object({
        /** "I think", "probably". */
        hedge: weight.default(1),
        /** "I", "we", "our": the author's own life or work. */
        firstPerson: weight.default(1),
        /** "you", "your": talking to the reader. */
        address: weight.default(1),
        /** "the figure above", "shown below", "this post". */
        deixis: weight.default(4),
        /** "one should", "one could": "one" as a pronoun. */
        pronounOne: weight.default(3),
        /** "remarkable", "worth", "hard to": a judgement. */
        opinion: weight.default(1),
        /** "will", "is planned": a plan or prediction. */
        future: weight.default(1),
        /** A short lead-in to a list ("There are three:"). */
        listLead: weight.default(2),
      })
      .prefault({}),
    /** Shorter sentences (in words) are never claims. */
    minWords: z.number().int().min(1).default(4),
    /** Sentences inside blockquotes (someone else's words) are claims too. */
    includeQuoted: z.boolean().default(true),
  })
  .strict()
export type DetectOptions = z.input<typeof DetectOptionsSchema>
export type ResolvedDetectOptions = z.output<typeof DetectOptionsSchema>
