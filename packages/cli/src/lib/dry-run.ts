// `vetted check --dry-run`: what a real run would send, with no network and no
// writes. The checker's planCheck builds the very request texts a run would
// build (same prompt functions, same batches); tokens are estimated at about 4
// characters each, and cost comes from the one price table (`prices`).

import { planCheck, type CheckerSettings, type PlannedRequest } from '@vetted/checker'
import type { Claim } from '@vetted/core'
import { plain } from '@vetted/core'
import { DEFAULT_PRICES, type Price, type PriceTable } from '../schemas/eval.ts'
import type { DryRun, DryRunPost } from '../schemas/dry-run.ts'
import type { Analysis } from './analyze.ts'
import { toSend } from './check.ts'
import { displayPath } from './report/build.ts'
import type { Style } from './style.ts'

/** Characters a token, about, for English text (OpenAI's own rule of thumb). */
export const CHARS_PER_TOKEN = 4

const tokensOf = (characters: number) => Math.ceil(characters / CHARS_PER_TOKEN)

export interface DryRunOptions {
  analyses: Analysis[]
  settings: CheckerSettings & { minAgreement: number }
  /** The host a run would send to; null when no key or server is set (a run sends nothing). */
  endpoint: string | null
  prices?: PriceTable | undefined
  recheck: boolean
  /** Plan what a checker other than the current one settled, too (`--recheck-older`). */
  recheckOlder?: boolean
  cwd: string
}

/** What a check would send, per post and in total. Reads posts and ledgers; sends and writes nothing. */
export function dryRun(options: DryRunOptions): DryRun {
  const posts: DryRunPost[] = []
  const all: PlannedRequest[] = []
  const extra: PlannedRequest[] = []
  // The ledgers' own history: how many of the claims judged so far got a correction.
  let judged = 0
  let corrected = 0
  for (const analysis of options.analyses) {
    const { path, data, date } = analysis
    judged += data.claims.length - (data.unchecked.length - data.unscreened.length)
    corrected += new Set(data.corrections.map(({ correction }) => correction.claim)).size
    // What the real run sends (check.ts): the claims the analysis counts as unchecked, and the unscreened sentences.
    const { claims, sentences } = toSend(analysis, options)
    const plan = planCheck({
      postPath: path,
      claims,
      sentences,
      date: date.date ?? new Date().toISOString().slice(0, 10),
      config: options.settings,
      recheck: options.recheck,
      recheckOlder: Boolean(options.recheckOlder),
    })
    const place = new Map<string, Claim>([...claims, ...sentences].map((claim) => [claim.fingerprint, claim]))
    all.push(...plan.requests)
    extra.push(...plan.ifCheckWorthy)
    posts.push({
      path: displayPath(path, options.cwd),
      claims: plan.claims.map((claim) => ({ text: claim.text, start: place.get(claim.fingerprint)!.start, links: claim.links ?? [] })),
      sentences: plan.sentences.map((sentence) => ({ text: sentence.text, start: place.get(sentence.fingerprint)!.start })),
      requests: grouped(plan.requests),
      ifCheckWorthy: grouped(plan.ifCheckWorthy)[0] ?? null,
      validationInputTokens: plan.validation ? tokensOf(plan.validation.characters) : null,
    })
  }
  const share = judged > 0 ? Math.min(1, corrected / judged) : null
  const toJudge = posts.reduce((count, post) => count + post.claims.length, 0)
  const validationRequests = share === null ? 0 : Math.round(share * toJudge)
  const typicalValidation = posts.find((post) => post.validationInputTokens !== null)?.validationInputTokens ?? 0
  const prices = { ...DEFAULT_PRICES, ...options.prices }
  const searchesAtLeast = all.filter((request) => request.kind === 'investigate').length
  const used = [...new Set(all.map((request) => request.model))]
  const known = used.every((model) => prices[model])
  const dollars = known
    ? all.reduce((sum, request) => sum + (tokensOf(request.characters) * prices[request.model]!.input) / 1e6, 0) +
      (searchesAtLeast * (prices[options.settings.model]?.searches ?? 0)) / 1e3
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
      validations: { share, requests: validationRequests, inputTokens: validationRequests * typicalValidation },
    },
    cost: { dollars, prices: Object.fromEntries(used.filter((model) => prices[model]).map((model) => [model, prices[model]!])) as Record<string, Price> },
  }
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
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`

/** The dry run as text: per post what goes out, then the totals and the cost. */
export function dryRunText(run: DryRun, style: Style): string {
  const out: string[] = [
    style.dim('vetted check --dry-run: nothing is sent and nothing is written.'),
    run.endpoint === null ? 'No key or server is set: a run would send nothing (set OPENAI_API_KEY).' : `A run would be sending to ${plain(run.endpoint)}.`,
  ]
  for (const post of run.posts) {
    const requests = post.requests.map((group) => `${plural(group.requests, `${KIND[group.kind]} request`)} (${group.model})`).join(', ')
    out.push(
      style.bold(plain(post.path)) +
        style.dim(` — ${plural(post.claims.length, 'claim')} to judge, ${plural(post.sentences.length, 'sentence')} to screen${requests ? `: ${requests}` : ''}`),
    )
    for (const claim of post.claims) {
      const links = claim.links.length > 0 ? style.dim(` [links: ${claim.links.map(plain).join(', ')}]`) : ''
      out.push(`  ${plain(post.path)}:${claim.start.line}:${claim.start.column}  claim   ${plain(claim.text)}${links}`)
    }
    for (const sentence of post.sentences) out.push(`  ${plain(post.path)}:${sentence.start.line}:${sentence.start.column}  screen  ${plain(sentence.text)}`)
  }
  const { total, cost } = run
  out.push('')
  if (total.requests === 0) {
    out.push('Nothing would be sent: every claim has a verdict and every sentence a verdict or a screen result under the current checker.')
    return `${out.join('\n')}\n`
  }
  out.push(`${plural(total.requests, 'request')}, about ${n(total.inputTokens)} input tokens (the request texts vetted would build, about ${CHARS_PER_TOKEN} characters a token).`)
  if (total.ifCheckWorthy.requests > 0) {
    out.push(`At most ${plural(total.ifCheckWorthy.requests, 'more investigate request')} (about ${n(total.ifCheckWorthy.inputTokens)} input tokens) for the sentences the screen calls check-worthy.`)
  }
  const validation = run.posts.find((post) => post.validationInputTokens !== null && post.claims.length > 0)?.validationInputTokens
  if (validation) {
    const { share, requests } = total.validations
    const expected = share === null
      ? 'these ledgers have no verdicts yet to say how many'
      : `about ${plural(requests, 'validation')} to expect: ${(share * 100).toFixed(1)}% of the claims judged so far got one`
    out.push(`Each correction proposed adds one validation request, about ${n(validation)} input tokens (${expected}).`)
  }
  const priced = Object.entries(cost.prices).map(([model, price]) => `${model} as listed on ${price.date}`).join(', ')
  out.push(
    cost.dollars === null
      ? 'Cost: the price table (config "prices") has no price for the model; add one to see an estimate.'
      : `Estimated cost: $${cost.dollars.toFixed(4)} for the input tokens with no cache hits and ${plural(total.searchesAtLeast, 'web search', 'web searches')} at least${priced ? ` (${priced})` : ''}; output tokens come on top.`,
  )
  return `${out.join('\n')}\n`
}
