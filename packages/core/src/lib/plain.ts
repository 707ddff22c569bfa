// Text we did not write (posts, ledgers, model answers, server errors, file
// names) reaches a terminal only as plain text: a control character could move
// the cursor, recolour the screen, set the window title or hide a link (ESC and
// C1 sequences), and a bidirectional override could reorder what follows. Every
// front end that prints such text (the CLI, remark-vetted's messages, the Astro
// integration) writes it through these.

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
