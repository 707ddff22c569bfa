// Character classes by char code, for the per-character loops of sentence
// splitting and word counting (no regular expression per character). Whitespace
// is @vetted/core's: exactly what normalization folds.

export const isDigit = (code: number) => code >= 48 && code <= 57
/** A-Z or a-z. */
export const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/** Whether the code point at `at` is a letter (\p{L}); a low surrogate alone is none. */
export function isLetterAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 0x80) return isAsciiLetter(code)
  return LETTER.test(String.fromCodePoint(text.codePointAt(at)!))
}
const LETTER = /\p{L}/u
