// The keyword signals of a sentence (quantifiers, attributions, comparisons,
// causes, hedges, number words) in one pass over its words, instead of one
// regular expression per signal: detection runs over every sentence of every
// post, and on plain prose those scans were most of its cost. The same pass
// tells what claim-signals.ts's name and number patterns would find, where the
// words can tell (see KeywordScan).
//
// A word is a run of [A-Za-z0-9_], exactly what \b delimits in a regular
// expression, compared in lowercase. In the lists below, a phrase joins its words
// with '|' (exactly one space), '~' (any whitespace) or an apostrophe; '*' stands
// for any word.
// packages/core/test/keywords.test.ts holds the same lists, and the name and
// number patterns, as regular expressions and checks that both agree.

import { isAsciiLetter, isDigit, isLetterAt, isLower, isUpper, isWhitespace } from './chars.ts'

export const QUANTIFIER = 1
export const ATTRIBUTION = 2
export const COMPARISON = 4
export const CAUSAL = 8
export const HEDGE = 16
export const NUMBER_WORD = 32
// No reasons of their own: a date pattern needs a month's name or "century", so
// the scan tells when trying one is worth it.
export const MONTH = 64
export const CENTURY = 128

const KEYWORDS: Array<[signal: number, words: string]> = [
  [
    QUANTIFIER,
    'never always only unique uniquely all none every everyone everything no|other no|one nobody nothing sole solely entirely completely invariably universally any|other each first last',
  ],
  [
    ATTRIBUTION,
    'according|to report reports reported found|that finds|that showed shown shows demonstrate demonstrated demonstrates study studies paper research researchers survey experiment experiments evidence measured estimate estimated estimates published announced introduced invented discovered coined wrote written|by said says claim claims claimed concluded proved proposed defines specifies standardised standardized released founded won',
  ],
  [
    COMPARISON,
    'more~than less~than fewer~than more~*~than less~*~than fewer~*~than greater~than larger~than smaller~than higher~than lower~than faster~than slower~than older~than newer~than earlier~than later~than bigger~than better~than worse~than most least largest smallest biggest fastest slowest highest lowest oldest newest earliest latest longest shortest greatest best worst as|*|as compared|to compared|with outperform outperforms outperformed exceed exceeds exceeded surpass surpasss surpassed',
  ],
  [
    CAUSAL,
    'because cause caused causes causing lead|to leads|to led|to result|in results|in resulted|in due|to therefore thus hence as|a|result consequently so|that enable enables enabled prevent prevents prevented drives drove made|it|possible',
  ],
  [
    HEDGE,
    "i|think i|believe i|feel i|suspect i|guess in|my|view in|my|opinion it|seems|to|me maybe perhaps arguably probably i'd|say i|would|say",
  ],
  [
    NUMBER_WORD,
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens half twice thrice percent majority minority',
  ],
  [MONTH, 'january february march april may june july august september october november december'],
  [CENTURY, 'century'],
]

const ANY = -2
type Gap = 'space' | 'whitespace' | 'apostrophe'
interface Phrase {
  signal: number
  /** Word ids after the first; ANY for '*'. */
  rest: number[]
  /** The gap before each of `rest`. */
  gaps: Gap[]
}

const words: string[] = []
const wordIds = new Map<string, number>()
/** Signals of each word standing alone. */
const alone: number[] = []
/** Phrases that start with each word. */
const phrasesByHead: Array<Phrase[] | undefined> = []

function idOf(word: string): number {
  let id = wordIds.get(word)
  if (id === undefined) {
    id = words.push(word) - 1
    wordIds.set(word, id)
    alone.push(0)
    phrasesByHead.push(undefined)
  }
  return id
}

for (const [signal, list] of KEYWORDS) {
  for (const entry of list.split(' ')) {
    // "i'd|say" → words i, d, say with an apostrophe, then a space, between them.
    const parts = entry.replaceAll('|', ' ').split(/([ ~'])/)
    const head = idOf(parts[0]!)
    if (parts.length === 1) {
      alone[head]! |= signal
      continue
    }
    const phrase: Phrase = { signal, rest: [], gaps: [] }
    for (let k = 1; k < parts.length; k += 2) {
      phrase.gaps.push(parts[k] === ' ' ? 'space' : parts[k] === '~' ? 'whitespace' : 'apostrophe')
      phrase.rest.push(parts[k + 1] === '*' ? ANY : idOf(parts[k + 1]!))
    }
    ;(phrasesByHead[head] ??= []).push(phrase)
  }
}

const MAX_WORD = Math.max(...words.map((word) => word.length))

// Words by hash, open addressing: no string is made for a word of the sentence.
const TABLE_SIZE = 4096
const tableIds = new Int32Array(TABLE_SIZE).fill(-1)
const tableHashes = new Int32Array(TABLE_SIZE)
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193
const step = (hash: number, code: number) => Math.imul(hash ^ code, FNV_PRIME)
words.forEach((word, id) => {
  let hash = FNV_OFFSET
  for (let i = 0; i < word.length; i++) hash = step(hash, word.charCodeAt(i))
  let slot = hash & (TABLE_SIZE - 1)
  while (tableIds[slot] !== -1) slot = (slot + 1) & (TABLE_SIZE - 1)
  tableIds[slot] = id
  tableHashes[slot] = hash
})

// Per ASCII code: 0 for no word character, else the code in lowercase.
const WORD_CODES = new Uint8Array(128)
for (let code = 0; code < 128; code++) {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95) WORD_CODES[code] = code
  else if (code >= 65 && code <= 90) WORD_CODES[code] = code + 32
}
/** The code in lowercase when it is a word character, else 0. */
const wordCode = (code: number) => (code < 128 ? WORD_CODES[code]! : 0)

function lookup(hash: number, text: string, start: number, end: number): number {
  for (let slot = hash & (TABLE_SIZE - 1); tableIds[slot] !== -1; slot = (slot + 1) & (TABLE_SIZE - 1)) {
    if (tableHashes[slot] !== hash) continue
    const word = words[tableIds[slot]!]!
    if (word.length !== end - start) continue
    let same = true
    for (let i = 0; i < word.length && same; i++) same = wordCode(text.charCodeAt(start + i)) === word.charCodeAt(i)
    if (same) return tableIds[slot]!
  }
  return -1
}

// The words of the sentence being scanned (reused: one sentence at a time): the
// id of each (-1 for no keyword), where it starts and where it ends.
let tokenIds = new Int32Array(128)
let tokenStarts = new Int32Array(128)
let tokenEnds = new Int32Array(128)
/** 1 when the word holds a digit. */
let tokenDigits = new Uint8Array(128)

export interface KeywordScan {
  /** The signals found, as bits (QUANTIFIER | ATTRIBUTION | ...). */
  signals: number
  /**
   * Where a name may start: the first word after the sentence's first character
   * shaped like a name (a capital and a lowercase letter, two capitals, or a
   * capital, lowercase letters and a capital: "Ada", "CERN", "McCarthy"); 0 when
   * the text holds a letter beyond ASCII (é, Ж: the name pattern knows them, the
   * words here do not); -1 when no name can be there. Typographic quotes, dashes
   * and spaces are no letters, for the patterns as for the scan.
   */
  nameFrom: number
  /** Whether the text holds an ASCII digit. */
  hasDigit: boolean
  /**
   * In text without letters beyond ASCII, whether a digit stands outside names
   * ("GPT-4", "Opus 3.5", "HTML5", "December 18") and years (1991, 1990s): what
   * claim-signals.ts's number patterns say, read from the words. Undefined in
   * other text, where the patterns decide.
   */
  numberFromWords: boolean | undefined
}

export function scanKeywords(text: string): KeywordScan {
  let signals = 0
  let count = 0
  let heads = false
  let nameFrom = -1
  let otherLetters = false
  let hasDigit = false
  const length = text.length
  if (length > tokenIds.length) grow(length) // a sentence has fewer words than characters
  for (let i = 0; i < length; ) {
    const code = text.charCodeAt(i)
    let folded = wordCode(code)
    if (folded === 0) {
      if (code >= 0x80 && !otherLetters && isOtherLetter(text, i)) otherLetters = true
      i++
      continue
    }
    const start = i
    let digits = 0
    let hash = FNV_OFFSET
    do {
      if (folded <= 57) digits = 1 // only digits fold below 58
      hash = step(hash, folded)
      i++
    } while (i < length && (folded = wordCode(text.charCodeAt(i))) !== 0)
    if (digits) hasDigit = true
    if (nameFrom < 0 && start > 0 && isUpper(code) && isNameShaped(text, start, i)) nameFrom = start
    // Most words are no keyword: their slot is empty.
    const id = i - start <= MAX_WORD && tableIds[hash & (TABLE_SIZE - 1)] !== -1 ? lookup(hash, text, start, i) : -1
    tokenIds[count] = id
    tokenStarts[count] = start
    tokenEnds[count] = i
    tokenDigits[count] = digits
    count++
    if (id >= 0) {
      signals |= alone[id]!
      if (phrasesByHead[id]) heads = true
    }
  }
  if (heads) {
    for (let k = 0; k < count; k++) {
      const phrases = tokenIds[k]! >= 0 ? phrasesByHead[tokenIds[k]!] : undefined
      if (!phrases) continue
      // By index: a for...of here kept its iterator, some 300 bytes of garbage per phrase head.
      for (let p = 0; p < phrases.length; p++) {
        const phrase = phrases[p]!
        if ((signals & phrase.signal) === 0 && phraseAt(phrase, k, count, text)) signals |= phrase.signal
      }
    }
  }
  return {
    signals,
    nameFrom: otherLetters ? 0 : nameFrom,
    hasDigit,
    numberFromWords: otherLetters ? undefined : hasDigit && digitOutsideNamesAndYears(text, count),
  }
}

/**
 * Whether the character at `at` (beyond ASCII) is a letter. The General
 * Punctuation block (curly quotes, dashes, ellipsis, spaces) holds none: prose is
 * full of those, so they skip the pattern.
 */
function isOtherLetter(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  return !(code >= 0x2000 && code <= 0x206f) && isLetterAt(text, at)
}

/** 1000 to 2099, or its decade (1990s): what claim-signals.ts's year pattern takes, as a whole word. */
function isYearShaped(text: string, start: number, end: number): boolean {
  const length = end - start
  if (length !== 4 && !(length === 5 && text.charCodeAt(start + 4) === 115)) return false
  for (let k = start; k < start + 4; k++) if (!isDigit(text.charCodeAt(k))) return false
  const first = text.charCodeAt(start)
  return first === 49 || (first === 50 && text.charCodeAt(start + 1) === 48)
}

/** A capital, then lowercase letters, then a capital or the word's end (two letters at least). */
function isNameShaped(text: string, start: number, end: number): boolean {
  let k = start + 1
  while (k < end && isLower(text.charCodeAt(k))) k++
  return k < end ? isUpper(text.charCodeAt(k)) : end - start >= 2
}

/**
 * Whether a word of the sentence just scanned holds a digit that is neither in a
 * name nor a year. A name with a number is a capitalized word whose letters run
 * into digits ("HTML5") or that is followed by one '-' or ' ' and a word of digits
 * ("GPT-4", "Opus 3"), then any ".digits" ("3.5"); its digits count for nothing,
 * unless it holds a year ("Windows 2000"): then only the year is set aside.
 * Words shaped like years are dates, never numbers.
 */
function digitOutsideNamesAndYears(text: string, count: number): boolean {
  for (let k = 0; k < count; ) {
    const last = namedNumberEnd(text, k, count)
    if (last < 0) {
      if (hasDigitOutsideYear(text, k)) return true
      k++
      continue
    }
    let holdsYear = false
    for (let j = k + 1; j <= last; j++) if (isYearShaped(text, tokenStarts[j]!, tokenEnds[j]!)) holdsYear = true
    if (holdsYear) for (let j = k; j <= last; j++) if (hasDigitOutsideYear(text, j)) return true
    k = last + 1
  }
  return false
}

/** The last word of a name with a number that starts at word `k`, or -1. */
function namedNumberEnd(text: string, k: number, count: number): number {
  const start = tokenStarts[k]!
  const end = tokenEnds[k]!
  if (!isUpper(text.charCodeAt(start))) return -1
  let at = start + 1
  while (at < end && isAsciiLetter(text.charCodeAt(at))) at++
  let last: number
  if (at < end) {
    // Glued digits must end the word ("HTML5", not "GPT4o").
    if (!isDigit(text.charCodeAt(at))) return -1
    while (at < end && isDigit(text.charCodeAt(at))) at++
    if (at < end) return -1
    last = k
  } else {
    const gap = text.charCodeAt(end)
    if (!((gap === 45 || gap === 32) && k + 1 < count && tokenStarts[k + 1] === end + 1 && isDigitWord(text, k + 1))) return -1
    last = k + 1
  }
  while (last + 1 < count && tokenStarts[last + 1] === tokenEnds[last]! + 1 && text.charCodeAt(tokenEnds[last]!) === 46 && isDigitWord(text, last + 1)) last++
  return last
}

function isDigitWord(text: string, k: number): boolean {
  for (let at = tokenStarts[k]!; at < tokenEnds[k]!; at++) if (!isDigit(text.charCodeAt(at))) return false
  return true
}

function hasDigitOutsideYear(text: string, k: number): boolean {
  return tokenDigits[k] === 1 && !isYearShaped(text, tokenStarts[k]!, tokenEnds[k]!)
}

function phraseAt(phrase: Phrase, head: number, count: number, text: string): boolean {
  if (head + phrase.rest.length >= count) return false
  for (let j = 0; j < phrase.rest.length; j++) {
    const word = head + 1 + j
    const wanted = phrase.rest[j]!
    if (wanted !== ANY && tokenIds[word] !== wanted) return false
    if (!gapIs(phrase.gaps[j]!, text, tokenEnds[word - 1]!, tokenStarts[word]!)) return false
  }
  return true
}

function gapIs(gap: Gap, text: string, from: number, to: number): boolean {
  if (gap === 'space') return to - from === 1 && text.charCodeAt(from) === 32
  if (gap === 'apostrophe') return to - from === 1 && text.charCodeAt(from) === 39
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false
  return to > from
}

function grow(size: number): void {
  tokenIds = new Int32Array(size)
  tokenStarts = new Int32Array(size)
  tokenEnds = new Int32Array(size)
  tokenDigits = new Uint8Array(size)
}
