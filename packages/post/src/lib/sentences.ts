// Sentence boundaries in the plain text of one prose block. A boundary is
// terminal punctuation (. ! ? …), then any closing quotes or brackets, then
// whitespace, then something that is not lowercase. The exceptions are what make
// prose hard: abbreviations (Dr., U.S., e.g.), initials (J. R. R.), decimals
// (3.5), ellipses inside a sentence, and inline code, which is never split.

import { isWhitespace } from '@vetted/core/internal'
import { isLetterAt } from './chars.ts'

export interface SentenceRange {
  start: number
  end: number
}

// Words that end with a period without ending the sentence (compared lowercase,
// without the period): titles and Latin before any word, and the ones that
// abbreviate before a number only (No. 5, Fig. 3, Jan. 12), since "no." and
// "sun." also end sentences.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'capt',
  'col',
  'lt',
  'sgt',
  'vs',
  'cf',
  'al',
  'approx',
  'ca',
  'viz',
  'ibid',
  'resp',
  'inc',
  'ltd',
  'corp',
  'dept',
  'univ',
])
const BEFORE_NUMBER = new Set([
  'fig',
  'figs',
  'eq',
  'eqs',
  'no',
  'nos',
  'vol',
  'vols',
  'ch',
  'sec',
  'pp',
  'p',
  'art',
  'ref',
  'refs',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
])

const TERMINAL = new Set(['.', '!', '?', '…'])
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}', '*', '_'])

/**
 * Split `text` into sentences. `atomic[i]` marks characters that belong to inline
 * code or math: no boundary is placed inside them. Ranges exclude surrounding
 * whitespace; empty sentences are dropped.
 */
export function splitSentences(text: string, atomic?: (index: number) => boolean): SentenceRange[] {
  const ranges: SentenceRange[] = []
  let start = 0
  const push = (end: number) => {
    let s = start
    let e = end
    while (s < e && isWhitespace(text.charCodeAt(s))) s++
    while (e > s && isWhitespace(text.charCodeAt(e - 1))) e--
    if (e > s) ranges.push({ start: s, end: e })
  }
  // Jump from one terminal mark to the next: prose is mostly not punctuation. (test,
  // not exec: no match object per mark; each is one character, so it ends before lastIndex.)
  const candidates = /[.!?…]/g
  while (candidates.test(text)) {
    const i = candidates.lastIndex - 1
    const char = text[i]!
    if (atomic?.(i)) continue
    // Take the whole run of terminal punctuation ("?!", "...") and closers.
    let end = i + 1
    while (end < text.length && TERMINAL.has(text[end]!)) end++
    while (end < text.length && CLOSERS.has(text[end]!)) end++
    candidates.lastIndex = end
    if (end < text.length && !isWhitespace(text.charCodeAt(end))) continue // "3.5", "example.com", "U.S.A" inside a word
    let next = end
    while (next < text.length && isWhitespace(text.charCodeAt(next))) next++
    if (next < text.length && !startsSentence(text, next)) continue
    if (char === '.' && end - i === 1 + countClosers(text, i + 1, end) && isAbbreviation(text, i, next)) continue
    push(end)
    start = end
  }
  push(text.length)
  return ranges
}

function countClosers(text: string, from: number, to: number): number {
  let count = 0
  for (let k = from; k < to; k++) if (CLOSERS.has(text[k]!)) count++
  return count
}

// A sentence starts with an uppercase letter, a digit, an opening quote or
// bracket, or any symbol; a lowercase letter continues the current one.
function startsSentence(text: string, index: number): boolean {
  const char = text[index]!
  if (char.toLowerCase() === char && char.toUpperCase() !== char) return false
  return true
}

/** The word before the period at `dot` is an abbreviation or an initial. */
function isAbbreviation(text: string, dot: number, next: number): boolean {
  let from = dot
  while (from > 0 && isLetterOrDot(text, from - 1)) from--
  // Composed (NFC): "É." written as E and U+0301 is an initial as "É." is.
  const word = text.slice(from, dot).normalize('NFC')
  if (word.length === 0) return false
  if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word)) return true // U.S., e.g., Ph.D. (not python.org)
  if (/^\p{Lu}$/u.test(word)) return true // an initial: J. R. R. Tolkien
  const lower = word.toLowerCase()
  return ABBREVIATIONS.has(lower) || (BEFORE_NUMBER.has(lower) && /\d/.test(text[next] ?? ''))
}

function isLetterOrDot(text: string, index: number): boolean {
  return text.charCodeAt(index) === 46 || isLetterAt(text, index) || (text.charCodeAt(index) >= 0x300 && COMBINING_MARK.test(text[index]!))
}
// A letter's accent written after it (NFD): part of the word.
const COMBINING_MARK = /\p{M}/u
