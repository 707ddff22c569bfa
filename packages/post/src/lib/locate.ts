// Where a correction's quote stands: inside its claim's sentence, or nowhere. A
// correction is never looked for outside the sentence it was judged for (a quote
// such as "1995" also stands in sentences that are right). Quotes are matched on
// normalized text (typographic quotes, dashes and whitespace folded) and mapped
// back to plain-text and source offsets. SentenceIndex finds a claim's sentence
// by fingerprint among the sentences of the prose (split once, by detection),
// selected or not, and the sentences that still hold a gone correction's quote.

import { normalizeText, type Claim } from '@vetted/core'
import { lastAtOrBefore, normalizeWithMap, originalEnd, originalOffset, type NormalizedText } from '@vetted/core/internal'
import type { Sentence } from './detect.ts'
import { sourceOffsetOf, type ProseBlock } from './prose.ts'

export interface QuoteLocation {
  block: ProseBlock
  /** Offsets in the block's plain text. */
  start: number
  end: number
  /** Offsets in the source. */
  sourceStart: number
  sourceEnd: number
}

export class QuoteLocator {
  readonly #blocks: ProseBlock[]
  readonly #normalized = new Map<ProseBlock, NormalizedText>()

  constructor(blocks: ProseBlock[]) {
    this.#blocks = blocks
  }

  /** The quote where it starts inside `claim` (it may run on over the next sentences), or undefined. */
  inClaim(quote: string, claim: Claim): QuoteLocation | undefined {
    const block = this.#blocks[lastAtOrBefore(this.#blocks, claim.start.offset, (candidate) => candidate.node.position?.start.offset ?? 0)]
    const wanted = normalizeText(quote)
    if (!block || wanted.length === 0) return undefined
    const normalized = this.#normalize(block)
    for (let at = normalized.text.indexOf(wanted); at >= 0; at = normalized.text.indexOf(wanted, at + 1)) {
      const found = this.#location(block, normalized, at, wanted.length)
      if (found.sourceStart >= claim.start.offset && found.sourceStart < claim.end.offset) return found
      if (found.sourceStart > claim.end.offset) break
    }
    return undefined
  }

  #normalize(block: ProseBlock): NormalizedText {
    let normalized = this.#normalized.get(block)
    if (!normalized) {
      normalized = normalizeWithMap(block.text)
      this.#normalized.set(block, normalized)
    }
    return normalized
  }

  #location(block: ProseBlock, normalized: NormalizedText, at: number, length: number): QuoteLocation {
    const start = originalOffset(normalized, at)
    // Past the last character's combining accents too, where NFC composed them.
    const end = originalEnd(normalized, at + length)
    return { block, start, end, sourceStart: sourceOffsetOf(block, start, 'start'), sourceEnd: sourceOffsetOf(block, end, 'end') }
  }
}

/**
 * The sentences of the prose (selected by detection or not), for the corrections
 * whose sentence is not among the detected claims: a correction's own sentence,
 * by fingerprint, and the sentences that still hold a gone correction's quote,
 * by the rarest of its words (a long document may have thousands of such quotes).
 */
export class SentenceIndex {
  readonly #byFingerprint = new Map<string, Sentence>()
  readonly #sentences: Sentence[]
  #byWord: IndexedSentences | undefined

  constructor(sentences: Sentence[]) {
    this.#sentences = sentences
    for (const sentence of sentences)
      if (!this.#byFingerprint.has(sentence.fingerprint)) this.#byFingerprint.set(sentence.fingerprint, sentence)
  }

  /** The first sentence with this fingerprint, if it holds the quote; undefined when the post no longer has it. */
  withFingerprint(fingerprint: string, quote: string): Sentence | undefined {
    const found = this.#byFingerprint.get(fingerprint)
    const wanted = normalizeText(quote)
    // A sentence that does not hold its correction's quote (a ledger edited by hand) is not the correction's.
    return found && wanted.length > 0 && normalizeText(found.text).includes(wanted) ? found : undefined
  }

  /** Every sentence whose text holds the quote (normalized), in the post's order. */
  holding(quote: string): Sentence[] {
    const wanted = normalizeText(quote)
    if (wanted.length === 0) return []
    // Indexed on the first gone quote: most posts never look for one.
    this.#byWord ??= new IndexedSentences(this.#sentences)
    return this.#byWord.holding(wanted)
  }
}

/** A sentence with its normalized text. */
interface IndexedSentence {
  sentence: Sentence
  text: string
}

/** Every sentence of the prose by each word of its normalized text, in the post's order. */
class IndexedSentences {
  readonly #every: IndexedSentence[] = []
  readonly #byWord = new Map<string, IndexedSentence[]>()

  constructor(sentences: Sentence[]) {
    for (const sentence of sentences) {
      const entry = { sentence, text: normalizeText(sentence.text) }
      this.#every.push(entry)
      for (const word of entry.text.match(WORD) ?? []) {
        const having = this.#byWord.get(word)
        if (!having) this.#byWord.set(word, [entry])
        else if (having.at(-1) !== entry) having.push(entry)
      }
    }
  }

  /** The sentences holding `wanted` (normalized): a sentence holding it has each of its whole words, so only those with the rarest are searched. */
  holding(wanted: string): Sentence[] {
    let candidates = this.#every
    for (const word of wholeWords(wanted)) {
      const having = this.#byWord.get(word) ?? []
      if (having.length < candidates.length) candidates = having
    }
    return candidates.filter((candidate) => candidate.text.includes(wanted)).map((candidate) => candidate.sentence)
  }
}

/** The words of a normalized quote with a character of the quote on each side: the first and last may be parts of longer words. */
function wholeWords(quote: string): string[] {
  const words: string[] = []
  for (const match of quote.matchAll(WORD)) {
    if (match.index > 0 && match.index + match[0].length < quote.length) words.push(match[0])
  }
  return words
}

// A word: a run of ASCII letters and digits and non-ASCII characters, between
// ASCII spaces and punctuation. Code units, not code points, so that the quote and
// the sentence are cut alike even where a quote cuts a surrogate pair in two.
const WORD = /[A-Za-z0-9\u0080-\uffff]+/g
