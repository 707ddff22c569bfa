// Where a correction's quote stands: inside its claim's sentence, or nowhere. A
// correction is never looked for outside the sentence it was judged for (a quote
// such as "1995" also stands in sentences that are right). Quotes are matched on
// normalized text (typographic quotes, dashes and whitespace folded) and mapped
// back to plain-text and source offsets. sentencesHolding finds the sentences of
// the prose (split once, by detection), selected or not, that hold a quote: a
// correction's own sentence is among them, and an edited one still holds it.

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
 * For each quote, every sentence whose text holds it (both normalized), in the
 * post's order; all quotes in one pass over the sentences (a long document may
 * have thousands of quotes of gone corrections). Normalized text has single
 * spaces, so a sentence that holds a quote has each of its inner words (what
 * stands between two of its spaces, punctuation and all) among its own: a quote
 * is looked for only in the sentences that have its longest inner word, and a
 * quote of one or two words in every sentence.
 */
export function sentencesHolding(sentences: readonly Sentence[], quotes: readonly string[]): Sentence[][] {
  const wanted = quotes.map((quote) => normalizeText(quote))
  const found = wanted.map((): Sentence[] => [])
  const everywhere: number[] = []
  const byWord = new Map<string, number[]>()
  wanted.forEach((quote, index) => {
    if (quote.length === 0) return
    const word = longestInnerWord(quote)
    if (word === undefined) everywhere.push(index)
    else if (byWord.has(word)) byWord.get(word)!.push(index)
    else byWord.set(word, [index])
  })
  if (everywhere.length === 0 && byWord.size === 0) return found
  const lookFor = (sentence: Sentence, text: string, index: number) => {
    if (found[index]!.at(-1) !== sentence && text.includes(wanted[index]!)) found[index]!.push(sentence)
  }
  for (const sentence of sentences) {
    const text = normalizeText(sentence.text)
    for (const index of everywhere) lookFor(sentence, text, index)
    if (byWord.size === 0) continue
    for (const word of text.split(' ')) for (const index of byWord.get(word) ?? []) lookFor(sentence, text, index)
  }
  return found
}

/** The longest word of a normalized quote but its first and last (which may be parts of longer words), or undefined. */
function longestInnerWord(quote: string): string | undefined {
  const inner = quote.split(' ').slice(1, -1)
  return inner.length === 0 ? undefined : inner.reduce((longest, word) => (word.length > longest.length ? word : longest))
}
