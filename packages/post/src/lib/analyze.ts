// A post read against its ledger: its claims, which of them are unchecked, and
// where each correction stands. Data only: remark-vetted attaches and renders
// from it, the CLI reports it. It follows the life of a correction in
// docs/design.md: a correction stands only in its own claim's sentence (found by
// fingerprint); while that sentence is gone the correction is fixed, and it comes
// back with the sentence. A sentence that still holds the quote of a gone open or
// published correction (the edited sentence) is unchecked until it is judged.
// Under coverage "all", every other sentence counts too: it is settled by a
// verdict or by the screen's answer that it is not check-worthy; a check-worthy
// one is a claim like the detected ones.

import { isChecked, isScreened, type Claim, type Correction, type CorrectionStatus, type Ledger, type Position } from '@vetted/core'
import { LineIndex, findNormalized, isFromOlderChecker, recordedFixDate, statusWhenFixed } from '@vetted/core/internal'
import type { Root } from 'mdast'
import type { DetectOptions } from '../schemas/detect.ts'
import { claimOf, proseSentences, type Sentence } from './detect.ts'
import { QuoteLocator, sentencesHolding, type QuoteLocation } from './locate.ts'
import { collectProse } from './prose.ts'

export interface AnalyzeOptions {
  /** The current checker (`model@prompt`): verdicts from another one count all the same, and are listed in `older`. */
  checker?: string
  detect?: DetectOptions
  /**
   * Detect every claim (default). Without, no claim is listed (nor unchecked);
   * corrections are placed all the same.
   */
  claims?: boolean
  /** The post's date (YYYY-MM-DD): corrections fixed after it make the correction log. */
  date?: string
  /**
   * `all`: every sentence of the prose is within reach: one detection does not
   * select needs a verdict or the screen's answer. `claims` (the default here; the
   * CLI passes the config's, whose default is `all`): only detected claims count.
   */
  coverage?: 'all' | 'claims'
  /** The current screener (`screenModel@prompt`): screen results from another one count all the same, and are listed in `older`. */
  screener?: string
}

/** A claim's sentence and where the quote stands in it (plain-text offsets into `text`). */
export interface QuotedSentence {
  text: string
  quoteStart: number
  quoteEnd: number
}

/** One correction of the ledger, and where it stands in the post. */
export interface PlacedCorrection {
  correction: Correction
  /** The ledger's status; `fixed` while the sentence of an open or published correction is gone from the post. */
  status: CorrectionStatus | 'fixed'
  /** Its claim's sentence, while the post has it. */
  claim?: Claim
  /** Its quote in the post, inside its claim. */
  location?: QuoteLocation
  start?: Position
  end?: Position
  /**
   * The claim's whole sentence (as it stands, or as it was judged when it is gone)
   * with the quote's offsets in it: what cards and reports show. Absent when the
   * quote is not in it or the ledger kept no text.
   */
  sentence?: QuotedSentence
}

export interface PostAnalysis {
  /** Detected claims, sentences that hold the quote of a gone correction, and (coverage `all`) sentences the screen called check-worthy or that have a verdict. */
  claims: Claim[]
  /** What the gate counts as unchecked: claims without a verdict, and (coverage `all`) sentences not screened. In the post's order. */
  unchecked: Claim[]
  /** Coverage `all`: the sentences (also in `unchecked`) with neither a verdict nor a screen result: `vetted check` screens them. */
  unscreened: Claim[]
  /**
   * Claims and sentences settled by a checker other than the current one (`checker`,
   * `screener`): a verdict, or the screen's "not check-worthy". They count (a verdict
   * stays valid under the checker that made it); `vetted check --recheck-older` sends them again.
   */
  older: Claim[]
  /** Every correction of the ledger, in the ledger's order. */
  corrections: PlacedCorrection[]
  /** Open or published corrections whose sentence is gone, not yet recorded as fixed: `vetted check` records it. */
  stale: Correction[]
  /** Open or published corrections recorded as fixed whose sentence is back: `vetted check` records it. */
  back: Correction[]
  /** Corrections whose claim is in the post but whose quote is not in it. */
  quoteNotInClaim: Array<{ correction: Correction; claim: Claim }>
  /** Corrections published when their sentence was fixed, after the post's date, oldest first: the correction log. */
  fixed: Array<{ correction: Correction; date: string }>
  /** Every sentence of the prose, scored, in the post's order (the one split the rest was read from): what `vetted claims` lists. */
  sentences: Sentence[]
}

const LIVE = new Set<CorrectionStatus>(['open', 'annotate'])

export function analyze(tree: Root, source: string, ledger: Ledger, options: AnalyzeOptions = {}): PostAnalysis {
  const detect = options.claims ?? true
  const blocks = collectProse(tree, source)
  const lines = new LineIndex(source)
  // Every sentence, split once: the claims, the sentences of corrections and of gone quotes, and coverage "all" read them.
  const prose = proseSentences(blocks, lines, options.detect)
  const claims = detect ? prose.filter((sentence) => sentence.selected).map((sentence) => claimOf(sentence)) : []
  const claimByFingerprint = new Map<string, Claim>()
  for (const claim of claims) if (!claimByFingerprint.has(claim.fingerprint)) claimByFingerprint.set(claim.fingerprint, claim)

  const locator = new QuoteLocator(blocks)
  // A correction whose claim is not a detected one stands in the first sentence
  // with its claim's fingerprint, if that holds its quote (one a ledger edited by
  // hand does not hold is not its). Sentences with one fingerprint have one
  // normalized text: it is the first sentence holding the quote that has the
  // fingerprint, so only those are fingerprinted. When there is none, they are the
  // edited sentences. One pass over the sentences finds the holders of all quotes.
  const undetected = Object.values(ledger.corrections).filter(
    (correction) => correction.status !== 'rejected' && !claimByFingerprint.has(correction.claim),
  )
  const quotes = [...new Set(undetected.map((correction) => correction.quote))]
  const found = sentencesHolding(prose, quotes)
  const holders = new Map(quotes.map((quote, index) => [quote, found[index]!]))
  const corrections: PlacedCorrection[] = []
  const stale: Correction[] = []
  const back: Correction[] = []
  const quoteNotInClaim: PostAnalysis['quoteNotInClaim'] = []
  // The quotes of gone open or published corrections, each once: the sentences still holding them are edited ones.
  const goneQuotes = new Set<string>()
  for (const correction of Object.values(ledger.corrections)) {
    if (correction.status === 'rejected') {
      corrections.push({ correction, status: 'rejected' })
      continue
    }
    const claim =
      claimByFingerprint.get(correction.claim) ??
      unselected(holders.get(correction.quote)!.find((sentence) => sentence.fingerprint === correction.claim))
    const live = LIVE.has(correction.status)
    if (!claim) {
      // Its sentence is gone: fixed (a dismissed one has nothing to fix). A sentence
      // still holding its quote is the edited sentence: unchecked until judged.
      const judgedText = ledger.claims[correction.claim]?.text
      const sentence = judgedText ? quotedSentence(judgedText, correction.quote) : undefined
      corrections.push({ correction, status: live ? 'fixed' : correction.status, ...(sentence ? { sentence } : {}) })
      if (!live) continue
      if (recordedFixDate(correction) === undefined) stale.push(correction)
      if (detect) goneQuotes.add(correction.quote)
      continue
    }
    if (live && recordedFixDate(correction) !== undefined) back.push(correction)
    const sentence = quotedSentence(claim.text, correction.quote)
    const location = locator.inClaim(correction.quote, claim)
    if (location) {
      const start = lines.position(location.sourceStart)
      const end = lines.position(location.sourceEnd)
      corrections.push({ correction, status: correction.status, claim, location, start, end, ...(sentence ? { sentence } : {}) })
    } else {
      quoteNotInClaim.push({ correction, claim })
      corrections.push({ correction, status: correction.status, claim })
    }
  }

  const edited = new Map<string, Claim>()
  for (const quote of goneQuotes) {
    for (const holder of holders.get(quote)!) edited.set(holder.fingerprint, claimOf(holder, []))
  }
  for (const [fingerprint, sentence] of edited) {
    if (!claimByFingerprint.has(fingerprint)) claims.push(sentence)
  }
  const unscreened: Claim[] = []
  const current = { checker: options.checker, screener: options.screener }
  const older: Claim[] = []
  if (detect && options.coverage === 'all') {
    for (const sentence of prose) {
      if (sentence.selected || claimByFingerprint.has(sentence.fingerprint) || edited.has(sentence.fingerprint)) continue
      const record = ledger.claims[sentence.fingerprint]
      if (isChecked(record)) claims.push(claimOf(sentence))
      else if (!isScreened(record)) unscreened.push(claimOf(sentence))
      else if (record?.screen?.checkWorthy) claims.push(claimOf(sentence))
      else if (isFromOlderChecker(record, current)) older.push(claimOf(sentence))
    }
  }
  const byPlace = (a: Claim, b: Claim) => a.start.offset - b.start.offset
  claims.sort(byPlace)
  const unchecked = [...claims.filter((claim) => !isChecked(ledger.claims[claim.fingerprint])), ...unscreened].sort(byPlace)
  for (const claim of claims) {
    const record = ledger.claims[claim.fingerprint]
    if (isChecked(record) && isFromOlderChecker(record, current)) older.push(claim)
  }
  older.sort(byPlace)
  return {
    claims,
    unchecked,
    unscreened,
    older,
    corrections,
    stale,
    back,
    quoteNotInClaim,
    fixed: correctionLog(corrections, options.date),
    sentences: prose,
  }
}

/** A sentence found by fingerprint, not among the detected claims, as the claim a correction stands in: no reasons. */
function unselected(sentence: Sentence | undefined): Claim | undefined {
  return sentence && claimOf(sentence, [])
}

function quotedSentence(text: string, quote: string): QuotedSentence | undefined {
  const found = findNormalized(text, quote)
  return found ? { text, quoteStart: found.start, quoteEnd: found.end } : undefined
}

/**
 * What readers saw corrected: corrections whose sentence is gone, that were
 * published when `vetted check` recorded the fix, fixed after the post's date;
 * oldest first. A correction fixed while it was still open never reached a reader.
 */
function correctionLog(corrections: PlacedCorrection[], postDate: string | undefined): PostAnalysis['fixed'] {
  if (!postDate) return []
  const entries: PostAnalysis['fixed'] = []
  for (const { correction, status } of corrections) {
    if (status !== 'fixed' || statusWhenFixed(correction) !== 'annotate') continue
    const date = recordedFixDate(correction)
    if (date && date > postDate) entries.push({ correction, date })
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}
