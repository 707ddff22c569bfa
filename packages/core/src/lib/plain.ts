// Text we did not write (posts, ledgers, model answers, server errors, file
// names) reaches a terminal only as plain text: a control character could move
// the cursor, recolour the screen, set the window title or hide a link (ESC and
// C1 sequences), and a bidirectional override could reorder what follows. Every
// front end that prints such text (the CLI, remark-vetted's messages, the Astro
// integration) writes it through these.

// Controls (Cc: C0, DEL, C1) and every format character (Cf: the bidirectional
// marks U+061C, U+200E, U+200F, embeddings, overrides and isolates; the zero-width
// U+200B-U+200D, U+2060-U+2064 and U+FEFF; soft hyphen, tags), and the line and
// paragraph separators: each is invisible, reorders the text around it, or breaks
// the line, so a name or a quote could show something other than what it holds.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

/** `text` on one line, each control or invisible character written as an escape (`\x1b`, `\x0a`, `\u202e`, `\u{e0041}`). */
export function plain(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.codePointAt(0)!
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`
  })
}

/** `text` with its line breaks kept and every other control character escaped as in `plain`. */
export function plainLines(text: string): string {
  return text.split('\n').map(plain).join('\n')
}

// The explicit bidirectional formatting characters (embeddings, overrides, isolates).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g

/** `text` without bidirectional formatting characters: for places that cannot isolate text (JSON-LD, attributes). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '')
}
