// The scorer of `vetted eval`: the corrections of each run placed in the posts'
// text and matched to the labelled errors, then precision, recall and F1 (strict
// and lenient), why each error was missed, the runs' stability and the cost.
// The runner (run.ts) produces its input. See docs/design.md, "Evaluation".

import { normalizeText, type Ledger, type Usage } from '@vetted/core'
import type { EvalCost, EvalResult, EvalScores, Price } from '../../schemas/eval.ts'
import { locateQuote, overlaps, spanJaccard, type CorpusPost, type LabelledSpan, type Span } from './corpus.ts'

/** One correction of one run, placed in the post's text. */
export interface PlacedFlag {
  claim: string
  claimText: string
  quote: string
  summary: string
  span: Span | undefined
  /** Keys of the labelled errors it overlaps (a lenient catch). */
  labels: string[]
  /** Keys of the labelled errors it covers strictly (`coversStrictly`). */
  strictLabels: string[]
}

/** What one run did with one post, as the runner (run.ts) read it from the post's ledger: the scorer's input. */
export interface PostRun {
  flags: PlacedFlag[]
  /** Sentences (fingerprints) that got a verdict or failed: they were judged. */
  judged: Set<string>
  /** Sentences whose request failed (no verdict, an error recorded): not judged either way. */
  failed: Set<string>
  /** Sentences the screen called not check-worthy: never judged. */
  screenedOut: Set<string>
  failedClaims: number
  usage: Usage & { cachedInputTokens?: number }
  wallMs: number
}

/** The corrections a run left in the post's ledger, placed in its text and matched to the labels, in the order of the text. */
export function placeFlags(post: CorpusPost, ledger: Ledger | undefined): PlacedFlag[] {
  return (
    Object.values(ledger?.corrections ?? {})
      // A correction the validator rejected is kept for audit only: no reader or author sees it.
      .filter((correction) => correction.status !== 'rejected')
      .map((correction) => {
        const span = locateQuote(post, correction.quote, correction.claim)
        return {
          claim: correction.claim,
          claimText: ledger?.claims[correction.claim]?.text ?? '',
          quote: correction.quote,
          summary: correction.summary,
          span,
          labels: span ? post.labels.filter((label) => overlaps(label, span)).map((label) => label.key) : [],
          strictLabels: span ? post.labels.filter((label) => coversStrictly(span, label)).map((label) => label.key) : [],
        }
      })
      .sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity) || a.quote.localeCompare(b.quote))
  )
}

/**
 * A strict catch: the quote and the label overlap by at least half of the label
 * and at least half of the quote. A quote of a few words inside a sentence-long
 * label does not cover it, nor does a whole-sentence quote around a two-word
 * label: either would score a flag anywhere in the sentence as the error found.
 */
function coversStrictly(quote: Span, label: Span): boolean {
  const shared = Math.max(0, Math.min(quote.end, label.end) - Math.max(quote.start, label.start))
  return shared > 0 && 2 * shared >= label.end - label.start && 2 * shared >= quote.end - quote.start
}

type Why = EvalResult['missed'][number]['why']

interface ScoreContext {
  corpus: string
  checker: EvalResult['checker']
  responses: EvalResult['responses']
  price: Price | undefined
}

const ratioOf = (part: number, whole: number) => (whole > 0 ? part / whole : null)
// No error caught: F1 is 0, whether or not anything was flagged.
const f1Of = (precision: number | null, recall: number | null) =>
  recall === null ? null : recall === 0 ? 0 : (2 * precision! * recall) / (precision! + recall)

/** The scores of every run, strict and lenient, their stability, and the cost. */
export function score(posts: CorpusPost[], results: PostRun[][], context: ScoreContext): EvalResult {
  const runs = results.length
  const errors = posts.reduce((sum, post) => sum + post.labels.length, 0)
  const caughtBy = (run: PostRun) => new Set(run.flags.flatMap((flag) => flag.strictLabels))
  const touchedBy = (run: PostRun) => new Set(run.flags.flatMap((flag) => flag.labels))
  // Detection selects a sentence overlapping the labelled error.
  const selected = (post: CorpusPost, label: Span) => post.sentences.some((s) => s.selected && overlaps(s, label))
  // Why a run did not catch an error strictly: a quote overlaps it loosely; else a sentence overlapping it
  // was judged (and found fine), or its request failed, or it was only screened out, or never sent.
  const whyMissed = (post: CorpusPost, run: PostRun, label: LabelledSpan): Why => {
    if (touchedBy(run).has(label.key)) return 'quote too loose'
    const around = post.sentences.filter((s) => overlaps(s, label))
    if (around.some((s) => run.judged.has(s.fingerprint))) return 'judged fine'
    if (around.some((s) => run.failed.has(s.fingerprint))) return 'failed'
    if (around.some((s) => run.screenedOut.has(s.fingerprint))) return 'screened out'
    return 'not sent'
  }

  const scores = results.map((perPost): EvalScores => {
    let caught = 0
    let caughtLenient = 0
    const missedFor: Record<Why, number> = { 'not sent': 0, 'screened out': 0, 'judged fine': 0, failed: 0, 'quote too loose': 0 }
    let corrections = 0
    let onLabels = 0
    let onLabelsLenient = 0
    let failedClaims = 0
    let exact = 0
    let jaccardSum = 0
    for (const [index, post] of posts.entries()) {
      const run = perPost[index]!
      const strict = caughtBy(run)
      const touched = touchedBy(run)
      corrections += run.flags.length
      onLabels += run.flags.filter((flag) => flag.strictLabels.length > 0).length
      onLabelsLenient += run.flags.filter((flag) => flag.labels.length > 0).length
      failedClaims += run.failedClaims
      for (const label of post.labels) {
        if (strict.has(label.key)) caught++
        else missedFor[whyMissed(post, run, label)]++
        if (!touched.has(label.key)) continue
        caughtLenient++
        // The best of the quotes on this error: the closest span.
        const best = Math.max(...run.flags.filter((flag) => flag.labels.includes(label.key)).map((flag) => spanJaccard(flag.span!, label)))
        jaccardSum += best
        if (best === 1) exact++
      }
    }
    const precision = ratioOf(onLabels, corrections)
    const recall = ratioOf(caught, errors)
    const precisionLenient = ratioOf(onLabelsLenient, corrections)
    const recallLenient = ratioOf(caughtLenient, errors)
    return {
      errors,
      caught,
      caughtLenient,
      missedNotSent: missedFor['not sent'],
      missedScreenedOut: missedFor['screened out'],
      missedJudged: missedFor['judged fine'],
      missedFailed: missedFor.failed,
      missedLoose: missedFor['quote too loose'],
      corrections,
      onLabels,
      onLabelsLenient,
      elsewhere: corrections - onLabelsLenient,
      precision,
      recall,
      f1: f1Of(precision, recall),
      precisionLenient,
      recallLenient,
      f1Lenient: f1Of(precisionLenient, recallLenient),
      exactSpans: caughtLenient > 0 ? exact / caughtLenient : null,
      spanJaccard: caughtLenient > 0 ? jaccardSum / caughtLenient : null,
      failedClaims,
    }
  })

  // Stability: which errors each run caught (strictly), and how alike the runs' flagged sentences are.
  let caughtEveryRun = 0
  let caughtAnyRun = 0
  // Errors not caught strictly, once for each reason with the runs that missed them for it.
  const missed: EvalResult['missed'] = []
  for (const [index, post] of posts.entries()) {
    const outcomes = results.map((perPost) => perPost[index]!)
    for (const label of post.labels) {
      const missedIn = outcomes.flatMap((run, i) =>
        caughtBy(run).has(label.key) ? [] : [{ run: i + 1, why: whyMissed(post, run, label) }],
      )
      if (missedIn.length === 0) caughtEveryRun++
      if (missedIn.length < runs) caughtAnyRun++
      for (const why of new Set(missedIn.map((miss) => miss.why))) {
        missed.push({
          post: post.post,
          key: label.key,
          quote: label.quote,
          kind: label.kind ?? null,
          why,
          selected: selected(post, label),
          runs: missedIn.filter((miss) => miss.why === why).map((miss) => miss.run),
        })
      }
    }
  }
  const flaggedSets = results.map(
    (perPost) => new Set(perPost.flatMap((run, index) => run.flags.map((flag) => `${posts[index]!.slug}\0${flag.claim}`))),
  )
  const pairs: number[] = []
  for (let a = 0; a < runs; a++) for (let b = a + 1; b < runs; b++) pairs.push(setJaccard(flaggedSets[a]!, flaggedSets[b]!))

  // Flags elsewhere, once each with the runs that made them.
  const elsewhere = new Map<string, EvalResult['flagsElsewhere'][number]>()
  for (const [run, perPost] of results.entries()) {
    for (const [index, outcome] of perPost.entries()) {
      for (const flag of outcome.flags.filter((f) => f.labels.length === 0)) {
        const key = `${index}\0${flag.claim}\0${normalizeText(flag.quote)}`
        const entry = elsewhere.get(key) ?? {
          post: posts[index]!.post,
          claim: flag.claimText,
          quote: flag.quote,
          summary: flag.summary,
          runs: [],
        }
        entry.runs.push(run + 1)
        elsewhere.set(key, entry)
      }
    }
  }

  const mean = (pick: (s: EvalScores) => number | null) => {
    const values = scores.map(pick).filter((v): v is number => v !== null)
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null
  }
  return {
    vetted: 'eval/2',
    corpus: context.corpus,
    posts: posts.length,
    checker: context.checker,
    responses: context.responses,
    runs: scores,
    mean: {
      precision: mean((s) => s.precision),
      recall: mean((s) => s.recall),
      f1: mean((s) => s.f1),
      precisionLenient: mean((s) => s.precisionLenient),
      recallLenient: mean((s) => s.recallLenient),
      f1Lenient: mean((s) => s.f1Lenient),
      exactSpans: mean((s) => s.exactSpans),
      spanJaccard: mean((s) => s.spanJaccard),
    },
    stability: {
      runs,
      caughtEveryRun,
      caughtAnyRun,
      flaggedJaccard: pairs.length > 0 ? pairs.reduce((a, b) => a + b, 0) / pairs.length : null,
    },
    cost: cost(results.flat(), context.price),
    perPost: posts.map((post, index) => ({
      post: post.post,
      errors: post.labels.length,
      caught: results.map((perPost) => caughtBy(perPost[index]!).size),
      caughtLenient: results.map((perPost) => touchedBy(perPost[index]!).size),
      elsewhere: results.map((perPost) => perPost[index]!.flags.filter((flag) => flag.labels.length === 0).length),
      notSelected: post.labels.filter((label) => !selected(post, label)).length,
    })),
    missed,
    flagsElsewhere: [...elsewhere.values()],
  }
}

function setJaccard(a: Set<string>, b: Set<string>): number {
  const union = new Set([...a, ...b])
  if (union.size === 0) return 1
  let shared = 0
  for (const item of a) if (b.has(item)) shared++
  return shared / union.size
}

function cost(outcomes: PostRun[], price: Price | undefined): EvalCost {
  const sum = (pick: (run: PostRun) => number) => outcomes.reduce((total, run) => total + pick(run), 0)
  const inputTokens = sum((run) => run.usage.inputTokens)
  const cachedInputTokens = sum((run) => run.usage.cachedInputTokens ?? 0)
  const outputTokens = sum((run) => run.usage.outputTokens)
  const searches = sum((run) => run.usage.searches)
  const dollars = price
    ? ((inputTokens - cachedInputTokens) * price.input + cachedInputTokens * price.cachedInput + outputTokens * price.output) / 1e6 +
      (searches * price.searches) / 1e3
    : null
  return {
    requests: sum((run) => run.usage.requests),
    inputTokens,
    cachedInputTokens,
    outputTokens,
    searches,
    dollars,
    price: price ?? null,
    wallMs: sum((run) => run.wallMs),
  }
}
