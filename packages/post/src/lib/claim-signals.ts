// What makes a sentence checkable. Each signal is a reason a claim records; the
// detector adds their weights, subtracts a penalty for each sign that the sentence
// is about the author, the reader or the post rather than the world, and keeps
// sentences at or above a threshold. Heuristics, not a model, tuned on the labelled
// development set in eval/detection/ (`pnpm eval:detect`): they favour recall on
// factual prose and leave out questions, instructions, greetings, remarks about the
// post itself and sentences that only give an opinion.
// One regular expression a signal, tried on the sentence as one line.

import type { ClaimReason } from '@vetted/core'
import { isWhitespace } from '@vetted/core/internal'

const QUANTIFIER =
  /\b(?:never|always|only|unique(?:ly)?|all|none|every(?:one|thing)?|no (?:other|one)|nobody|nothing|sole(?:ly)?|entirely|completely|invariably|universally|any other|each|first|last)\b/i
const ATTRIBUTION =
  /\b(?:according to|reports?|reported|found that|finds that|showed|shown|shows|demonstrat(?:e|ed|es)|stud(?:y|ies)|paper|research(?:ers)?|survey|experiments?|evidence|measured|estimated?|estimates|published|announced|introduced|invented|discovered|coined|wrote|written by|said|says|claims?|claimed|concluded|proved|proposed|defines|specifies|standardi[sz]ed|released|founded|won)\b/i
const COMPARISON =
  /\b(?:more|less|fewer)(?:\s+\w+)?\s+than\b|\b(?:greater|larger|smaller|higher|lower|faster|slower|older|newer|earlier|later|bigger|better|worse)\s+than\b|\b(?:most|least|largest|smallest|biggest|fastest|slowest|highest|lowest|oldest|newest|earliest|latest|longest|shortest|greatest|best|worst)\b|\bas \w+ as\b|\bcompared (?:to|with)\b|\b(?:outperform|exceed|surpass)(?:s|ed)?\b/i
const CAUSAL =
  /\b(?:because|caused?|causes|causing|leads? to|led to|results? in|resulted in|due to|therefore|thus|hence|as a result|consequently|so that|enables?|enabled|prevents?|prevented|drives|drove|made it possible)\b/i
// "one" is left out: it is a pronoun ("one should") or a determiner ("one of the") far more often than a count.
const NUMBER_WORD =
  /\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|thrice|percent|majority|minority)\b/i

// Signs that a sentence is about the author, the reader or the post, or only an opinion.
const HEDGE =
  /\b(?:i think|i believe|i feel|i suspect|i guess|i find|i would not|i expect|i doubt|i don['’]t think|in my (?:view|opinion)|my own reading|it seems to me|seems?|might|maybe|perhaps|arguably|probably|plausibly|possibly|presumably|i['’]d say|i would say)\b/i
// The author's own life or work ("we split the monorepo", "my daughter"): no reader can check it.
const FIRST_PERSON = /\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|[Oo]ur|[Oo]urs)\b/
// Talking to the reader ("you should see two rows").
const ADDRESS = /\b(?:you|your|yours|yourself)\b/i
// A remark about the post itself: "the figure above", "shown below", "this piece".
const DEIXIS =
  /\b(?:figure|table|chart|map|image|picture|photo|graph|diagram|plot|output|list|code|snippet|example|guide|section|screenshot|video)s? (?:above|below)\b|\b(?:shown|listed|described|mentioned|discussed|linked|quoted|see|subscribe|get to) (?:above|below)\b|\bthis (?:post|piece|article|essay|tutorial|review|series|week)\b|\bhere(?:['’]s| is| are)\b/i
// "One" as a pronoun: general advice or a manner of speaking, not a fact.
const PRONOUN_ONE =
  /\bone (?:can|cannot|can['’]t|could|should|must|might|may|would|will|has to|needs? to|comes|gets|sees|finds|learns|ought)\b/i
// Words that judge rather than state.
const OPINION =
  /\b(?:interesting|remarkable|lovely|beautiful|nice|fun|boring|tempting|worth(?:while)?|excellent|brilliant|gripping|amazing|wonderful|fascinating|striking|quibble|manageable|good|bad|(?:un)?acceptable|genuinely|honestly|frankly|clearly|admittedly|funny|delightful|puzzling|clever|weird|lessons?|(?:hard|easy|simple) to|at (?:his|her|their|its) best)\b/i
// Plans and predictions: not yet a fact anyone could check.
const FUTURE = /\b(?:will|won['’]t|shall|is planned|are planned|next (?:week|month|year))\b/i
// A short lead-in to a list ("There are three reasons:").
const LIST_LEAD = /^(?:\S+\s+){0,7}\S+:$/

// Objects, not [name, pattern] pairs: destructuring a pair takes an iterator, for every pattern of every sentence.
const KEYWORDS: Array<{ reason: 'quantifier' | 'attribution' | 'comparison' | 'causal'; pattern: RegExp }> = [
  { reason: 'quantifier', pattern: QUANTIFIER },
  { reason: 'attribution', pattern: ATTRIBUTION },
  { reason: 'comparison', pattern: COMPARISON },
  { reason: 'causal', pattern: CAUSAL },
]

const MARKERS: Array<{ marker: Marker; pattern: RegExp }> = [
  { marker: 'hedge', pattern: HEDGE },
  { marker: 'firstPerson', pattern: FIRST_PERSON },
  { marker: 'address', pattern: ADDRESS },
  { marker: 'deixis', pattern: DEIXIS },
  { marker: 'pronounOne', pattern: PRONOUN_ONE },
  { marker: 'opinion', pattern: OPINION },
  { marker: 'future', pattern: FUTURE },
]

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December'
// A year (1000 to 2099, or a decade: 1990s), a month with a day or a year, a century.
const YEAR = /\b(?:1[0-9]{3}|20[0-9]{2})s?\b/
const DATE = new RegExp(
  `${YEAR.source}|\\b(?:${MONTHS})\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(?:${MONTHS})\\b|\\b(?:${MONTHS}),?\\s+\\d{4}\\b|\\b(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|nineteenth|twentieth|twenty-first)[- ]century\\b`,
)

// Digits glued to a capitalized word ("Opus 3", "GPT-4", "HTML5") name something,
// and a year is a date: neither counts as a number.
const NAMED_NUMBER = /\b\p{Lu}[\p{L}]*(?:[- ]?\d+(?:\.\d+)*)\b/gu
const YEARS = new RegExp(YEAR.source, 'g')
const DIGIT = /\d/

// A capitalized word that does not open the sentence, or an acronym. "I" and
// words right after an opening quote or colon are not names.
const NAME = /\b(?:\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}*)*|\p{Lu}{2,}\w*|\p{Lu}\p{Ll}*\p{Lu}\w*)\b/gu
const NOT_NAMES = new Set(['I', 'OK', 'Okay', 'Mr', 'Mrs', 'Ms', 'Dr'])

const INSTRUCTION =
  /^(?:please\s+)?(?:(?:always|never|just|simply|now|then|first|next|finally)\s+)?(?:let's|let us|read|use|try|see|consider|imagine|remember|make sure|don't|do not|go|click|run|install|open|add|check|take|look|think about|be sure|keep|avoid|start|stop|follow|write|ask|fill|pick|choose|set|skip|tell|join|find|buy|walk|save|create|copy|paste|replace|remove|put|call|subscribe|download|enter|mix|stir|shine)(?![-\w'’])/i
const GREETING = /^(?:hi|hello|hey|thanks|thank you|welcome|cheers|good (?:morning|evening|afternoon))\b/i

export interface SignalWeights {
  statement: number
  number: number
  date: number
  name: number
  quantifier: number
  attribution: number
  comparison: number
  causal: number
}

/** What each sign that a sentence is not about the world subtracts. */
export interface SignalPenalties {
  hedge: number
  firstPerson: number
  address: number
  deixis: number
  pronounOne: number
  opinion: number
  future: number
  listLead: number
}
export type Marker = keyof SignalPenalties

export interface Signals {
  reasons: ClaimReason[]
  /** Signs that the sentence is about the author, the reader or the post, or an opinion. */
  markers: Marker[]
  score: number
  /** A question, an instruction or a greeting: never a claim. */
  excluded?: Exclusion
}
export type Exclusion = 'question' | 'instruction' | 'greeting'

/** Score one sentence. `text` has inline code masked out (see detect.ts). */
export function signalsOf(text: string, weights: SignalWeights, penalties: SignalPenalties): Signals {
  const trimmed = text.trim()
  const markers: Marker[] = []
  for (const { marker, pattern } of MARKERS) if (pattern.test(trimmed)) markers.push(marker)
  // Only a sentence ending with a colon can be one: the pattern is slow to fail on all the others.
  if (trimmed.endsWith(':') && LIST_LEAD.test(trimmed)) markers.push('listLead')
  const reasons: ClaimReason[] = []
  // Addressing the reader is how explanations are written ("it reaches your eyes"): it costs its penalty only.
  if (markers.every((marker) => marker === 'address')) reasons.push('statement')
  if (hasNumber(trimmed)) reasons.push('number')
  if (DATE.test(trimmed)) reasons.push('date')
  if (hasName(trimmed)) reasons.push('name')
  for (const { reason, pattern } of KEYWORDS) if (pattern.test(trimmed)) reasons.push(reason)
  let score = 0
  for (const reason of reasons) score += weights[reason]
  for (const marker of markers) score -= penalties[marker]
  const excluded = isQuestion(trimmed)
    ? 'question'
    : INSTRUCTION.test(trimmed)
      ? 'instruction'
      : GREETING.test(trimmed)
        ? 'greeting'
        : undefined
  return { reasons, markers, score, ...(excluded && { excluded }) }
}

/** A percentage, a number word, or digits outside names and years. */
function hasNumber(text: string): boolean {
  if (text.includes('%')) return true
  const rest = DIGIT.test(text) ? text.replace(NAMED_NUMBER, (match) => (YEAR.test(match) ? match : 'Named')).replace(YEARS, '') : text
  return DIGIT.test(rest) || NUMBER_WORD.test(rest)
}

/** Ends with a question mark, then any closing quotes or brackets. */
function isQuestion(text: string): boolean {
  let at = text.length - 1
  while (at >= 0 && QUESTION_CLOSERS.has(text[at]!)) at--
  return text[at] === '?'
}
const QUESTION_CLOSERS = new Set(['"', "'", '”', '’', ')', ']'])

function hasName(text: string): boolean {
  // exec, not matchAll: matchAll copies the pattern for every sentence.
  NAME.lastIndex = 0
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
