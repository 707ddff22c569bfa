// Text we did not write (posts, ledgers, model answers, server errors, file
// names) reaches the terminal only as plain text: the CLI uses @vetted/core's
// plain() and plainLines() for that, and adds its own styling (style.ts) around
// the plain text, never inside it. What only the CLI prints (JSON for the
// Actions runner) is here.

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
