// A letter, for the per-character loops of sentence splitting: ASCII by
// micromark's character classes (what remark's parser itself uses), any other
// character by Unicode's. Whitespace is @vetted/core's: exactly what
// normalization folds.

import { asciiAlpha } from 'micromark-util-character'

/** Whether the code point at `at` is a letter (\p{L}); a low surrogate alone is none. */
export function isLetterAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 0x80) return asciiAlpha(code)
  return LETTER.test(String.fromCodePoint(text.codePointAt(at)!))
}
const LETTER = /\p{L}/u
