// Normalization that makes a sentence's fingerprint survive cosmetic edits:
// Unicode NFC, typographic quotes and dashes folded, zero-width characters dropped,
// whitespace collapsed. Markdown emphasis never reaches here: callers pass plain text.

import { isWhitespace } from './chars.ts'

const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
}
// Dropped before whitespace is tested (U+FEFF is both).
const isDropped = (code: number) => (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0x00ad

// Printable ASCII words separated by single spaces: already normalized.
const ALREADY_NORMAL = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/

export interface NormalizedText {
  text: string
  /**
   * `map[i]` is the offset in the original of normalized character `i`;
   * `map[text.length]` is the end. Absent when the input was normal already (plain
   * ASCII prose, the common case): every offset is its own. Read it with `originalOffset`.
   */
  map?: number[]
}

/** Where normalized character `index` came from in the original. */
export function originalOffset(normalized: NormalizedText, index: number): number {
  return normalized.map ? normalized.map[index]! : index
}

const isPlain = (code: number) => code > 32 && code < 0x80

/** Where a run of printable ASCII, with single spaces between, that goes on at `from` ends. */
function plainRunEnd(input: string, from: number): number {
  let end = from
  while (end < input.length) {
    if (isPlain(input.charCodeAt(end))) end++
    else if (input.charCodeAt(end) === 32 && isPlain(input.charCodeAt(end + 1))) end += 2
    else break
  }
  return end
}

/** Normalize `input` and keep, for every output character, where it came from. */
export function normalizeWithMap(input: string): NormalizedText {
  if (ALREADY_NORMAL.test(input)) return { text: input }
  const map: number[] = []
  return { text: normalize(input, map), map }
}

/** The normalized text alone (a fingerprint's input): no offset map is built. */
export function normalizeText(input: string): string {
  return ALREADY_NORMAL.test(input) ? input : normalize(input, undefined)
}

/** The one normalization; `map`, when given, receives each output character's offset in `input`, then the end. */
function normalize(input: string, map: number[] | undefined): string {
  let text = ''
  let pendingSpace = -1
  // Char codes, not regexes, per character: this runs over every block of every post.
  for (let i = 0; i < input.length; ) {
    const code = input.charCodeAt(i)
    if (code < 0x80 && code > 32) {
      if (pendingSpace >= 0) {
        if (text.length > 0) {
          text += ' '
          map?.push(pendingSpace)
        }
        pendingSpace = -1
      }
      // Copy the whole run of printable ASCII with single spaces inside: it is normal already.
      const end = plainRunEnd(input, i + 1)
      text += input.slice(i, end)
      if (map) for (let k = i; k < end; k++) map.push(k)
      i = end
      continue
    }
    const codePoint = input.codePointAt(i)!
    const width = codePoint > 0xffff ? 2 : 1
    if (isDropped(code)) {
      i += width
      continue
    }
    if (isWhitespace(code)) {
      if (pendingSpace < 0) pendingSpace = i
      i += width
      continue
    }
    if (pendingSpace >= 0) {
      if (text.length > 0) {
        text += ' '
        map?.push(pendingSpace)
      }
      pendingSpace = -1
    }
    const raw = input.slice(i, i + width)
    // NFC per code point keeps the offset map exact; combining sequences are rare in prose.
    const folded = FOLD[raw] ?? raw.normalize('NFC')
    text += folded
    if (map) for (let k = 0; k < folded.length; k++) map.push(i)
    i += width
  }
  map?.push(pendingSpace >= 0 ? pendingSpace : input.length)
  return text
}

/**
 * Where `needle` occurs in `haystack` once both are normalized, as offsets into
 * the original `haystack`; `undefined` when it does not occur. Searching starts at
 * original offset `from`.
 */
export function findNormalized(haystack: string, needle: string, from = 0): { start: number; end: number } | undefined {
  const hay = normalizeWithMap(haystack)
  const want = normalizeText(needle)
  if (want.length === 0) return undefined
  let fromIndex = 0
  while (fromIndex < hay.text.length && originalOffset(hay, fromIndex) < from) fromIndex++
  const index = hay.text.indexOf(want, fromIndex)
  if (index < 0) return undefined
  const lastChar = originalOffset(hay, index + want.length - 1)
  const lastWidth = (haystack.codePointAt(lastChar) ?? 0) > 0xffff ? 2 : 1
  return { start: originalOffset(hay, index), end: lastChar + lastWidth }
}
