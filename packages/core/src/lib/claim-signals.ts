// What makes a sentence checkable. Each signal is a reason a claim records; the
// detector adds their weights and keeps sentences at or above a threshold.
// Heuristics, not a model: they favour recall on factual prose and leave out
// questions, instructions, greetings and sentences that only hedge an opinion.

import type { ClaimReason } from '../schemas/claim.ts'
import { ATTRIBUTION, CAUSAL, CENTURY, COMPARISON, HEDGE, MONTH, NUMBER_WORD, QUANTIFIER, scanKeywords } from './keywords.ts'
import { isWhitespace } from './chars.ts'

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December'

// A year (1000 to 2099, or a decade: 1990s): a date, and digits that are no number.
const YEAR_SOURCE = '\\b(?:1[0-9]{3}|20[0-9]{2})s?\\b'
const YEAR = new RegExp(YEAR_SOURCE, 'g')
const IS_YEAR = new RegExp(YEAR_SOURCE)
// The other dates: a month with a day or a year, a century. Each has a digit or
// the word "century". Keyword signals: keywords.ts.
const OTHER_DATE = new RegExp(
  `\\b(?:${MONTHS})\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(?:${MONTHS})\\b|\\b(?:${MONTHS}),?\\s+\\d{4}\\b|\\b(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|nineteenth|twentieth|twenty-first)[- ]century\\b`,
)

// A digit run, a number word, or a percentage. Digits glued to a capitalized
// word ("Opus 3", "GPT-4", "HTML5") name something and count as a name instead.
const NAMED_NUMBER = /\b\p{Lu}[\p{L}]*(?:[- ]?\d+(?:\.\d+)*)\b/gu
const DIGIT = /\d/

// A capitalized word that does not open the sentence, or an acronym. "I" and
// words right after an opening quote or colon are not names.
const NAME = /\b(?:\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}*)*|\p{Lu}{2,}\w*|\p{Lu}\p{Ll}*\p{Lu}\w*)\b/gu
const NOT_NAMES = new Set(['I', 'OK', 'Okay', 'Mr', 'Mrs', 'Ms', 'Dr'])

const INSTRUCTION =
  /^(?:please\s+)?(?:let's|let us|read|use|try|see|note|consider|imagine|remember|make sure|don't|do not|go|click|run|install|open|add|check|take|look|think about|be sure|keep|avoid|start|stop|follow|write|ask)(?![-\w'’])/i
const GREETING = /^(?:hi|hello|hey|thanks|thank you|welcome|cheers|good (?:morning|evening|afternoon))\b/i

export interface SignalWeights {
  number: number
  date: number
  name: number
  quantifier: number
  attribution: number
  comparison: number
  causal: number
}

export interface Signals {
  reasons: ClaimReason[]
  score: number
  /** A question, an instruction or a greeting: never a claim. */
  excluded: boolean
}

/**
 * Score one sentence. `text` has inline code masked out (see detect.ts). With a
 * `threshold`, a sentence that is excluded or that cannot reach it even if every
 * pattern still to try matched gives undefined: most sentences are no claim, and
 * the patterns (numbers, dates, names) are what scoring costs.
 */
export function signalsOf(text: string, weights: SignalWeights, hedgePenalty: number, threshold?: number): Signals | undefined {
  const trimmed = text.trim()
  const excluded = isQuestion(trimmed) || INSTRUCTION.test(trimmed) || GREETING.test(trimmed)
  if (excluded && threshold !== undefined) return undefined
  const keywords = scanKeywords(trimmed)
  const { signals, hasDigit } = keywords
  const percent = trimmed.includes('%')
  // What the patterns could still find: a number needs a digit, a number word or
  // '%'; a year digits; the other dates a month's name with digits, or "century".
  const mayNumber = percent || hasDigit || (signals & NUMBER_WORD) !== 0
  const mayDate = hasDigit || (signals & CENTURY) !== 0
  const mayName = keywords.nameFrom >= 0
  const hedged = (signals & HEDGE) !== 0
  // Summed in the order of the reasons, as the score is: a sum without some of its
  // terms is never above the whole, rounding included.
  if (threshold !== undefined && scoreOf(weights, hedged ? hedgePenalty : 0, signals, mayNumber, mayDate, mayName) < threshold) return undefined
  const number = percent || (hasDigit ? hasNumber(trimmed, signals, keywords.numberFromWords) : mayNumber)
  const date = mayDate && (IS_YEAR.test(trimmed) || ((signals & (MONTH | CENTURY)) !== 0 && OTHER_DATE.test(trimmed)))
  const name = mayName && hasName(trimmed, keywords.nameFrom)
  const reasons: ClaimReason[] = []
  if (number) reasons.push('number')
  if (date) reasons.push('date')
  if (name) reasons.push('name')
  for (let k = 0; k < KEYWORD_REASONS.length; k++) if ((signals & KEYWORD_SIGNALS[k]!) !== 0) reasons.push(KEYWORD_REASONS[k]!)
  return { reasons, score: scoreOf(weights, hedged ? hedgePenalty : 0, signals, number, date, name), excluded }
}

function scoreOf(weights: SignalWeights, penalty: number, signals: number, number: boolean, date: boolean, name: boolean): number {
  let score = 0
  if (number) score += weights.number
  if (date) score += weights.date
  if (name) score += weights.name
  for (let k = 0; k < KEYWORD_REASONS.length; k++) if ((signals & KEYWORD_SIGNALS[k]!) !== 0) score += weights[KEYWORD_REASONS[k]!]
  return score - penalty
}
// Side by side, walked by index: a for...of over pairs left an iterator and an
// array per sentence, scored or not.
const KEYWORD_REASONS = ['quantifier', 'attribution', 'comparison', 'causal'] as const
const KEYWORD_SIGNALS = [QUANTIFIER, ATTRIBUTION, COMPARISON, CAUSAL]

/** A number once the digits of names and years are set aside (by the scan's words when it could tell). */
function hasNumber(text: string, signals: number, fromWords: boolean | undefined): boolean {
  if (fromWords !== undefined) return fromWords || (signals & NUMBER_WORD) !== 0
  const rest = text.replace(NAMED_NUMBER, keepYears).replace(YEAR, '')
  if (DIGIT.test(rest)) return true
  // A number word can only go with a name it was part of ("Ten 5"): look again without names.
  return (signals & NUMBER_WORD) !== 0 && (scanKeywords(rest).signals & NUMBER_WORD) !== 0
}
const keepYears = (match: string) => (IS_YEAR.test(match) ? match : 'Named')

/** Ends with a question mark, then any closing quotes or brackets. */
function isQuestion(text: string): boolean {
  let at = text.length - 1
  while (at >= 0 && QUESTION_CLOSERS.has(text[at]!)) at--
  return text[at] === '?'
}
const QUESTION_CLOSERS = new Set(['"', "'", '”', '’', ')', ']'])

function hasName(text: string, from: number): boolean {
  if (from < 0) return false
  // exec over a global pattern: matchAll's iterator costs more than the search on short sentences.
  NAME.lastIndex = from
  for (let match = NAME.exec(text); match; match = NAME.exec(text)) {
    // The first word of a sentence, or of a quotation or clause after a colon, is capitalized anyway.
    if (match.index === 0 || opensClause(text, match.index)) continue
    if (!NOT_NAMES.has(match[0])) return true
  }
  return false
}

/** Within the 3 characters before `index`, past any whitespace: a colon, an opening quote or a parenthesis. */
function opensClause(text: string, index: number): boolean {
  const floor = Math.max(0, index - 3)
  let at = index - 1
  while (at >= floor && isWhitespace(text.charCodeAt(at))) at--
  return at >= floor && CLAUSE_OPENERS.has(text[at]!)
}
const CLAUSE_OPENERS = new Set([':', '"', '“', '('])
