// Where a correction's quote stands: inside its claim's sentence, or nowhere. A
// correction is never looked for outside the sentence it was judged for (a quote
// such as "1995" also stands in sentences that are right). Quotes are matched on
// normalized text (typographic quotes, dashes and whitespace folded) and mapped
// back to plain-text and source offsets. SentenceIndex finds a claim's sentence
// by fingerprint among the sentences of the prose, selected by detection or not.

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
 * The sentences of the prose as claims (`reasons` empty when detection did not
 * select them), looked for only in blocks that hold a correction's quote: its
 * claim's sentence holds the quote (the checker's code checks made sure), so a
 * block without it cannot have that sentence. Each such block is split once.
 */
export class SentenceIndex {
  readonly #blocks: ProseBlock[]
  readonly #lines: LineIndex
  readonly #texts = new Map<ProseBlock, string>()
  readonly #sentences = new Map<ProseBlock, Claim[]>()

  constructor(blocks: ProseBlock[], lines: LineIndex) {
    this.#blocks = blocks
    this.#lines = lines
  }

  /** The first sentence with this fingerprint in a block holding `quote`, or undefined when the post no longer has it. */
  withFingerprint(fingerprint: string, quote: string): Claim | undefined {
    for (const block of this.#holdingBlocks(quote)) {
      const found = this.#split(block).find((sentence) => sentence.fingerprint === fingerprint)
      if (found) return found
    }
    return undefined
  }

  /** Every sentence whose text holds the quote (normalized). */
  holding(quote: string): Claim[] {
    const wanted = normalizeText(quote)
    return this.#holdingBlocks(quote).flatMap((block) => this.#split(block).filter((sentence) => normalizeText(sentence.text).includes(wanted)))
  }

  #holdingBlocks(quote: string): ProseBlock[] {
    const wanted = normalizeText(quote)
    if (wanted.length === 0) return []
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
