// Text we did not write (posts, ledgers, model answers, server errors, file
// names) reaches the terminal only as plain text: a control character could
// move the cursor, recolour the screen, set the window title or hide a link
// (ESC and C1 sequences), and a bidirectional override could reorder what
// follows. Our own styling (style.ts) is added around the plain text, never
// inside it.

// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** `text` on one line, each control character written as an escape (`\x1b`, `\x0a`, `\u202e`). */
export function plain(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** `text` with its line breaks kept and every other control character escaped as in `plain`. */
export function plainLines(text: string): string {
  return text.split('\n').map(plain).join('\n')
}

// In JSON, C0 controls are escaped by JSON.stringify; these are not.
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * `value` as pretty JSON that a terminal and the GitHub Actions runner print as
 * text: DEL, C1 controls and bidirectional controls inside strings are written
 * as `\uXXXX` escapes, and `##[` (the runner's older command form, run wherever
 * it occurs in a line) as `\u0023#[`. Every JSON reader decodes them back to the
 * same strings.
 */
export function inertJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2)
    .replace(UNPRINTABLE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('##[', '\\u0023#[')
  return `${json}\n`
}
