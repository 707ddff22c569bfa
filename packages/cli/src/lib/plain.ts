// Text from a user's files (paths, names, lines of a config) reaches the terminal
// only as plain text: a control character could move the cursor, recolour the
// screen or hide what follows, and a bidirectional override could reorder it.

// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** `text` with each control character written as an escape (`\x1b`, `\u202e`). */
export function plain(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
