import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ATTRIBUTION, CAUSAL, CENTURY, COMPARISON, HEDGE, MONTH, NUMBER_WORD, QUANTIFIER, scanKeywords } from '../src/lib/keywords.ts'
import { collectProse, parseMarkdown, splitSentences } from '../src/index.ts'

// The keyword lists as the regular expressions they replace: the specification
// the word scan must agree with.
const SPEC: Array<[number, RegExp]> = [
  [
    QUANTIFIER,
    /\b(?:never|always|only|unique(?:ly)?|all|none|every(?:one|thing)?|no (?:other|one)|nobody|nothing|sole(?:ly)?|entirely|completely|invariably|universally|any other|each|first|last)\b/i,
  ],
  [
    ATTRIBUTION,
    /\b(?:according to|reports?|reported|found that|finds that|showed|shown|shows|demonstrat(?:e|ed|es)|stud(?:y|ies)|paper|research(?:ers)?|survey|experiments?|evidence|measured|estimated?|estimates|published|announced|introduced|invented|discovered|coined|wrote|written by|said|says|claims?|claimed|concluded|proved|proposed|defines|specifies|standardi[sz]ed|released|founded|won)\b/i,
  ],
  [
    COMPARISON,
    /\b(?:more|less|fewer)(?:\s+\w+)?\s+than\b|\b(?:greater|larger|smaller|higher|lower|faster|slower|older|newer|earlier|later|bigger|better|worse)\s+than\b|\b(?:most|least|largest|smallest|biggest|fastest|slowest|highest|lowest|oldest|newest|earliest|latest|longest|shortest|greatest|best|worst)\b|\bas \w+ as\b|\bcompared (?:to|with)\b|\b(?:outperform|exceed|surpass)(?:s|ed)?\b/i,
  ],
  [
    CAUSAL,
    /\b(?:because|caused?|causes|causing|leads? to|led to|results? in|resulted in|due to|therefore|thus|hence|as a result|consequently|so that|enables?|enabled|prevents?|prevented|drives|drove|made it possible)\b/i,
  ],
  [
    HEDGE,
    /\b(?:i think|i believe|i feel|i suspect|i guess|in my (?:view|opinion)|it seems to me|maybe|perhaps|arguably|probably|i'd say|i would say)\b/i,
  ],
  [
    NUMBER_WORD,
    /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|thrice|percent|majority|minority)\b/i,
  ],
  [MONTH, /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i],
  [CENTURY, /\bcentury\b/i],
]
const NAME = /\b(?:\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}*)*|\p{Lu}{2,}\w*|\p{Lu}\p{Ll}*\p{Lu}\w*)\b/gu
// claim-signals.ts's patterns for numbers: digits glued to a capitalized word name something; years are dates.
const NAMED_NUMBER = /\b\p{Lu}[\p{L}]*(?:[- ]?\d+(?:\.\d+)*)\b/gu
const YEAR = /\b(?:1[0-9]{3}|20[0-9]{2})s?\b/g
const digitOutsideNamesAndYears = (text: string) =>
  /\d/.test(text.replace(NAMED_NUMBER, (match) => (/\b(?:1[0-9]{3}|20[0-9]{2})s?\b/.test(match) ? match : 'Named')).replace(YEAR, ''))

const bySpec = (text: string) => SPEC.reduce((bits, [signal, pattern]) => (pattern.test(text) ? bits | signal : bits), 0)

/**
 * The scan agrees with the patterns and with /\d/; in text without letters beyond
 * ASCII `nameFrom` is the first name past the first character; `numberFromWords`,
 * when it speaks, says what the number patterns say.
 */
function expectAgreement(text: string) {
  const scan = scanKeywords(text)
  expect({ text, signals: scan.signals, hasDigit: scan.hasDigit }).toEqual({ text, signals: bySpec(text), hasDigit: /\d/.test(text) })
  const ascii = !/\p{L}/u.test(text.replace(/[\x00-\x7f]/g, ''))
  const firstName = [...text.matchAll(NAME)].find((match) => match.index > 0)?.index ?? -1
  expect(scan.nameFrom, `${text}: names`).toBe(ascii ? firstName : 0)
  if (scan.numberFromWords !== undefined) expect(scan.numberFromWords, `${text}: numbers`).toBe(digitOutsideNamesAndYears(text))
}

const KEYWORD_WORDS = (
  'never always only unique uniquely all none every everyone everything no other one nobody nothing sole solely entirely any each first last ' +
  'according to report reports found that finds show showed shown shows study studies research researchers written by said claims standardised ' +
  'more less fewer than greater later worse most best as compared with outperform outperformed surpass surpasss surpasses exceed ' +
  'because cause lead leads led result results resulted in due therefore a so made it possible enable drives ' +
  'i think believe feel suspect guess my view opinion seems me maybe perhaps d say would ' +
  'zero ten hundred hundreds half percent majority may december century'
).split(' ')
const FILLER = [
  'the', 'web', 'Ada', 'CERN', 'GPT', 'x1', '_', 'naïve', 'Émile', 'über', 'data', '1991', '3.5',
  'it’s', 'O’Brien', 'Zoë', '“Ada”', '—', '𝐀', 'Zoe\u0308', 'GPT-4', 'Opus 3', 'HTML5', 'Claude 3.5x', '1990s', '1990S', '2019', '19901', '2100', 'I', 'A', 'OK', 'McCarthy', 'iPhone', 'Ab1', 'AB_c', 'S', 'Win 2000.1',
  'December 18', 'A1.2019', 'GPT4o', 'GPT-4o', 'Office 2019.5', 'v2.0', '7', '.5', '2024',
]
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\t', "'", '’', '-', ', ', '. ', '.', '_', '(', '"', '\u00a0', ':', '', ' — ', '…', '“']

describe('keyword scan', () => {
  it('agrees with the regular expressions on random sentences, in any case and spacing', () => {
    const word = fc.oneof(
      fc.constantFrom(...KEYWORD_WORDS).chain((w) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1))),
      fc.constantFrom(...FILLER),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 14 }), (parts) => {
        expectAgreement(parts.map(([w, s]) => w + s).join(''))
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with them on every sentence of a real post', () => {
    const source = readFileSync(new URL('../../../../shared/eval/posts/gradient-hacking.md', import.meta.url), 'utf8')
    let checked = 0
    for (const block of collectProse(parseMarkdown(source), source)) {
      for (const range of splitSentences(block.text)) {
        expectAgreement(block.text.slice(range.start, range.end))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(200)
  })

  it('reads a sentence longer than any before it whole', () => {
    const long = `${'word '.repeat(400)}more data than ever, according to the W3C`
    expectAgreement(long)
    expect(scanKeywords(long).signals).toBe(COMPARISON | ATTRIBUTION)
    expect(scanKeywords('all of it').signals).toBe(QUANTIFIER)
  })

  it('finds phrases only with the spacing they are written with', () => {
    expect(scanKeywords('according to the W3C').signals & ATTRIBUTION).toBe(ATTRIBUTION)
    expect(scanKeywords('according  to the W3C').signals & ATTRIBUTION).toBe(0)
    expect(scanKeywords('more\nthan ten').signals & COMPARISON).toBe(COMPARISON)
    expect(scanKeywords("I'd say so").signals & HEDGE).toBe(HEDGE)
    expect(scanKeywords('allowed and overall').signals).toBe(0)
  })
})
