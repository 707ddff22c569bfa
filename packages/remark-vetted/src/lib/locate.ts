// Where each correction's quote stands in the prose: inside its claim when the
// claim is still there, else at the quote's first occurrence, else nowhere
// (stale). Quotes are matched on normalized text (typographic quotes, dashes and
// whitespace folded) and mapped back to plain-text and source offsets.
//
// Cost stays linear in the document and the ledger: a quote with its claim is
// searched in that claim's block only; all other quotes are found together in
// one pass over the prose (Wu-Manber: a table of shifts steps over most of it,
// and a hash of a short prefix picks the candidate quotes where it stops), never
// one scan of the whole post per quote.

import {
  blockSentences,
  normalizeText,
  normalizeWithMap,
  originalOffset,
  sourceOffsetOf,
  type Claim,
  type NormalizedText,
  type ProseBlock,
} from '@vetted/core'

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

/** Longest quote prefix hashed; shorter quotes shorten the window for all. */
const MAX_WINDOW = 16
const HASH_BASE = 0x01000193
/** Characters per Wu-Manber block (fewer when a quote is shorter). */
const GRAM = 3

export class QuoteLocator {
  readonly #blocks: ProseBlock[]
  readonly #starts: number[]
  readonly #normalized = new Map<ProseBlock, NormalizedText>()
  readonly #sentences = new Map<ProseBlock, Sentences>()

  constructor(blocks: ProseBlock[]) {
    this.#blocks = blocks
    this.#starts = blocks.map((block) => block.node.position?.start.offset ?? 0)
  }

  /** The quote where it starts inside `claim` (it may run on over the next sentences), or undefined. */
  inClaim(quote: string, claim: Claim): QuoteLocation | undefined {
    const block = this.#blockAt(claim.start.offset)
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

  /** Each request's occurrence (see QuoteRequest), found in one pass over the prose. */
  findAll(requests: QuoteRequest[]): Array<QuoteLocation | undefined> {
    const results: Array<QuoteLocation | undefined> = new Array(requests.length).fill(undefined)
    const firsts: Array<QuoteLocation | undefined> = new Array(requests.length).fill(undefined)
    const resolved: boolean[] = new Array(requests.length).fill(false)

    // Distinct normalized quotes, each with the requests that ask for it.
    const patterns: Array<{ text: string; requests: number[]; open: number }> = []
    const byText = new Map<string, number>()
    requests.forEach((request, index) => {
      const text = normalizeText(request.quote)
      if (text.length === 0) {
        resolved[index] = true
        return
      }
      let pattern = byText.get(text)
      if (pattern === undefined) {
        pattern = patterns.push({ text, requests: [], open: 0 }) - 1
        byText.set(text, pattern)
      }
      patterns[pattern]!.requests.push(index)
      patterns[pattern]!.open++
    })
    if (patterns.length === 0) return results

    let window = MAX_WINDOW
    for (const pattern of patterns) window = Math.min(window, pattern.text.length)
    const table = new Map<number, number[]>()
    // Open patterns per 16 bits of hash: a found quote stops costing a lookup where its prefix recurs.
    const filter = new Uint16Array(1 << 16)
    patterns.forEach((pattern, index) => {
      const hash = windowHash(pattern.text, 0, window)
      const list = table.get(hash)
      if (list) list.push(index)
      else table.set(hash, [index])
      filter[hash & 0xffff]!++
    })
    // Wu-Manber: how far a window may move on, by the hash of its last `gram`
    // characters, so that most of the prose is stepped over, never read.
    const gram = Math.min(GRAM, window)
    const shifts = new Uint8Array(1 << 16).fill(window - gram + 1)
    for (const pattern of patterns) {
      for (let j = 0; j + gram <= window; j++) {
        const slot = gramHash(pattern.text, j, gram)
        shifts[slot] = Math.min(shifts[slot]!, window - gram - j)
      }
    }

    let openPatterns = patterns.length
    for (const block of this.#blocks) {
      if (openPatterns === 0) break
      // The offset map only for a block where a quote is found: the scan needs the text alone.
      const text = this.#normalized.get(block)?.text ?? normalizeText(block.text)
      for (let end = nextCandidate(text, window - 1, window, gram, shifts); end >= 0; end = nextCandidate(text, end + 1, window, gram, shifts)) {
        const at = end - window + 1
        const hash = windowHash(text, at, window)
        if (filter[hash & 0xffff] === 0) continue
        for (const index of table.get(hash) ?? []) {
          const pattern = patterns[index]!
          if (pattern.open === 0 || !text.startsWith(pattern.text, at)) continue
          const found = this.#location(block, this.#normalize(block), at, pattern.text.length)
          for (const request of pattern.requests) {
            if (resolved[request]) continue
            firsts[request] ??= found
            const sentence = requests[request]!.sentence
            if (sentence !== undefined && this.#sentenceAt(block, found.start)?.fingerprint !== sentence) continue
            results[request] = found
            resolved[request] = true
            if (--pattern.open === 0) {
              openPatterns--
              filter[hash & 0xffff]!--
            }
          }
        }
        if (openPatterns === 0) break
      }
    }
    for (let index = 0; index < requests.length; index++) results[index] ??= firsts[index]
    return results
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
}

/** A hash of `length` characters of `text` from `from` (the patterns' first window). */
function windowHash(text: string, from: number, length: number): number {
  let hash = 0
  for (let i = from; i < from + length; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0
  return hash
}

/** 16 bits of hash of the `gram` characters of `text` from `from`. */
function gramHash(text: string, from: number, gram: number): number {
  let hash = 0
  for (let i = from; i < from + gram; i++) hash = hash * 31 + text.charCodeAt(i)
  return hash & 0xffff
}

/**
 * The end of the first window, ending at `end` or later, that may start a pattern
 * (its shift is 0), or -1. The loop that runs over the prose, kept small so that it
 * compiles to a tight one.
 */
function nextCandidate(text: string, end: number, window: number, gram: number, shifts: Uint8Array): number {
  while (end < text.length) {
    const shift = shifts[gramHash(text, end - gram + 1, gram)]!
    if (shift === 0) return end
    end += shift
  }
  return -1
}
