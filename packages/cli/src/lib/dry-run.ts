// `vetted check --dry-run`: what a real run would send, with no network and no
// writes. The checker's planCheck builds the very request texts a run would
// build (same prompt functions, same batches, with the tools and the answer
// format the provider reads too); tokens are estimated at about 4 characters
// each, and cost comes from the one price table (`prices`). What the screen and
// the checker will find is not known before the run: the expected run assumes
// the rates of the ledgers' own history, else those below.

import { planCheck, type CheckerSettings, type PlannedRequest } from '@vetted/checker'
import type { Claim } from '@vetted/core'
import { plain } from '@vetted/core'
import { DEFAULT_PRICES, type Price, type PriceTable } from '../schemas/eval.ts'
import type { DryRun, DryRunPost } from '../schemas/dry-run.ts'
import type { Analysis } from './analyze.ts'
import { toSend } from './check.ts'
import { displayPath } from './report/build.ts'
import type { Style } from './style.ts'

/** Characters a token, about, for English text (OpenAI's own rule of thumb; o200k_base gives 4.3 on the eval posts, 4.0 on the answer format's JSON). */
export const CHARS_PER_TOKEN = 4

/**
 * Corrections per claim or sentence judged, when the ledgers have no verdicts yet:
 * eval/corpus holds 77 planted errors in 509 claims and other sentences (twelve posts;
 * test/cli/dry-run.test.ts recounts it). Real posts hold fewer errors than a corpus
 * made to test a checker: an upper estimate.
 */
export const DEFAULT_CORRECTION_RATE = 0.15
/**
 * The share of screened sentences the screen calls check-worthy, when no ledger has
 * a screen result yet: not measured (no recorded run of a real model); half, between
 * the bounds the dry run prints (none, and every one).
 */
export const DEFAULT_CHECK_WORTHY_SHARE = 0.5

/** The Batch API's price, as a share of the standard one (platform.openai.com/docs/guides/batch: 50% less). */
export const BATCH_PRICE_SHARE = 0.5

/** The provider's prompt cache: nothing under 1,024 tokens, else whole steps of 128. */
export const CACHE_MINIMUM = 1024
const CACHE_STEP = 128

const tokensOf = (characters: number) => Math.ceil(characters / CHARS_PER_TOKEN)
const cacheable = (tokens: number) => (tokens >= CACHE_MINIMUM ? Math.floor(tokens / CACHE_STEP) * CACHE_STEP : 0)

export interface DryRunOptions {
  analyses: Analysis[]
  settings: CheckerSettings & { minAgreement: number }
  /** The host a run would send to; null when no key or server is set (a run sends nothing). */
  endpoint: string | null
  prices?: PriceTable | undefined
  recheck: boolean
  /** Plan what a checker other than the current one settled, too (`--recheck-older`). */
  recheckOlder?: boolean
  /** `--batch`: the screenings go out as a batch, at the batch price. */
  batch?: boolean
  cwd: string
}

/** What a check would send, per post and in total, from the analyses' reading of posts and ledgers; sends and writes nothing. */
export function dryRun(options: DryRunOptions): DryRun {
  const corrections = correctionRate(options.analyses)
  const checkWorthy = checkWorthyShare(options.analyses)
  const rates = { corrections: corrections.share, checkWorthy: checkWorthy.share }
  const posts: DryRunPost[] = []
  const all: PlannedRequest[] = []
  const extra: PlannedRequest[] = []
  const expectedAll: PlannedRequest[] = []
  let expectedCached = 0
  for (const analysis of options.analyses) {
    const { path, date, source, tree, ledger } = analysis
    // What the real run sends (check.ts): the claims the analysis counts as unchecked, and the unscreened sentences.
    const { claims, sentences } = toSend(analysis, options)
    const plan = planCheck(
      {
        postPath: path,
        // The analysis's reading: the plan neither reads nor parses the post again.
        source,
        tree,
        ledger,
        claims,
        sentences,
        date: date.date ?? new Date().toISOString().slice(0, 10),
        config: options.settings,
        recheck: options.recheck,
        recheckOlder: Boolean(options.recheckOlder),
      },
      rates,
    )
    const place = new Map<string, Claim>([...claims, ...sentences].map((claim) => [claim.fingerprint, claim]))
    const cached = cachedTokens(plan.expected, tokensOf(plan.sharedCharacters))
    all.push(...plan.requests)
    extra.push(...plan.ifCheckWorthy)
    expectedAll.push(...plan.expected)
    expectedCached += cached
    posts.push({
      path: displayPath(path, options.cwd),
      claims: plan.claims.map((claim) => ({ text: claim.text, start: place.get(claim.fingerprint)!.start, links: claim.links ?? [] })),
      sentences: plan.sentences.map((sentence) => ({ text: sentence.text, start: place.get(sentence.fingerprint)!.start })),
      requests: grouped(plan.requests),
      ifCheckWorthy: grouped(plan.ifCheckWorthy)[0] ?? null,
      validationInputTokens: plan.validation ? tokensOf(plan.validation.characters) : null,
      expected: { requests: plan.expected.length, inputTokens: sum(plan.expected), cachedInputTokens: cached },
    })
  }
  const validations =
    expectedAll.filter((request) => request.kind === 'validate').length - all.filter((request) => request.kind === 'validate').length
  const typicalValidation = posts.find((post) => post.validationInputTokens !== null)?.validationInputTokens ?? 0
  const prices = { ...DEFAULT_PRICES, ...options.prices }
  const searchesAtLeast = all.filter((request) => request.kind === 'investigate').length
  const expectedSearches = expectedAll.filter((request) => request.kind === 'investigate').length
  const used = [...new Set(expectedAll.map((request) => request.model))]
  const known = used.every((model) => prices[model])
  const expectedInput = sum(expectedAll)
  // Cached tokens at the cached price, spread over the models by their share of the input.
  const dollars = known
    ? expectedAll.reduce((total, request) => {
        const tokens = tokensOf(request.characters)
        const cachedPart = expectedInput > 0 ? (tokens * expectedCached) / expectedInput : 0
        const price = prices[request.model]!
        const share = options.batch && request.kind === 'screen' ? BATCH_PRICE_SHARE : 1
        return total + (share * ((tokens - cachedPart) * price.input + cachedPart * price.cachedInput)) / 1e6
      }, 0) +
      (expectedSearches * (prices[options.settings.model]?.searches ?? 0)) / 1e3
    : null
  return {
    version: 1,
    endpoint: options.endpoint,
    posts,
    total: {
      requests: all.length,
      inputTokens: sum(all),
      searchesAtLeast,
      ifCheckWorthy: { requests: extra.length, inputTokens: sum(extra) },
      validations: {
        share: corrections.share,
        from: corrections.from,
        requests: validations,
        inputTokens: validations * typicalValidation,
      },
      expected: {
        requests: expectedAll.length,
        inputTokens: expectedInput,
        cachedInputTokens: expectedCached,
        searches: expectedSearches,
        underCacheMinimum: expectedAll.filter((request) => tokensOf(request.characters) < CACHE_MINIMUM).length,
        checkWorthy,
      },
    },
    cost: {
      dollars,
      prices: Object.fromEntries(used.filter((model) => prices[model]).map((model) => [model, prices[model]!])) as Record<string, Price>,
    },
  }
}

/**
 * The input tokens the provider is expected to serve from its cache: a post's
 * requests to one model all start with the same `shared` tokens, so every one
 * after the first (which goes alone) reads them, in whole steps of 128 from 1,024.
 */
function cachedTokens(requests: PlannedRequest[], shared: number): number {
  const perModel = new Map<string, number>()
  for (const request of requests) perModel.set(request.model, (perModel.get(request.model) ?? 0) + 1)
  return [...perModel.values()].reduce((total, count) => total + (count - 1) * cacheable(shared), 0)
}

/** The share of the claims the ledgers judged that got a correction; the default without any. */
function correctionRate(analyses: Analysis[]): { share: number; from: 'ledgers' | 'default' } {
  let judged = 0
  let corrected = 0
  for (const { data } of analyses) {
    judged += data.claims.length - (data.unchecked.length - data.unscreened.length)
    corrected += new Set(data.corrections.map(({ correction }) => correction.claim)).size
  }
  return judged > 0 ? { share: Math.min(1, corrected / judged), from: 'ledgers' } : { share: DEFAULT_CORRECTION_RATE, from: 'default' }
}

/** The share of the sentences the ledgers hold a screen result for that it called check-worthy; the default without any. */
function checkWorthyShare(analyses: Analysis[]): { share: number; from: 'ledgers' | 'default' } {
  let screened = 0
  let worthy = 0
  for (const { ledger } of analyses) {
    for (const record of Object.values(ledger.claims)) {
      if (!record.screen) continue
      screened++
      if (record.screen.checkWorthy) worthy++
    }
  }
  return screened > 0 ? { share: worthy / screened, from: 'ledgers' } : { share: DEFAULT_CHECK_WORTHY_SHARE, from: 'default' }
}

const sum = (requests: PlannedRequest[]) => requests.reduce((total, request) => total + tokensOf(request.characters), 0)

function grouped(requests: PlannedRequest[]): DryRunPost['requests'] {
  const groups = new Map<string, DryRunPost['requests'][number]>()
  for (const request of requests) {
    const key = `${request.kind}\0${request.model}`
    const group = groups.get(key) ?? { kind: request.kind, model: request.model, requests: 0, inputTokens: 0 }
    group.requests++
    group.inputTokens += tokensOf(request.characters)
    groups.set(key, group)
  }
  return [...groups.values()]
}

const KIND = { investigate: 'investigate', screen: 'screening', validate: 'validation' } as const
const n = (value: number) => value.toLocaleString('en-US')
const percent = (share: number | null) => `${((share ?? 0) * 100).toFixed(1)}%`
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`

/** The dry run as text: per post what goes out, then the totals and the cost. */
export function dryRunText(run: DryRun, style: Style, options: { batch?: boolean } = {}): string {
  const out: string[] = [
    style.dim('vetted check --dry-run: nothing is sent and nothing is written.'),
    run.endpoint === null
      ? 'No key or server is set: a run would send nothing (set OPENAI_API_KEY).'
      : `A run would be sending to ${plain(run.endpoint)}.`,
  ]
  for (const post of run.posts) {
    const requests = post.requests.map((group) => `${plural(group.requests, `${KIND[group.kind]} request`)} (${group.model})`).join(', ')
    out.push(
      style.bold(plain(post.path)) +
        style.dim(
          ` — ${plural(post.claims.length, 'claim')} to judge, ${plural(post.sentences.length, 'sentence')} to screen${requests ? `: ${requests}` : ''}`,
        ),
    )
    for (const claim of post.claims) {
      const links = claim.links.length > 0 ? style.dim(` [links: ${claim.links.map(plain).join(', ')}]`) : ''
      out.push(`  ${plain(post.path)}:${claim.start.line}:${claim.start.column}  claim   ${plain(claim.text)}${links}`)
    }
    for (const sentence of post.sentences)
      out.push(`  ${plain(post.path)}:${sentence.start.line}:${sentence.start.column}  screen  ${plain(sentence.text)}`)
  }
  const { total, cost } = run
  out.push('')
  if (total.requests === 0) {
    out.push('Nothing would be sent: every claim has a verdict and every sentence a verdict or a screen result under the current checker.')
    return `${out.join('\n')}\n`
  }
  out.push(
    `${plural(total.requests, 'request')}, about ${n(total.inputTokens)} input tokens (the request texts vetted would build, with the tools and answer format they carry, about ${CHARS_PER_TOKEN} characters a token).`,
  )
  if (total.ifCheckWorthy.requests > 0) {
    out.push(
      `At most ${plural(total.ifCheckWorthy.requests, 'more investigate request')} (about ${n(total.ifCheckWorthy.inputTokens)} input tokens) for the sentences the screen calls check-worthy.`,
    )
  }
  const validation = run.posts.find((post) => post.validationInputTokens !== null && post.claims.length > 0)?.validationInputTokens
  if (validation) out.push(`Each correction proposed adds one validation request, about ${n(validation)} input tokens.`)
  const { expected, validations } = total
  const from = (rate: { from: 'ledgers' | 'default' }, ledgers: string, fallback: string) => (rate.from === 'ledgers' ? ledgers : fallback)
  out.push(
    `Expected: about ${plural(expected.requests, 'request')} and ${n(expected.inputTokens)} input tokens, ${n(expected.cachedInputTokens)} of them from the provider's prompt cache ` +
      `(each post's first request goes alone and the others read the part they share), with ` +
      `${plural(validations.requests, 'validation')} (${percent(validations.share)} of the claims judged get a correction: ${from(validations, 'as in these ledgers so far', "the eval corpus's rate of planted errors, no ledger has verdicts yet")}) and ` +
      `${percent(expected.checkWorthy.share)} of the sentences screened found check-worthy (${from(expected.checkWorthy, 'as in these ledgers so far', 'a guess, no ledger has screen results yet')}).`,
  )
  if (expected.underCacheMinimum > 0)
    out.push(`${plural(expected.underCacheMinimum, 'request')} under the ${n(CACHE_MINIMUM)}-token floor: not cacheable.`)
  const priced = Object.entries(cost.prices)
    .map(([model, price]) => `${model} as listed on ${price.date}`)
    .join(', ')
  out.push(
    cost.dollars === null
      ? 'Cost: the price table (config "prices") has no price for the model; add one to see an estimate.'
      : `Estimated cost: $${cost.dollars.toFixed(4)} for the expected input tokens (cached ones at the cached price) and ${plural(expected.searches, 'web search', 'web searches')}, one an investigate request${priced ? ` (${priced})` : ''}${options.batch ? '; screenings at the batch price, half the listed one' : ''}; output tokens come on top.`,
  )
  return `${out.join('\n')}\n`
}
