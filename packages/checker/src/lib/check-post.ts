// checkPost: judge the claims of one post that the ledger has no verdict for
// under the current checker, in batches, and write the ledger after every
// finished batch so that an interrupted run keeps what it finished. It works from
// one reading of the post and its ledger (the caller's, else its own: plan.ts);
// its parts: the batch scheduler (schedule.ts), the judging of a batch (judge.ts),
// the ledger writer (ledger-writer.ts), the usage record (usage-record.ts).

import type { Claim, Ledger, Usage } from '@vetted/core'
import type { Root } from 'mdast'
import type { CheckerConfig } from '../schemas/config.ts'
import { createCallContext, type CallContext } from './call.ts'
import { RequestGate } from './gate.ts'
import type { PendingClaim } from './investigate.ts'
import { Judge, awaitingValidation } from './judge.ts'
import { applyOutcomes, applyParked, applyScreens, type ScreenedOutcome, type Stamp } from './ledger-merge.ts'
import { LedgerWriter } from './ledger-writer.ts'
import { chunks, selectWork } from './plan.ts'
import { PROMPT_VERSION } from './prompts.ts'
import { eachBatch } from './schedule.ts'
import { SCREEN_BATCH_SIZE, screen } from './screen.ts'
import { UsageMeter } from './usage.ts'
import { usageRecord } from './usage-record.ts'

export interface CheckProgress {
  /** Claims and sentences settled so far (a verdict, a screen result or an error written to the ledger). */
  done: number
  /** Claims and sentences this run sends (sentences the screen calls check-worthy count twice: screened, then judged). */
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
  /** Claims and sentences not sent: the ledger has a verdict (from any checker, unless recheckOlder), or the screen's answer that the sentence is not check-worthy. */
  skipped: number
  /** Sentences the screen answered for in this run. */
  screened: number
  /** Of those, the ones it called check-worthy (judged in this run like claims). */
  checkWorthy: number
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
  /** The ledger as the run left it: the one it read, with what it wrote. */
  ledger: Ledger
}

export interface CheckPostInput {
  postPath: string
  /** The post's text; else read from `postPath`. */
  source?: string
  /** Its parse (@vetted/post's parseMarkdown of `source`, with `postPath`); else parsed here. */
  tree?: Root
  /**
   * Its ledger as the caller read it; else read here. A caller that holds the
   * ledger's lock for the run (`vetted check`) gives the ledger it read under it:
   * the run then writes from it without reading the file again. Otherwise every
   * write applies the run's answers to the file as it is then (two runs of a post
   * at once lose nothing).
   */
  ledger?: Ledger
  /** The post's path relative to the project root, `/`-separated (core's projectPath): correction ids hash it. Default: its file name. */
  postId?: string
  /** The claims to consider; else `detectClaims(source)`. */
  claims?: Claim[]
  /**
   * Sentences outside `claims` to consider: screened first (unless the ledger has
   * the screen's answer), and judged when the screen calls them check-worthy. When
   * neither these nor `claims` are given and `coverage` is `all` (the default):
   * every sentence of the post that detection does not select.
   */
  sentences?: Claim[]
  /** The "as of" date (YYYY-MM-DD); else the frontmatter's date, else today. */
  date?: string
  /** Send every claim and sentence, even those with a verdict or a screen result under the current checker. */
  recheck?: boolean
  /** Send the claims and sentences whose verdict or screen result comes from another checker than the current one (an older prompt version, another model). */
  recheckOlder?: boolean
  config: CheckerConfig
  onProgress?: (progress: CheckProgress) => void
  /** Aborted: no new request is sent; those in flight finish and are written (the first Ctrl-C). */
  stopSending?: AbortSignal
  /** Aborted: requests in flight are dropped as well (the second Ctrl-C). */
  signal?: AbortSignal
}

export async function checkPost(input: CheckPostInput): Promise<CheckResult> {
  const startedAt = Date.now()
  const work = selectWork(input)
  const { config, checker, screener, post, ledgerPath, today, pending, toScreen } = work
  const meter = new UsageMeter()
  let claimsSent = 0
  const usage = () => usageRecord(meter, { date: new Date(startedAt).toISOString(), checker, claims: claimsSent })
  const result: CheckResult = {
    post,
    ledgerPath,
    judged: 0,
    skipped: work.skipped,
    screened: 0,
    checkWorthy: 0,
    deferred: 0,
    proposed: 0,
    approved: 0,
    rejected: 0,
    errors: [],
    usage: usage(),
    budgetExhausted: false,
    ledger: work.ledger,
  }
  if (pending.length === 0 && toScreen.length === 0) return result

  // A failure (a ledger write, a batch's error) stops sending, as the caller's
  // stopSending does; what is in flight still finishes and is written. Only the
  // caller's signal drops requests in flight.
  const stop = new AbortController()
  const abort = input.signal ?? new AbortController().signal
  const noMore = AbortSignal.any([stop.signal, abort, ...(input.stopSending ? [input.stopSending] : [])])
  const gate = new RequestGate(config.concurrency, meter, config.budget, noMore)
  const context = await createCallContext(config, meter, gate, abort)
  const postContext = work.postContext()
  const stamp: Stamp = { post: input.postId ?? post, checker, model: config.model, promptVersion: PROMPT_VERSION, today }
  const writer = new LedgerWriter(ledgerPath, post, work.ledger)
  // Claims investigated by an earlier run whose validation the budget held back: only validated (a recheck investigates again).
  const waiting = input.recheck ? new Map() : awaitingValidation(work.ledger, checker)
  const judge = new Judge(context, postContext, config, waiting, {
    proposed: () => void result.proposed++,
    sent: (claims) => void (claimsSent += claims),
  })
  let done = 0
  let total = pending.length + toScreen.length
  const progress = () => input.onProgress?.({ done, total, requests: meter.requests, elapsedMs: Date.now() - startedAt })
  const hooks = {
    stop,
    settled: (count: number) => {
      done += count
      progress()
    },
    deferred: (count: number) => void (result.deferred += count),
  }
  const recordError = ({ fingerprint, text }: PendingClaim, message: string) => result.errors.push({ fingerprint, text, message })

  // A batch of sentences screened: those it calls check-worthy join this run's claims.
  const screenContext: CallContext = { ...context, model: config.screenModel ?? config.model }
  const screenBatch = async (batch: PendingClaim[]): Promise<number> => {
    const answers = await screen(screenContext, postContext, batch)
    const outcomes = batch.map((sentence): ScreenedOutcome => {
      const answer = answers.get(sentence.fingerprint)!
      return 'error' in answer ? { kind: 'error', sentence, message: answer.error } : { kind: 'screened', sentence, ...answer }
    })
    await writer.write({ sentences: outcomes.length }, (ledger) => applyScreens(ledger, outcomes, screener, today))
    for (const outcome of outcomes) {
      if (outcome.kind === 'error') recordError(outcome.sentence, outcome.message)
      else {
        result.screened++
        if (!outcome.checkWorthy) continue
        result.checkWorthy++
        pending.push(outcome.sentence)
        total++
      }
    }
    return batch.length
  }
  // A batch of claims judged: the verdicts written, and the validations not sent kept for the next run.
  const judgeBatch = async (batch: PendingClaim[]): Promise<number> => {
    const outcomes = await judge.batch(batch)
    const settled = outcomes.filter((outcome) => outcome.kind !== 'deferred')
    if (settled.length > 0) await writer.write({ claims: settled.length }, (ledger) => applyOutcomes(ledger, settled, stamp))
    const parked = batch.flatMap((claim) => {
      const proposal = judge.parked.get(claim.fingerprint)
      return proposal ? [{ claim, proposal }] : []
    })
    if (parked.length > 0) await writer.write({ claims: parked.length }, (ledger) => applyParked(ledger, parked, checker))
    for (const outcome of outcomes) {
      if (outcome.kind === 'deferred') result.deferred++
      else if (outcome.kind === 'error') recordError(outcome.claim, outcome.message)
      else {
        result.judged++
        if (outcome.correction?.approved) result.approved++
        else if (outcome.correction) result.rejected++
      }
    }
    return settled.length
  }

  progress()
  try {
    await eachBatch(chunks(toScreen, SCREEN_BATCH_SIZE), screenBatch, hooks)
    // Chunked after screening: `pending` has the sentences it called check-worthy.
    await eachBatch(chunks(pending, config.batchSize), judgeBatch, hooks)
  } catch (failure) {
    throw writer.withUnsaved(failure)
  }
  result.usage = usage()
  result.budgetExhausted = gate.budgetExhausted
  if (context.breaker.reason) result.stopped = context.breaker.reason
  result.ledger = writer.ledger
  return result
}
