// Where a correction's quote stands: inside its claim's sentence, or nowhere. A
// correction is never looked for outside the sentence it was judged for (a quote
// such as "1995" also stands in sentences that are right). Quotes are matched on
// normalized text (typographic quotes, dashes and whitespace folded) and mapped
// back to plain-text and source offsets. SentenceIndex finds a claim's sentence
// by fingerprint among every sentence of the prose, selected by detection or not.

import { LineIndex, lastAtOrBefore, normalizeText, normalizeWithMap, originalOffset, type Claim, type NormalizedText } from '@vetted/core'
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
    const last = originalOffset(normalized, at + length - 1)
    const end = last + ((block.text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1)
    return { block, start, end, sourceStart: sourceOffsetOf(block, start, 'start'), sourceEnd: sourceOffsetOf(block, end, 'end') }
  }
}

/**
 * Every sentence of the prose as a claim (`reasons` empty when detection did not
 * select it), split once on first use: most posts never need it.
 */
export class SentenceIndex {
  readonly #blocks: ProseBlock[]
  readonly #lines: LineIndex
  #all: Claim[] | undefined
  #byFingerprint: Map<string, Claim> | undefined

  constructor(blocks: ProseBlock[], lines: LineIndex) {
    this.#blocks = blocks
    this.#lines = lines
  }

  /** The first sentence with this fingerprint, or undefined when the post no longer has it. */
  withFingerprint(fingerprint: string): Claim | undefined {
    if (!this.#byFingerprint) {
      this.#byFingerprint = new Map()
      for (const sentence of this.#sentences()) if (!this.#byFingerprint.has(sentence.fingerprint)) this.#byFingerprint.set(sentence.fingerprint, sentence)
    }
    return this.#byFingerprint.get(fingerprint)
  }

  /** Every sentence whose text holds the quote (normalized). */
  holding(quote: string): Claim[] {
    const wanted = normalizeText(quote)
    if (wanted.length === 0) return []
    return this.#sentences().filter((sentence) => normalizeText(sentence.text).includes(wanted))
  }

  #sentences(): Claim[] {
    this.#all ??= this.#blocks.flatMap((block) =>
      blockSentences(block).map((sentence) => ({
        text: sentence.text,
        start: this.#lines.position(sourceOffsetOf(block, sentence.start, 'start')),
        end: this.#lines.position(sourceOffsetOf(block, sentence.end, 'end')),
        fingerprint: sentence.fingerprint,
        reasons: [],
        quoted: block.quoted,
      })),
    )
    return this.#all
  }
}
