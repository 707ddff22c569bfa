// Text we did not write (posts, ledgers, model answers, server errors, file
// names) reaches the terminal only as plain text: the CLI uses @vetted/core's
// plain() and plainLines() for that, and adds its own styling (style.ts) around
// the plain text, never inside it. What only the CLI prints (JSON for the
// Actions runner) is here.

// In JSON, C0 controls are escaped by JSON.stringify; these are not: DEL, C1, every
// format character (bidi marks and controls, zero-width ones, tags) and the line and
// paragraph separators (the set @vetted/core's plain() escapes).
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu

/**
 * `value` as pretty JSON that a terminal and the GitHub Actions runner print as
 * text: DEL, C1 controls and invisible or bidirectional characters inside strings are written
 * as `\uXXXX` escapes, and `##[` (the runner's older command form, run wherever
 * it occurs in a line) as `\u0023#[`. Every JSON reader decodes them back to the
 * same strings.
 */
export function inertJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2)
    // Each UTF-16 unit as its own escape: a character past U+FFFF is written as its surrogate pair.
    .replace(UNPRINTABLE_IN_JSON, (char) =>
      [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
    )
    .replaceAll('##[', '\\u0023#[')
  return `${json}\n`
}
