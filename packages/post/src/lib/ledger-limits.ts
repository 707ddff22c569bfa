// A correction's reasoning is Markdown that remark-vetted parses into its card,
// so it meets the same limits as a post (MARKDOWN_LIMITS): deep nesting overflows
// the parser's stack and a long run of emphasis marks takes minutes. The gate and
// the plugin refuse such a ledger before anything is parsed, naming the ledger's
// line of the field.

import { VettedInputError, type Ledger } from '@vetted/core'
import { locateJsonPath } from '@vetted/core/internal'
import { checkMarkdownLimits } from './limits.ts'

/**
 * Throws a VettedInputError at the ledger's line of the first correction whose
 * reasoning is past MARKDOWN_LIMITS. `ledgerText` gives the ledger's text, read
 * only when there is something to place.
 */
export function checkLedgerMarkdownLimits(ledger: Ledger, file: string, ledgerText?: () => string): void {
  for (const correction of Object.values(ledger.corrections)) {
    try {
      // A leading newline: the reasoning has no frontmatter, so a `---` at its start is Markdown to check.
      checkMarkdownLimits(`\n${correction.reasoning}`, 'reasoning')
    } catch (error) {
      if (!(error instanceof VettedInputError)) throw error
      const jsonPath = ['corrections', correction.id, 'reasoning']
      const place = ledgerText ? locateJsonPath(ledgerText(), jsonPath) : undefined
      const reason = error.message.replace(/^reasoning(?::\d+:\d+)?: /, '')
      throw new VettedInputError(file, `the reasoning of correction ${correction.id} ${reason}`, {
        ...(place ? { place } : {}),
        jsonPath,
        ...(error.expected ? { expected: error.expected } : {}),
      })
    }
  }
}
