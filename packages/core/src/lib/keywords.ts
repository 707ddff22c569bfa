// The keyword signals of a sentence (quantifiers, attributions, comparisons,
// causes, hedges, number words) in one pass over its words, instead of one
// regular expression per signal: detection runs over every sentence of every
// post, and on plain prose those scans were most of its cost.
//
// A word is a run of [A-Za-z0-9_], exactly what \b delimits in a regular
// expression, compared in lowercase. In the lists below, a phrase joins its words
// with '|' (exactly one space), '~' (any whitespace) or an apostrophe; '*' stands
// for any word.
// packages/core/test/keywords.test.ts holds the same lists as regular expressions
// and checks that both agree.

import { isWhitespace } from './whitespace.ts'

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

export interface KeywordScan {
  /** The signals found, as bits (QUANTIFIER | ATTRIBUTION | ...). */
  signals: number
  /**
   * Where a name may start: the first capitalized word after the sentence's first
   * character, 0 when the text holds non-ASCII characters (they may start one
   * too), or -1 when no name can be there.
   */
  nameFrom: number
  /** Whether the text holds an ASCII digit. */
  hasDigit: boolean
}

export function scanKeywords(text: string): KeywordScan {
  let signals = 0
  let count = 0
  let heads = false
  let capital = -1
  let nonAscii = false
  let hasDigit = false
  const length = text.length
  if (length > tokenIds.length) grow(length) // a sentence has fewer words than characters
  for (let i = 0; i < length; ) {
    const code = text.charCodeAt(i)
    let folded = wordCode(code)
    if (folded === 0) {
      if (code >= 0x80) nonAscii = true
      i++
      continue
    }
    const start = i
    if (capital < 0 && start > 0 && code >= 65 && code <= 90) capital = start
    let hash = FNV_OFFSET
    do {
      if (folded <= 57) hasDigit = true // only digits fold below 58
      hash = step(hash, folded)
      i++
    } while (i < length && (folded = wordCode(text.charCodeAt(i))) !== 0)
    // Most words are no keyword: their slot is empty.
    const id = i - start <= MAX_WORD && tableIds[hash & (TABLE_SIZE - 1)] !== -1 ? lookup(hash, text, start, i) : -1
    tokenIds[count] = id
    tokenStarts[count] = start
    tokenEnds[count] = i
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
      for (const phrase of phrases) if ((signals & phrase.signal) === 0 && phraseAt(phrase, k, count, text)) signals |= phrase.signal
    }
  }
  return { signals, nameFrom: nonAscii ? 0 : capital, hasDigit }
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
}
