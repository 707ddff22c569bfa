// `vetted check`: analyse every post; send the claims a ledger lacks to the
// checker when one is configured (never with --ci); date corrections whose
// sentence left the post or came back (never with --ci); report. One forward
// pass: each post and its ledger are read once (under the run's lock) and the
// post parsed once; the checker works from that reading and returns the ledger
// it wrote, and the post is analysed again from memory.

import { basename, join } from 'node:path'
import { checkPost, currentCheckerKey, currentScreenerKey, resolveSettings, type CheckResult } from '@vetted/checker'
import { followBatch, readBatchState, submitScreenings, type BatchOptions, type BatchOutcome } from '@vetted/checker/internal'
import { emptyLedger, ledgerPathFor, projectPath, readLedger, type Claim, type Ledger, type Usage } from '@vetted/core'
import { holdLock, recordPresence, rekeyClashes, updateLedgerFrom, type HeldLock } from '@vetted/core/internal'
import type { VettedConfig } from '../schemas/config.ts'
import type { ReportUsage } from '../schemas/report.ts'
import { analyzePost, reanalyze, type Analysis, type AnalyzeOptions } from './analyze.ts'
import type { ProgressBar } from './progress.ts'
import { displayPath } from './report/build.ts'
import { logUsage, USAGE_LOG } from './usage-log.ts'

export interface CheckOptions {
  posts: string[]
  config: VettedConfig
  env: NodeJS.ProcessEnv
  cwd: string
  /** The project root (the config's folder; else cwd): correction ids hash each post's path relative to it. */
  root?: string
  ci: boolean
  recheck: boolean
  /** Judge again what a checker other than the current one settled (an older prompt version, another model). */
  recheckOlder?: boolean
  progress: ProgressBar
  log: (line: string) => void
  /** The host requests go to: named once, before the first request of the run. */
  endpoint?: string
  /** Aborted on the first Ctrl-C: no new request is sent; those in flight finish and are written. */
  interrupt?: AbortSignal
  /** `--batch`: the screenings go out as one batch at the provider's batch price, polled every `pollMs` (batch.ts). */
  batch?: { pollMs: number }
}

export interface CheckRun {
  analyses: Analysis[]
  /** Ctrl-C stopped the run; what the checker finished is in the ledgers. */
  interrupted: boolean
  /** What the checker spent per post path in this run (posts that sent nothing are absent). */
  usage: Map<string, ReportUsage>
}

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS'])

export async function runCheck(options: CheckOptions): Promise<CheckRun> {
  const { config, env } = options
  const { settings: checkerConfig, online } = resolveSettings(config, env)
  const checker = currentCheckerKey(checkerConfig)
  // Coverage "all": sentences detection leaves out count too, settled by a verdict or the screen's answer.
  const coverage = { coverage: checkerConfig.coverage, screener: currentScreenerKey(checkerConfig) }
  const analyzeOptions: AnalyzeOptions = {
    checker,
    ...coverage,
    dateKeys: config.dateKeys,
    ...(config.detect ? { detect: config.detect } : {}),
  }
  const analyze = (path: string) => analyzePost(path, analyzeOptions)
  const again = (analysis: Analysis, ledger: Ledger) => reanalyze(analysis, ledger, analyzeOptions)
  // A batch's answers go to the ledgers through updateLedger (batch.ts): the ledgers are read again, the posts are not.
  const ledgerReread = (analysis: Analysis) => {
    const post = basename(analysis.path)
    return again(analysis, readLedger(ledgerPathFor(analysis.path), post) ?? emptyLedger(post))
  }
  // Read and validate everything first: bad input stops the run before any write.
  if (options.ci) return { analyses: options.posts.map(analyze), interrupted: false, usage: new Map() }

  // Every ledger is locked before it is read and held to the end: a ledger
  // another vetted is writing refuses the run before anything is paid for.
  const locks: HeldLock[] = []
  try {
    for (const path of options.posts) {
      try {
        locks.push(await holdLock(ledgerPathFor(path)))
      } catch (error) {
        // A folder nobody may write to (read-only content): no one writes its ledger either,
        // and if this run has to, that write says why.
        if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) throw error
      }
    }
    let analyses = options.posts.map(analyze)
    analyses = await giveSharedIdsTheirOwn(options, analyses, again)
    // Where the key goes is said once, before the run's first request (a run that sends nothing names no host).
    let named = false
    const nameEndpoint = () => {
      if (!named && options.endpoint) options.log(`vetted check: sending to ${options.endpoint}`)
      named = true
    }
    const batched = options.batch && online ? await screenInBatch(options, analyses, ledgerReread, checkerConfig, nameEndpoint) : undefined
    if (batched) analyses = analyses.map(ledgerReread)
    // Stopped waiting (Ctrl-C, or the provider out of reach): the batch is kept, nothing else is sent.
    if (batched?.waiting) return { analyses, interrupted: Boolean(options.interrupt?.aborted), usage: batched.usage }
    return await checkEach(options, analyses, again, online, checkerConfig, nameEndpoint, batched?.usage)
  } finally {
    for (const lock of locks) lock.release()
  }
}

/** Ids two posts share (ledger version 1 hashed the file name) become each post's own: the analyses with the ledgers as written. */
async function giveSharedIdsTheirOwn(
  options: CheckOptions,
  analyses: Analysis[],
  again: (analysis: Analysis, ledger: Ledger) => Analysis,
): Promise<Analysis[]> {
  const today = new Date().toISOString().slice(0, 10)
  const posts = analyses.map(({ path, ledger }) => ({ path, id: projectPath(options.root ?? options.cwd, path), ledger }))
  const changed = await rekeyClashes(posts, today)
  for (const { path, from, to } of changed)
    options.log(`${displayPath(path, options.cwd)}: correction ${from} is now ${to} (another post had the same id)`)
  const rekeyed = new Set(changed.map(({ path }) => path))
  return analyses.map((analysis, index) => (rekeyed.has(analysis.path) ? again(analysis, posts[index]!.ledger) : analysis))
}

async function checkEach(
  options: CheckOptions,
  analyses: Analysis[],
  again: (analysis: Analysis, ledger: Ledger) => Analysis,
  online: boolean,
  checkerConfig: ReturnType<typeof resolveSettings>['settings'],
  nameEndpoint: () => void,
  batchUsage?: Map<string, ReportUsage>,
): Promise<CheckRun> {
  const interrupted = () => Boolean(options.interrupt?.aborted)
  // A failure (a server down) is said once in a run, not again for every post it hits.
  const said = new Set<string>()
  let stopped: string | undefined
  const usage = new Map(batchUsage)
  for (const [index, path] of options.posts.entries()) {
    if (interrupted()) break
    const name = displayPath(path, options.cwd)
    const { ledger: before, date } = analyses[index]!
    const { claims: sent, sentences: unscreened } = toSend(analyses[index]!, options)
    // With --batch the screenings went out in the batch: what is still unscreened failed there, and waits for the next batch.
    const sentences = options.batch ? [] : unscreened
    if (online && !stopped && (sent.length > 0 || sentences.length > 0 || options.recheck)) {
      nameEndpoint()
      const { source, tree, ledger } = analyses[index]!
      const result = await checkPost({
        postPath: path,
        postId: projectPath(options.root ?? options.cwd, path),
        // The reading this run made under its lock: the checker neither reads nor parses again.
        source,
        tree,
        ledger,
        // What the report counts as unchecked is exactly what is sent.
        claims: sent,
        sentences,
        // Judged as of the post's date, read once with the config's keys; else today (the report notes it).
        date: date.date ?? new Date().toISOString().slice(0, 10),
        config: checkerConfig,
        recheck: options.recheck,
        recheckOlder: Boolean(options.recheckOlder),
        onProgress: (progress) => options.progress.update(name, progress),
        ...(options.interrupt ? { stopSending: options.interrupt } : {}),
      })
      options.progress.done()
      const spent = result.usage
      if (spent.requests > 0) {
        usage.set(path, addedUsage(usage.get(path), spent))
        try {
          logUsage(options.root ?? options.cwd, projectPath(options.root ?? options.cwd, path), spent)
        } catch (error) {
          // The verdicts are in the ledger; only the accounting is missing.
          options.log(`${name}: what this run spent is not logged in ${USAGE_LOG}: ${(error as Error).message}`)
        }
      }
      analyses[index] = again(analyses[index]!, result.ledger)
      const changes = correctionChanges(before, analyses[index]!.ledger, new Set([...sent, ...sentences].map((claim) => claim.fingerprint)))
      options.log(`${name}: ${describeResult(result, changes, options.recheck || Boolean(options.recheckOlder), said)}`)
      // The endpoint keeps failing: said once, and no other post sends.
      if (result.stopped) {
        stopped = result.stopped
        options.log(`vetted check: ${stopped}; what was done is kept, the rest is sent next run`)
      }
    }
    // The history dates a correction's sentence leaving the post and coming back (docs/design.md).
    const { stale, back } = analyses[index]!.data
    if (stale.length > 0 || back.length > 0) {
      const today = new Date().toISOString().slice(0, 10)
      const ledger = await updateLedgerFrom(ledgerPathFor(path), basename(path), analyses[index]!.ledger, (ledger) =>
        recordPresence(ledger, { fixed: stale.map((c) => c.id), back: back.map((c) => c.id) }, today),
      )
      if (stale.length > 0) options.log(`${name}: ${plural(stale.length, 'correction')} recorded as fixed (the sentence left the post)`)
      if (back.length > 0)
        options.log(`${name}: ${plural(back.length, 'correction')} back with ${back.length === 1 ? 'its sentence' : 'their sentences'}`)
      analyses[index] = again(analyses[index]!, ledger)
    }
  }
  return { analyses, interrupted: interrupted(), usage }
}

/** The batch's state file, from the project root (git-ignorable: it lives while a batch is with the provider). */
export const BATCH_STATE = '.vetted/batch.json'

/**
 * `--batch`: collect the batch a stopped run left (never submitted twice), then
 * submit the screenings still missing as one batch and collect it. The answers
 * are in the ledgers when it returns; `waiting` when the run stopped waiting (the
 * state file keeps the batch). What it spent is at batch prices, logged as such.
 */
async function screenInBatch(
  options: CheckOptions,
  analyses: Analysis[],
  ledgerReread: (analysis: Analysis) => Analysis,
  checkerConfig: ReturnType<typeof resolveSettings>['settings'],
  nameEndpoint: () => void,
): Promise<{ waiting: boolean; usage: Map<string, ReportUsage> }> {
  const root = options.root ?? options.cwd
  const batchOptions: BatchOptions = {
    config: checkerConfig,
    root,
    statePath: join(root, BATCH_STATE),
    pollMs: options.batch!.pollMs,
    ...(options.interrupt ? { signal: options.interrupt } : {}),
    log: options.log,
  }
  const usage = new Map<string, ReportUsage>()
  const left = readBatchState(batchOptions.statePath)
  let outcome: BatchOutcome | undefined
  if (left) {
    nameEndpoint()
    options.log(`vetted check: collecting batch ${left.batchId}, submitted ${left.submittedAt} by an earlier run (${BATCH_STATE})`)
    outcome = await followBatch(left, batchOptions)
    record(outcome)
  }
  if (outcome?.kind !== 'waiting') {
    // What is still unscreened: every post's sentences, less those the collected batch answered.
    const posts = (left ? analyses.map(ledgerReread) : analyses)
      .map((analysis) => ({
        postPath: analysis.path,
        postId: projectPath(root, analysis.path),
        sentences: toSend(analysis, options).sentences,
        date: analysis.date.date ?? new Date().toISOString().slice(0, 10),
        reading: { source: analysis.source, tree: analysis.tree, ledger: analysis.ledger },
      }))
      .filter((post) => post.sentences.length > 0)
    if (posts.length > 0) {
      nameEndpoint()
      outcome = await submitScreenings(posts, batchOptions)
      if (outcome) record(outcome)
    }
  }
  if (outcome?.kind === 'waiting') {
    const why = outcome.reason === 'interrupted' ? 'stopped waiting' : `stopped waiting: ${outcome.reason}`
    options.log(
      `vetted check: ${why}; batch ${outcome.batchId} stays with the provider (${BATCH_STATE}): run \`vetted check --batch\` again to collect it without paying again`,
    )
  }
  return { waiting: outcome?.kind === 'waiting', usage }

  function record(outcome: BatchOutcome) {
    if (outcome.kind === 'failed') {
      options.log(
        `vetted check: batch ${outcome.batchId} failed: ${outcome.reason}; nothing of it is written, its sentences stay unscreened (\`vetted check --batch\` submits them again)`,
      )
      return
    }
    if (outcome.kind !== 'collected') return
    for (const [postId, screening] of outcome.posts) {
      const path = join(root, postId)
      const name = displayPath(path, options.cwd)
      const { screened, checkWorthy, errors } = screening
      const parts = [
        `screened ${plural(screened, 'sentence')} in batch ${outcome.batchId}${screened > 0 ? ` (${checkWorthy} check-worthy, judged now)` : ''}`,
      ]
      if (screening.left > 0) parts.push(`${plural(screening.left, 'answer')} not written (the sentence left the post while the batch ran)`)
      if (errors.length > 0)
        parts.push(
          `${errors.length} failed, sent again next run: ${[...new Set(errors.map((error) => error.message))].slice(0, 3).join('; ')}`,
        )
      options.log(`${name}: ${parts.join('; ')}`)
      if (screening.usage.requests === 0) continue
      usage.set(path, addedUsage(usage.get(path), screening.usage))
      try {
        logUsage(root, postId, screening.usage, { pricing: 'batch' })
      } catch (error) {
        options.log(`${name}: what the batch spent is not logged in ${USAGE_LOG}: ${(error as Error).message}`)
      }
    }
  }
}

function addedUsage(before: ReportUsage | undefined, spent: Usage): ReportUsage {
  return {
    requests: (before?.requests ?? 0) + spent.requests,
    inputTokens: (before?.inputTokens ?? 0) + spent.inputTokens,
    cachedInputTokens: (before?.cachedInputTokens ?? 0) + (spent.cachedInputTokens ?? 0),
    outputTokens: (before?.outputTokens ?? 0) + spent.outputTokens,
    searches: (before?.searches ?? 0) + spent.searches,
  }
}

/**
 * What a run sends for a post (`--dry-run` plans the same): the claims the analysis
 * counts as unchecked, every claim with `recheck`, and with `recheckOlder` also those
 * an older checker judged; the sentences not screened go to the screen first, and with
 * `recheckOlder` those only an older screener settled.
 */
export function toSend(
  analysis: Analysis,
  options: { recheck: boolean; recheckOlder?: boolean | undefined },
): { claims: Claim[]; sentences: Claim[] } {
  const { data, ledger } = analysis
  const unscreened = new Set(data.unscreened.map((sentence) => sentence.fingerprint))
  if (options.recheck) return { claims: data.claims, sentences: data.unscreened }
  const claims = data.unchecked.filter((claim) => !unscreened.has(claim.fingerprint))
  const sentences = [...data.unscreened]
  if (options.recheckOlder) {
    for (const older of data.older) (ledger.claims[older.fingerprint]?.verdict ? claims : sentences).push(older)
  }
  const byPlace = (a: Claim, b: Claim) => a.start.offset - b.start.offset
  return { claims: claims.sort(byPlace), sentences: sentences.sort(byPlace) }
}

interface CorrectionChanges {
  /** Corrections that stand now and did not before (new, or proposed again after a rejection). */
  added: number
  /** Corrections that stood before and were not proposed again. */
  withdrawn: number
  /** Corrections that stood before and still do. */
  unchanged: number
}

/** What the run did to the corrections of the claims it sent: the ledger before and after, by id. */
function correctionChanges(before: Ledger, after: Ledger, sent: Set<string>): CorrectionChanges {
  const changes = { added: 0, withdrawn: 0, unchanged: 0 }
  for (const [id, now] of Object.entries(after.corrections)) {
    if (!sent.has(now.claim)) continue
    const stood = before.corrections[id] !== undefined && before.corrections[id].status !== 'rejected'
    if (now.status === 'rejected') {
      if (stood) changes.withdrawn++
    } else if (stood) changes.unchanged++
    else changes.added++
  }
  return changes
}

function describeResult(result: CheckResult, changes: CorrectionChanges, recheck: boolean, said: Set<string>): string {
  const { usage } = result
  const claims = plural(result.judged, 'claim')
  const rejected = `${result.rejected} rejected by validation`
  const parts = [
    result.judged === 0 && result.errors.length > 0
      ? 'nothing checked'
      : recheck
        ? `re-judged ${claims}: ${plural(changes.withdrawn, 'correction')} withdrawn, ${changes.added} new, ${changes.unchanged} unchanged (${rejected})`
        : `checked ${claims} (${changes.added} new ${changes.added === 1 ? 'correction' : 'corrections'}, ${rejected})`,
    `${plural(usage.requests, 'request')}, ${plural(usage.inputTokens + usage.outputTokens, 'token')} (${usage.inputTokens} input, ${usage.cachedInputTokens ?? 0} of them cached, ${usage.outputTokens} output), ${plural(usage.searches, 'search', 'searches')}`,
  ]
  if (result.screened > 0)
    parts.push(`screened ${plural(result.screened, 'sentence')} (${result.checkWorthy} check-worthy, judged with the claims)`)
  if (result.deferred > 0) parts.push(`${result.deferred} not sent (${result.budgetExhausted ? 'budget spent' : 'stopped'}; next run)`)
  if (result.errors.length > 0) {
    // Say why: the same failure (a wrong key, a server down) usually hits every claim.
    const reasons = [...new Set(result.errors.map((error) => error.message))]
    const fresh = reasons.filter((reason) => !said.has(reason))
    for (const reason of fresh) said.add(reason)
    const shown =
      fresh.length === 0 ? 'as above' : fresh.slice(0, 3).join('; ') + (fresh.length > 3 ? `; and ${fresh.length - 3} more` : '')
    parts.push(`${result.errors.length} failed, retried next run: ${shown}`)
  }
  return parts.join('; ')
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`
