// Where a correction's quote stands: inside its claim's sentence, or nowhere. A
// correction is never looked for outside the sentence it was judged for (a quote
// such as "1995" also stands in sentences that are right). Quotes are matched on
// normalized text (typographic quotes, dashes and whitespace folded) and mapped
// back to plain-text and source offsets. SentenceIndex finds a claim's sentence
// by fingerprint among the sentences of the prose, selected by detection or not,
// and the sentences that still hold a gone correction's quote.

import { normalizeText, type Claim } from '@vetted/core'
import { type LineIndex, lastAtOrBefore, normalizeWithMap, originalEnd, originalOffset, type NormalizedText } from '@vetted/core/internal'
import { blockSentences } from './detect.ts'
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
 * The sentences of the prose as claims (`reasons` empty: detection did not select
 * them), for the corrections whose sentence is not among the detected claims: a
 * correction's own sentence, by fingerprint, and the sentences that still hold its
 * quote. A post has none to two such corrections, and for those a scan of the prose
 * costs least: a claim's sentence holds its quote (the checker's code checks made
 * sure), so only the blocks holding the quote are split. A document with many (a
 * long one whose sentences were reworded) would pay the whole prose for each quote:
 * past four scans, every sentence is indexed once instead, by fingerprint and by word.
 */
export class SentenceIndex {
  readonly #blocks: ProseBlock[]
  readonly #lines: LineIndex
  readonly #texts = new Map<ProseBlock, string>()
  readonly #sentences = new Map<ProseBlock, Claim[]>()
  #scans = 0
  #index: IndexedSentences | undefined

  constructor(blocks: ProseBlock[], lines: LineIndex) {
    this.#blocks = blocks
    this.#lines = lines
  }

  /** The first sentence with this fingerprint, or undefined when the post no longer has it. */
  withFingerprint(fingerprint: string, quote: string): Claim | undefined {
    const index = this.#indexed()
    if (index) {
      // As the scan: a sentence that does not hold the quote is not found (a ledger edited by hand).
      const found = index.byFingerprint.get(fingerprint)
      return found?.text.includes(normalizeText(quote)) ? found.sentence : undefined
    }
    for (const block of this.#holdingBlocks(normalizeText(quote))) {
      const found = this.#split(block).find((sentence) => sentence.fingerprint === fingerprint)
      if (found) return found
    }
    return undefined
  }

  /** Every sentence whose text holds the quote (normalized), in the post's order. */
  holding(quote: string): Claim[] {
    const wanted = normalizeText(quote)
    if (wanted.length === 0) return []
    const index = this.#indexed()
    if (index) return index.holding(wanted)
    return this.#holdingBlocks(wanted).flatMap((block) =>
      this.#split(block).filter((sentence) => normalizeText(sentence.text).includes(wanted)),
    )
  }

  // A real post scans at most four times (two corrections, each for its sentence and then the sentences holding its quote).
  #indexed(): IndexedSentences | undefined {
    if (!this.#index && this.#scans >= 4) this.#index = new IndexedSentences(this.#blocks.flatMap((block) => this.#split(block)))
    return this.#index
  }

  /** The blocks whose normalized text holds `wanted` (a normalized quote). */
  #holdingBlocks(wanted: string): ProseBlock[] {
    if (wanted.length === 0) return []
    this.#scans++
    return this.#blocks.filter((block) => {
      let text = this.#texts.get(block)
      if (text === undefined) this.#texts.set(block, (text = normalizeText(block.text)))
      return text.includes(wanted)
    })
  }

  #split(block: ProseBlock): Claim[] {
    let sentences = this.#sentences.get(block)
    if (!sentences) {
      sentences = blockSentences(block).map((sentence) => ({
        text: sentence.text,
        start: this.#lines.position(sourceOffsetOf(block, sentence.start, 'start')),
        end: this.#lines.position(sourceOffsetOf(block, sentence.end, 'end')),
        fingerprint: sentence.fingerprint,
        reasons: [],
        quoted: block.quoted,
      }))
      this.#sentences.set(block, sentences)
    }
    return sentences
  }
}

/** A sentence with its normalized text. */
interface IndexedSentence {
  sentence: Claim
  text: string
}

/** Every sentence of the prose, by fingerprint (the first with it) and by each word of its normalized text, in the post's order. */
class IndexedSentences {
  readonly byFingerprint = new Map<string, IndexedSentence>()
  readonly #every: IndexedSentence[] = []
  readonly #byWord = new Map<string, IndexedSentence[]>()

  constructor(sentences: Claim[]) {
    for (const sentence of sentences) {
      const entry = { sentence, text: normalizeText(sentence.text) }
      if (!this.byFingerprint.has(sentence.fingerprint)) this.byFingerprint.set(sentence.fingerprint, entry)
      this.#every.push(entry)
      for (const word of entry.text.match(WORD) ?? []) {
        const having = this.#byWord.get(word)
        if (!having) this.#byWord.set(word, [entry])
        else if (having.at(-1) !== entry) having.push(entry)
      }
    }
  }

  /** The sentences holding `wanted` (normalized): a sentence holding it has each of its whole words, so only those with the rarest are searched. */
  holding(wanted: string): Claim[] {
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
