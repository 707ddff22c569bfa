// Character classes by char code, for every per-character loop in detection and
// normalization (no regex per character): one definition of each.

/** Exactly what /\s/ matches. */
export function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

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
