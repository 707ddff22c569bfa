// Normalization that makes a sentence's fingerprint survive cosmetic edits:
// Unicode NFC over the whole text (a post saved in NFD keeps its fingerprints),
// typographic quotes and dashes folded, zero-width characters dropped, whitespace
// collapsed. Markdown emphasis never reaches here: callers pass plain text.

import { isWhitespace } from './chars.ts'

const FOLD: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
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
  /**
   * `ends[i]` is the offset in the original just past what normalized character `i`
   * came from: past a composed letter's combining accents (`e` U+0301 -> `é`), past
   * both halves of a surrogate pair. Present with `map`. Read it with `originalEnd`.
   */
  ends?: number[]
}

/** Where normalized character `index` came from in the original. */
export function originalOffset(normalized: NormalizedText, index: number): number {
  return normalized.map ? normalized.map[index]! : index
}

/** Where normalized text that ends before character `index` ends in the original (a quote's end). */
export function originalEnd(normalized: NormalizedText, index: number): number {
  if (!normalized.ends) return index
  return index > 0 ? normalized.ends[index - 1]! : originalOffset(normalized, 0)
}

const isPlain = (code: number) => code > 32 && code < 0x80

/**
 * A code point that NFC may compose with what comes before it: a combining mark
 * (every such second character is one, U+0301 to U+0DDF to U+1133E) or a Hangul
 * vowel or final consonant jamo (an initial and a vowel make a syllable).
 */
const COMBINING = /^[\p{M}\u1160-\u11ff]$/u
function isCombiningAt(input: string, at: number): boolean {
  const code = input.charCodeAt(at)
  // Below U+0300 nothing combines: most of prose is answered here.
  return code >= 0x300 && COMBINING.test(String.fromCodePoint(input.codePointAt(at)!))
}

/** Whether combining marks follow at `at`, after any dropped characters (`e`, a zero-width space, U+0301 is `é`). */
function marksFollow(input: string, at: number): boolean {
  while (at < input.length && isDropped(input.charCodeAt(at))) at++
  return at < input.length && isCombiningAt(input, at)
}

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
  const ends: number[] = []
  return { text: normalize(input, map, ends), map, ends }
}

/** The normalized text alone (a fingerprint's input): no offset map is built. */
export function normalizeText(input: string): string {
  return ALREADY_NORMAL.test(input) ? input : normalize(input, undefined, undefined)
}

/**
 * The one normalization; `map` and `ends`, when given, receive where each output
 * character starts and ends in `input` (`map` then the end of the input). NFC
 * applies to the whole text, not code point by code point: a letter and the
 * combining marks after it are composed together, so a post saved in NFD keeps its
 * fingerprints. Composition never reaches across a character that is not a
 * combining mark, so NFC is taken one letter-and-its-marks at a time.
 */
function normalize(input: string, map: number[] | undefined, ends: number[] | undefined): string {
  let text = ''
  let pendingSpace = -1
  // Char codes, not regexes, per character: this runs over every block of every post.
  for (let i = 0; i < input.length; ) {
    const code = input.charCodeAt(i)
    // Dropped characters and whitespace are all in the BMP: one code unit each.
    if (isDropped(code)) {
      i++
      continue
    }
    if (isWhitespace(code)) {
      if (pendingSpace < 0) pendingSpace = i
      i++
      continue
    }
    if (pendingSpace >= 0) {
      if (text.length > 0) {
        text += ' '
        map?.push(pendingSpace)
        ends?.push(pendingSpace + 1)
      }
      pendingSpace = -1
    }
    if (isPlain(code)) {
      // Copy the whole run of printable ASCII with single spaces inside: it is normal
      // already, but for its last letter when combining marks follow it.
      let end = plainRunEnd(input, i + 1)
      if (marksFollow(input, end)) end--
      if (end > i) {
        text += input.slice(i, end)
        if (map) {
          for (let k = i; k < end; k++) {
            map.push(k)
            ends!.push(k + 1)
          }
        }
        i = end
        continue
      }
    }
    // A character and the combining marks after it (dropped characters between them left out), composed.
    const base = String.fromCodePoint(input.codePointAt(i)!)
    let marks = ''
    let next = i + base.length
    while (marksFollow(input, next)) {
      while (isDropped(input.charCodeAt(next))) next++
      const mark = String.fromCodePoint(input.codePointAt(next)!)
      marks += mark
      next += mark.length
    }
    const raw = base + marks
    // A folded quote or dash composes with no mark: its marks stay, in canonical order.
    const fold = FOLD[base]
    const folded = fold === undefined ? raw.normalize('NFC') : fold + marks.normalize('NFC')
    text += folded
    if (map) {
      // Each unit its own place when nothing changed; else every output unit spans the whole cluster.
      const exact = folded === raw && next - i === raw.length
      for (let k = 0; k < folded.length; k++) {
        map.push(exact ? i + k : i)
        ends!.push(exact ? i + k + (raw.codePointAt(k)! > 0xffff ? 2 : 1) : next)
      }
    }
    i = next
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
  return { start: originalOffset(hay, index), end: originalEnd(hay, index + want.length) }
}
