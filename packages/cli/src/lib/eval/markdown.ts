// `vetted eval`'s Markdown: the scores, stability and cost as tables, then the
// errors missed and the flags elsewhere for review. Text from the corpus and the
// model's answers is escaped for Markdown and shown as plain text.

import { plain } from '@vetted/core'
import type { EvalResult, EvalScores } from '../../schemas/eval.ts'

const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3))
const int = (value: number) => value.toLocaleString('en-US')
const money = (value: number | null) => (value === null ? 'n/a' : `$${value.toFixed(4)}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** One table cell of untrusted text: one line, no Markdown, no control characters. */
function cell(text: string, max = 160): string {
  const flat = plain(text.replace(/\s+/g, ' ').trim())
  const clipped = flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
  return clipped.replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`)
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  )
}

/** The scores scored both ways: strict (the quote covers the error) beside lenient (any overlap). */
const BOTH_ROWS: Array<[string, (s: EvalScores) => [string, string]]> = [
  ['Errors caught', (s) => [`${s.caught} of ${s.errors}`, `${s.caughtLenient} of ${s.errors}`]],
  ['Corrections on labelled errors', (s) => [String(s.onLabels), String(s.onLabelsLenient)]],
  ['Precision', (s) => [ratio(s.precision), ratio(s.precisionLenient)]],
  ['Recall', (s) => [ratio(s.recall), ratio(s.recallLenient)]],
  ['F1', (s) => [ratio(s.f1), ratio(s.f1Lenient)]],
]

/** The rest, one value each; "missed" is not caught strictly. */
const SCORE_ROWS: Array<[string, (s: EvalScores) => string]> = [
  ['Missed: quote too loose (caught leniently only)', (s) => String(s.missedLoose)],
  ['Missed: never sent', (s) => String(s.missedNotSent)],
  ['Missed: screened out', (s) => String(s.missedScreenedOut)],
  ['Missed: judged fine', (s) => String(s.missedJudged)],
  ['Missed: request failed', (s) => String(s.missedFailed)],
  ['Corrections', (s) => String(s.corrections)],
  ['Flags elsewhere', (s) => String(s.elsewhere)],
  ['Exact spans (of caught leniently)', (s) => ratio(s.exactSpans)],
  ['Span Jaccard (mean, caught leniently)', (s) => ratio(s.spanJaccard)],
  ['Claims left without a verdict (failed, deferred)', (s) => String(s.failedClaims)],
]

export function evalMarkdown(result: EvalResult): string {
  const { checker, stability, cost } = result
  const runs = result.runs.length
  const out: string[] = []
  const source = { live: 'live responses', recorded: 'live responses, recorded', replayed: 'recorded responses, replayed' }[
    result.responses
  ]
  out.push(
    `**vetted eval** of ${cell(result.corpus)} (${result.posts} ${result.posts === 1 ? 'post' : 'posts'}, ${result.runs[0]?.errors ?? 0} labelled errors): ` +
      `${cell(checker.model)}, prompts ${cell(checker.promptVersion)}, batch ${checker.batchSize}, samples ${checker.samples}; ` +
      `${runs} ${runs === 1 ? 'run' : 'runs'}; ${source}.`,
  )
  out.push('')
  // Strict and lenient side by side: one column each, per run and for the mean.
  const pairColumns =
    runs === 1
      ? ['Strict', 'Lenient (any overlap)']
      : [...result.runs.flatMap((_, i) => [`Run ${i + 1} strict`, `Run ${i + 1} lenient`]), 'Mean strict', 'Mean lenient']
  const { mean } = result
  const pairMeans: Record<string, [string, string]> = {
    Precision: [ratio(mean.precision), ratio(mean.precisionLenient)],
    Recall: [ratio(mean.recall), ratio(mean.recallLenient)],
    F1: [ratio(mean.f1), ratio(mean.f1Lenient)],
  }
  out.push(
    table(
      ['Score', ...pairColumns],
      BOTH_ROWS.map(([name, show]) => [name, ...result.runs.flatMap(show), ...(runs === 1 ? [] : (pairMeans[name] ?? ['', '']))]),
    ),
  )
  out.push('')
  const columns = runs === 1 ? ['Value'] : [...result.runs.map((_, i) => `Run ${i + 1}`), 'Mean']
  const means: Record<string, string> = {
    'Exact spans (of caught leniently)': ratio(mean.exactSpans),
    'Span Jaccard (mean, caught leniently)': ratio(mean.spanJaccard),
  }
  out.push(
    table(
      ['Score', ...columns],
      SCORE_ROWS.map(([name, show]) => [name, ...result.runs.map(show), ...(runs === 1 ? [] : [means[name] ?? ''])]),
    ),
  )
  out.push('')
  if (runs > 1) {
    out.push(
      table(
        ['Stability', 'Value'],
        [
          ['Errors caught in every run', `${stability.caughtEveryRun} of ${result.runs[0]!.errors}`],
          ['Errors caught in any run', `${stability.caughtAnyRun} of ${result.runs[0]!.errors}`],
          ['Flagged sentences, mean pairwise Jaccard', ratio(stability.flaggedJaccard)],
        ],
      ),
    )
    out.push('')
  }
  const priced = cost.price ? `, prices of ${cost.price.date}` : `; no price for ${cell(checker.model)} (set "prices" in vetted.config)`
  out.push(
    table(
      [`Cost (${runs === 1 ? 'the run' : `${runs} runs`})`, 'Value'],
      [
        ['Requests', int(cost.requests)],
        ['Input tokens', int(cost.inputTokens)],
        ['Cached input tokens', int(cost.cachedInputTokens)],
        ['Output tokens', int(cost.outputTokens)],
        ['Searches', int(cost.searches)],
        [`Money (US dollars${priced})`, money(cost.dollars)],
        ['Wall time', seconds(cost.wallMs)],
      ],
    ),
  )
  out.push('')
  out.push(
    table(
      ['Post', 'Errors', 'Caught strictly', 'Caught leniently', 'Not selected by detection', 'Flags elsewhere'],
      result.perPost.map((post) => [
        cell(post.post),
        String(post.errors),
        post.caught.join(', '),
        post.caughtLenient.join(', '),
        String(post.notSelected),
        post.elsewhere.join(', '),
      ]),
    ),
  )
  const inRuns = (list: number[]) => (runs === 1 ? '' : ` (run ${list.join(', ')})`)
  if (result.missed.length > 0) {
    out.push('', '**Errors missed** (not caught strictly)', '')
    out.push(
      table(
        ['Post', 'Error', 'Kind', 'Why', 'Span'],
        result.missed.map((miss) => [
          cell(miss.post),
          cell(miss.key),
          cell(miss.kind ?? ''),
          miss.why + inRuns(miss.runs),
          cell(miss.quote),
        ]),
      ),
    )
  }
  if (result.flagsElsewhere.length > 0) {
    out.push('', '**Flags elsewhere** (no labelled error there: review them, the sentence may be wrong too)', '')
    out.push(
      table(
        ['Post', 'Sentence', 'Quote', 'Summary'],
        result.flagsElsewhere.map((flag) => [cell(flag.post), cell(flag.claim) + inRuns(flag.runs), cell(flag.quote), cell(flag.summary)]),
      ),
    )
  }
  return `${out.join('\n')}\n`
}

/** Two results side by side: what was run, then every score. */
export function compareMarkdown(a: EvalResult, b: EvalResult, names: [string, string]): string {
  const both = (show: (r: EvalResult) => string): [string, string] => [show(a), show(b)]
  const rows: Array<[string, [string, string]]> = [
    ['Corpus', both((r) => `${cell(r.corpus)} (${r.posts} posts)`)],
    ['Model', both((r) => cell(r.checker.model))],
    ['Prompt version', both((r) => cell(r.checker.promptVersion))],
    ['Batch size, samples', both((r) => `${r.checker.batchSize}, ${r.checker.samples}`)],
    ['Responses', both((r) => r.responses)],
    ['Runs', both((r) => String(r.runs.length))],
    ['Labelled errors', both((r) => String(r.runs[0]?.errors ?? 0))],
    ['Errors caught strictly (mean per run)', both((r) => meanOf(r, (s) => s.caught))],
    ['Errors caught leniently (mean per run)', both((r) => meanOf(r, (s) => s.caughtLenient))],
    ['Missed: quote too loose (mean)', both((r) => meanOf(r, (s) => s.missedLoose))],
    ['Missed: never sent (mean)', both((r) => meanOf(r, (s) => s.missedNotSent))],
    ['Missed: screened out (mean)', both((r) => meanOf(r, (s) => s.missedScreenedOut))],
    ['Missed: judged fine (mean)', both((r) => meanOf(r, (s) => s.missedJudged))],
    ['Missed: request failed (mean)', both((r) => meanOf(r, (s) => s.missedFailed))],
    ['Corrections (mean)', both((r) => meanOf(r, (s) => s.corrections))],
    ['Flags elsewhere (mean)', both((r) => meanOf(r, (s) => s.elsewhere))],
    ['Precision, strict', both((r) => ratio(r.mean.precision))],
    ['Precision, lenient', both((r) => ratio(r.mean.precisionLenient))],
    ['Recall, strict', both((r) => ratio(r.mean.recall))],
    ['Recall, lenient', both((r) => ratio(r.mean.recallLenient))],
    ['F1, strict', both((r) => ratio(r.mean.f1))],
    ['F1, lenient', both((r) => ratio(r.mean.f1Lenient))],
    ['Exact spans (of caught leniently)', both((r) => ratio(r.mean.exactSpans))],
    ['Span Jaccard (mean, caught leniently)', both((r) => ratio(r.mean.spanJaccard))],
    ['Caught in every run', both((r) => String(r.stability.caughtEveryRun))],
    ['Caught in any run', both((r) => String(r.stability.caughtAnyRun))],
    ['Flagged sentences, pairwise Jaccard', both((r) => ratio(r.stability.flaggedJaccard))],
    ['Claims left without a verdict (mean)', both((r) => meanOf(r, (s) => s.failedClaims))],
    ['Requests', both((r) => int(r.cost.requests))],
    ['Input tokens', both((r) => int(r.cost.inputTokens))],
    ['Cached input tokens', both((r) => int(r.cost.cachedInputTokens))],
    ['Output tokens', both((r) => int(r.cost.outputTokens))],
    ['Searches', both((r) => int(r.cost.searches))],
    ['Money (US dollars)', both((r) => money(r.cost.dollars) + (r.cost.price ? ` (prices of ${r.cost.price.date})` : ''))],
    ['Wall time', both((r) => seconds(r.cost.wallMs))],
  ]
  return `${table(
    ['', cell(names[0]), cell(names[1])],
    rows.map(([name, values]) => [name, ...values]),
  )}\n`
}

function meanOf(result: EvalResult, pick: (s: EvalScores) => number): string {
  if (result.runs.length === 0) return 'n/a'
  const value = result.runs.reduce((sum, s) => sum + pick(s), 0) / result.runs.length
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}
