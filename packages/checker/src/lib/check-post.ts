// checkPost: judge the claims of one post that the ledger has no verdict for
// under the current checker, in batches, and write the ledger after every
// finished batch so that an interrupted run keeps what it finished.

import { basename } from 'node:path'
import { emptyLedger, isChecked, ledgerPathFor, readLedger, updateLedger, type Claim, type Usage } from '@vetted/core'
import { blankFrontmatter, detectClaims, frontmatterDate, readPost } from '@vetted/post'
import type { CheckerConfig } from '../schemas/config.ts'
import { createCallContext, type CallContext } from './call.ts'
import { combineSamples } from './consensus.ts'
import { CheckerConfigError, currentCheckerKey, resolveConfig } from './config.ts'
import { NotSent, RequestGate } from './gate.ts'
import { investigate, type PendingClaim, type PostContext, type SampleOutcome } from './investigate.ts'
import { applyOutcomes, upsertUsage, type ClaimOutcome, type Stamp } from './ledger-merge.ts'
import { postPlainText } from './plain-text.ts'
import { PROMPT_VERSION, fenceToken } from './prompts.ts'
import { UsageMeter } from './usage.ts'
import { validate } from './validate.ts'

export interface CheckProgress {
  /** Claims settled so far (a verdict or an error written to the ledger). */
  done: number
  /** Claims this run sends. */
  total: number
  /** HTTP requests so far, retries included. */
  requests: number
  elapsedMs: number
}

export interface CheckResult {
  /** File name of the post. */
  post: string
  ledgerPath: string
  /** Claims that got a verdict in this run. */
  judged: number
  /** Claims not sent: the ledger has a verdict under the current checker (or a manual one). */
  skipped: number
  /** Claims not sent or not finished because the budget ran out or the run was aborted; sent next run. */
  deferred: number
  /** Corrections proposed that passed the code checks and went to validation. */
  proposed: number
  approved: number
  rejected: number
  /** Claims that failed in this run; they keep no new verdict and are sent again next run. */
  errors: Array<{ fingerprint: string; text: string; message: string }>
  usage: Usage
  budgetExhausted: boolean
  /** Set when the circuit breaker stopped sending: which endpoint kept failing, and how. */
  stopped?: string
}

export interface CheckPostInput {
  postPath: string
  /** The post's text; else read from `postPath`. */
  source?: string
  /** The post's path relative to the project root, `/`-separated (core's projectPath): correction ids hash it. Default: its file name. */
  postId?: string
  /** The claims to consider; else `detectClaims(source)`. */
  claims?: Claim[]
  /** The "as of" date (YYYY-MM-DD); else the frontmatter's date, else today. */
  date?: string
  /** Send every claim, even those with a verdict under the current checker. */
  recheck?: boolean
  config: CheckerConfig
  onProgress?: (progress: CheckProgress) => void
  /** Aborted: no new request is sent; those in flight finish and are written (the first Ctrl-C). */
  stopSending?: AbortSignal
  /** Aborted: requests in flight are dropped as well (the second Ctrl-C). */
  signal?: AbortSignal
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export async function checkPost(input: CheckPostInput): Promise<CheckResult> {
  const startedAt = Date.now()
  const config = resolveConfig(input.config)
  const checker = currentCheckerKey(input.config)
  const post = basename(input.postPath)
  const ledgerPath = ledgerPathFor(input.postPath)
  const source = input.source ?? readPost(input.postPath)
  const claims = input.claims ?? detectClaims(source)
  const today = new Date().toISOString().slice(0, 10)
  const date = input.date ?? frontmatterDate(blankFrontmatter(source).frontmatter) ?? today
  if (!DAY.test(date)) throw new CheckerConfigError(`the "as of" date must look like 2024-05-31, not ${JSON.stringify(date)}`)
  const ledger = readLedger(ledgerPath, post) ?? emptyLedger(post)

  const pending: PendingClaim[] = []
  const seen = new Set<string>()
  let skipped = 0
  for (const claim of claims) {
    if (seen.has(claim.fingerprint)) continue
    seen.add(claim.fingerprint)
    if (!input.recheck && isChecked(ledger.claims[claim.fingerprint], checker)) skipped++
    else pending.push({ fingerprint: claim.fingerprint, text: claim.text, quoted: claim.quoted })
  }

  const meter = new UsageMeter()
  let usageDate = new Date(startedAt).toISOString()
  let claimsSent = 0
  const usage = (): Usage => ({
    date: usageDate,
    checker,
    claims: claimsSent,
    requests: meter.requests,
    inputTokens: meter.inputTokens,
    outputTokens: meter.outputTokens,
    searches: meter.searches,
    ...(meter.cachedInputTokens > 0 ? { cachedInputTokens: meter.cachedInputTokens } : {}),
  })
  const result: CheckResult = {
    post, ledgerPath, judged: 0, skipped, deferred: 0, proposed: 0, approved: 0, rejected: 0, errors: [], usage: usage(), budgetExhausted: false,
  }
  if (pending.length === 0) return result

  // A failure (a ledger write, a batch's error) stops sending, as the caller's
  // stopSending does; what is in flight still finishes and is written. Only the
  // caller's signal drops requests in flight.
  const stop = new AbortController()
  const abort = input.signal ?? new AbortController().signal
  const noMore = AbortSignal.any([stop.signal, abort, ...(input.stopSending ? [input.stopSending] : [])])
  const gate = new RequestGate(config.concurrency, meter, config.budget, noMore)
  const context = await createCallContext(config, meter, gate, abort)
  const postText = postPlainText(source)
  // One token for all of the post's requests: they then share their first part (instructions, date, post).
  const postContext: PostContext = { text: postText, date, token: fenceToken([postText, ...pending.map((claim) => claim.text)]) }
  const stamp: Stamp = { post: input.postId ?? post, checker, model: config.model, promptVersion: PROMPT_VERSION, today }
  let done = 0
  const progress = () => input.onProgress?.({ done, total: pending.length, requests: meter.requests, elapsedMs: Date.now() - startedAt })

  // All batches start at once; the gate bounds what is in flight, in order.
  const runBatch = async (batch: PendingClaim[]): Promise<ClaimOutcome[]> => {
    let counted = false
    const countClaims = () => {
      if (counted) return
      counted = true
      claimsSent += batch.length
    }
    const batchContext: CallContext = { ...context, onSent: countClaims }
    let samples: Array<Map<string, SampleOutcome>>
    try {
      samples = await Promise.all(Array.from({ length: config.samples }, () => investigate(batchContext, postContext, batch)))
    } catch (error) {
      if (error instanceof NotSent) return batch.map((claim) => ({ kind: 'deferred', claim }))
      throw error
    }
    return Promise.all(batch.map(async (claim): Promise<ClaimOutcome> => {
      const decision = combineSamples(samples.map((s) => s.get(claim.fingerprint)!), config.minAgreement)
      if ('error' in decision) return { kind: 'error', claim, message: decision.error }
      if (decision.verdict !== 'incorrect') return { kind: 'verdict', claim, verdict: decision.verdict }
      result.proposed++
      try {
        const validation = await validate(context, postContext, claim, decision.proposal)
        if ('error' in validation) return { kind: 'error', claim, message: validation.error }
        const { approved, reason, proposal } = validation
        // A rejected proposal leaves the claim disputed: unverifiable, with the rejection kept for audit.
        return { kind: 'verdict', claim, verdict: approved ? 'incorrect' : 'unverifiable', correction: { proposal, approved, reason } }
      } catch (error) {
        if (error instanceof NotSent) return { kind: 'deferred', claim }
        throw error
      }
    }))
  }

  // Batches that finish together are written together: one locked, fsynced
  // write instead of several, and it waits for the next requests to go out first.
  let usageRecorded = false
  let usageWritten = ''
  const queued: Array<{ outcomes: ClaimOutcome[]; resolve: () => void; reject: (error: unknown) => void }> = []
  let writing = false
  const flush = async () => {
    writing = true
    await new Promise((resolve) => setImmediate(resolve))
    while (queued.length > 0) {
      const items = queued.splice(0)
      try {
        await updateLedger(ledgerPath, post, (current) => {
          if (!usageRecorded) {
            // Two runs that start in the same millisecond still get a record each.
            while (current.usage.some((u) => u.date === usageDate && u.checker === checker)) {
              usageDate = new Date(Date.parse(usageDate) + 1).toISOString()
            }
            usageRecorded = true
          }
          const record = usage()
          usageWritten = JSON.stringify(record)
          return upsertUsage(applyOutcomes(current, items.flatMap((item) => item.outcomes), stamp), record)
        })
        for (const item of items) item.resolve()
      } catch (error) {
        for (const item of items) item.reject(error)
      }
    }
    writing = false
  }
  const write = (outcomes: ClaimOutcome[]) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ outcomes, resolve, reject })
      if (!writing) void flush()
    })

  let failure: unknown
  const batches: PendingClaim[][] = []
  for (let i = 0; i < pending.length; i += config.batchSize) batches.push(pending.slice(i, i + config.batchSize))
  progress()
  await Promise.all(batches.map(async (batch) => {
    try {
      const outcomes = await runBatch(batch)
      const settled = outcomes.filter((o) => o.kind !== 'deferred')
      if (settled.length > 0) await write(settled)
      for (const outcome of outcomes) {
        if (outcome.kind === 'deferred') result.deferred++
        else if (outcome.kind === 'error') {
          result.errors.push({ fingerprint: outcome.claim.fingerprint, text: outcome.claim.text, message: outcome.message })
        } else {
          result.judged++
          if (outcome.correction?.approved) result.approved++
          else if (outcome.correction) result.rejected++
        }
      }
      done += settled.length
      progress()
    } catch (error) {
      failure ??= error
      stop.abort()
      result.deferred += batch.length
    }
  }))
  if (failure) throw failure
  // The last batch wrote the usage as it stood then; requests may have finished since.
  if (claimsSent > 0 && JSON.stringify(usage()) !== usageWritten) await write([])
  result.usage = usage()
  result.budgetExhausted = gate.budgetExhausted
  if (context.breaker.reason) result.stopped = context.breaker.reason
  return result
}
