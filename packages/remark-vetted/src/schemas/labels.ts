import * as z from 'zod'

/**
 * The words of the cards, in English by default; translate them for a site in
 * another language. `{n}` is the correction's number, `{count}` a number of
 * sources, `{summary}` the correction, `{model}` the checker's model.
 */
export const LabelsSchema = z
  .object({
    corrections: z.string().default('Corrections'),
    correctionLog: z.string().default('Correction log'),
    fullReasoning: z.string().default('Full reasoning'),
    oneSource: z.string().default('1 source'),
    sources: z.string().default('{count} sources'),
    checkedBy: z.string().default('Checked by {model} on'),
    reviewedBy: z.string().default('Reviewed by an editor on'),
    correctedOn: z.string().default('Corrected on'),
    openCorrection: z.string().default('Open correction (not published)'),
    fullCorrection: z.string().default('Full correction'),
    authorDisagrees: z.string().default('The author disagrees:'),
    backToClaim: z.string().default('Back to the claim of correction {n}'),
    popoverButton: z.string().default('Correction {n}: {summary}'),
    /** Read by screen readers after the marked words. */
    markedCorrected: z.string().default('corrected, see correction {n}'),
    markedOpen: z.string().default('open correction, not published, see correction {n}'),
    markedDisputed: z.string().default('correction disputed by the author, see correction {n}'),
  })
  .strict()
export type Labels = z.output<typeof LabelsSchema>
