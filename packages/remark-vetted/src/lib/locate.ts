// Where each correction's quote stands in the prose: inside its claim when the
// claim is still there, else at the quote's first occurrence, else nowhere
// (stale). Blocks are normalized lazily, once each, so that a large ledger costs
// one indexOf per correction, not one normalization.

import { blockSentences, normalizeText, normalizeWithMap, sourceOffsetOf, type Claim, type NormalizedText, type ProseBlock } from '@vetted/core'

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
  readonly #starts: number[]
  readonly #normalized = new Map<ProseBlock, NormalizedText>()
  readonly #sentences = new Map<ProseBlock, ReturnType<typeof blockSentences>>()

  constructor(blocks: ProseBlock[]) {
    this.#blocks = blocks
    this.#starts = blocks.map((block) => block.node.position?.start.offset ?? 0)
  }

  /** The quote where it starts inside `claim` (it may run on over the next sentences), or undefined. */
  inClaim(quote: string, claim: Claim): QuoteLocation | undefined {
    const block = this.#blockAt(claim.start.offset)
    if (!block) return undefined
    for (const found of this.#occurrences(block, quote)) {
      if (found.sourceStart >= claim.start.offset && found.sourceStart < claim.end.offset) return found
      if (found.sourceStart > claim.end.offset) break
    }
    return undefined
  }

  /**
   * Without detected claims (the site's mode): the occurrence whose sentence has
   * the claim's fingerprint, else the first occurrence. Only the blocks that hold
   * the quote are split into sentences.
   */
  inSentence(quote: string, claimFingerprint: string): QuoteLocation | undefined {
    let first: QuoteLocation | undefined
    for (const block of this.#blocks) {
      for (const found of this.#occurrences(block, quote)) {
        first ??= found
        let sentences = this.#sentences.get(block)
        if (!sentences) {
          sentences = blockSentences(block)
          this.#sentences.set(block, sentences)
        }
        const sentence = sentences.find((s) => found.start >= s.start && found.start < s.end)
        if (sentence?.fingerprint === claimFingerprint) return found
      }
    }
    return first
  }

  /** The first occurrence of the quote anywhere in the prose. */
  first(quote: string): QuoteLocation | undefined {
    for (const block of this.#blocks) {
      const found = this.#occurrences(block, quote).next()
      if (!found.done) return found.value
    }
    return undefined
  }

  #blockAt(offset: number): ProseBlock | undefined {
    let low = 0
    let high = this.#starts.length - 1
    if (high < 0) return undefined
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.#starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return this.#blocks[low]
  }

  *#occurrences(block: ProseBlock, quote: string): Generator<QuoteLocation> {
    let normalized = this.#normalized.get(block)
    if (!normalized) {
      normalized = normalizeWithMap(block.text)
      this.#normalized.set(block, normalized)
    }
    const wanted = normalizeText(quote)
    if (wanted.length === 0) return
    for (let at = normalized.text.indexOf(wanted); at >= 0; at = normalized.text.indexOf(wanted, at + 1)) {
      const start = normalized.map[at]!
      const last = normalized.map[at + wanted.length - 1]!
      const end = last + ((block.text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1)
      yield {
        block,
        start,
        end,
        sourceStart: sourceOffsetOf(block, start, 'start'),
        sourceEnd: sourceOffsetOf(block, end, 'end'),
      }
    }
  }
}
