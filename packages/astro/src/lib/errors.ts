// An error whose message says everything the author needs (what is wrong, where,
// what to do): Astro prints no stack trace of ours under it.

export function authorError(message: string): Error {
  const error = new Error(message)
  error.stack = ''
  return error
}

// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * Text we did not write (a ledger's summary, a file name, a ledger's error) on
 * one line, each control character written as an escape (`\x1b`, `\u202e`), so
 * that on the terminal of `astro build` it cannot move the cursor, recolour the
 * screen, set the title, hide a link or reorder what follows. The same rule as
 * the CLI's plain() (@vetted/cli, src/lib/plain.ts).
 */
export function plain(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
