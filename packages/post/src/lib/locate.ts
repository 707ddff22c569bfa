// Where each correction's quote stands in the prose: inside its claim when the
// claim is still there, else at the quote's first occurrence, else nowhere
// (stale). Quotes are matched on normalized text (typographic quotes, dashes and
// whitespace folded) and mapped back to plain-text and source offsets. A quote
// outside its claim is rare (none to two a post): it is searched block by block.

import { lastAtOrBefore, normalizeText, normalizeWithMap, originalOffset, type Claim, type NormalizedText } from '@vetted/core'
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

export interface QuoteRequest {
  quote: string
  /**
   * Prefer the occurrence inside the sentence with this fingerprint (used when
   * claims are not detected); without one, or when no sentence has it, the first
   * occurrence wins.
   */
  sentence?: string
}

type Sentences = ReturnType<typeof blockSentences>

export class QuoteLocator {
  readonly #blocks: ProseBlock[]
  readonly #texts = new Map<ProseBlock, string>()
  readonly #normalized = new Map<ProseBlock, NormalizedText>()
  readonly #sentences = new Map<ProseBlock, Sentences>()

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

  /** The request's occurrence (see QuoteRequest) anywhere in the prose, or undefined. */
  find(request: QuoteRequest): QuoteLocation | undefined {
    const wanted = normalizeText(request.quote)
    if (wanted.length === 0) return undefined
    let first: QuoteLocation | undefined
    for (const block of this.#blocks) {
      // The offset map only for a block where the quote is: the search needs the text alone.
      if (!this.#text(block).includes(wanted)) continue
      const normalized = this.#normalize(block)
      for (let at = normalized.text.indexOf(wanted); at >= 0; at = normalized.text.indexOf(wanted, at + 1)) {
        const found = this.#location(block, normalized, at, wanted.length)
        if (request.sentence === undefined || this.#sentenceAt(block, found.start)?.fingerprint === request.sentence) return found
        first ??= found
      }
    }
    return first
  }

  #text(block: ProseBlock): string {
    let text = this.#texts.get(block)
    if (text === undefined) {
      text = normalizeText(block.text)
      this.#texts.set(block, text)
    }
    return text
  }

  #normalize(block: ProseBlock): NormalizedText {
    let normalized = this.#normalized.get(block)
    if (!normalized) {
      normalized = normalizeWithMap(block.text)
      this.#normalized.set(block, normalized)
    }
    return normalized
  }

  #sentenceAt(block: ProseBlock, offset: number): Sentences[number] | undefined {
    let sentences = this.#sentences.get(block)
    if (!sentences) {
      sentences = blockSentences(block)
      this.#sentences.set(block, sentences)
    }
    return sentences.find((sentence) => offset >= sentence.start && offset < sentence.end)
  }

  #location(block: ProseBlock, normalized: NormalizedText, at: number, length: number): QuoteLocation {
    const start = originalOffset(normalized, at)
    const last = originalOffset(normalized, at + length - 1)
    const end = last + ((block.text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1)
    return { block, start, end, sourceStart: sourceOffsetOf(block, start, 'start'), sourceEnd: sourceOffsetOf(block, end, 'end') }
  }
}
