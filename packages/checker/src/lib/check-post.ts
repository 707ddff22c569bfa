// checkPost: judge the claims of one post that the ledger has no verdict for
// under the current checker, in batches, and write the ledger after every
// finished batch so that an interrupted run keeps what it finished.

import { FileWriteError, readLedger, updateLedger, type Claim, type Ledger, type Usage } from '@vetted/core'
import type { CheckedProposal } from './code-checks.ts'
import type { CheckerConfig } from '../schemas/config.ts'
import { createCallContext, type CallContext } from './call.ts'
import { combineSamples } from './consensus.ts'
import { NotSent, RequestGate } from './gate.ts'
import { investigate, type PendingClaim, type SampleOutcome } from './investigate.ts'
import { applyOutcomes, applyScreens, type ClaimOutcome, type ScreenedOutcome, type Stamp } from './ledger-merge.ts'
import { chunks, selectWork } from './plan.ts'
import { PROMPT_VERSION } from './prompts.ts'
import { SCREEN_BATCH_SIZE, screen } from './screen.ts'
import { UsageMeter } from './usage.ts'
import { validate } from './validate.ts'

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
}

export interface CheckPostInput {
  postPath: string
  /** The post's text; else read from `postPath`. */
  source?: string
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
  const { config, checker, screener, post, ledgerPath, source, date, today, pending, toScreen, skipped } = work

  const meter = new UsageMeter()
  const usageDate = new Date(startedAt).toISOString()
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
    post,
    ledgerPath,
    judged: 0,
    skipped,
    screened: 0,
    checkWorthy: 0,
    deferred: 0,
    proposed: 0,
    approved: 0,
    rejected: 0,
    errors: [],
    usage: usage(),
    budgetExhausted: false,
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
  let done = 0
  let total = pending.length + toScreen.length
  const progress = () => input.onProgress?.({ done, total, requests: meter.requests, elapsedMs: Date.now() - startedAt })

  // Claims investigated by an earlier run whose validation the budget held back:
  // this run sends only their validation (a recheck investigates again).
  const waiting = new Map<string, CheckedProposal>()
  if (!input.recheck) {
    for (const [fingerprint, record] of Object.entries(readLedger(ledgerPath, post)?.claims ?? {})) {
      const held = record.awaitingValidation
      if (held?.checker === checker)
        waiting.set(fingerprint, { quote: held.quote, summary: held.summary, reasoning: held.reasoning, sources: held.sources })
    }
  }
  // Proposals whose validation this run could not send: kept in the ledger for the next run.
  const parked = new Map<string, CheckedProposal>()
  const validateProposal = async (claim: PendingClaim, proposal: CheckedProposal): Promise<ClaimOutcome> => {
    result.proposed++
    try {
      const validation = await validate(context, postContext, claim, proposal)
      if ('error' in validation) return { kind: 'error', claim, message: validation.error }
      const { approved, reason, proposal: checked } = validation
      // A rejected proposal leaves the claim disputed: unverifiable, with the rejection kept for audit.
      return {
        kind: 'verdict',
        claim,
        verdict: approved ? 'incorrect' : 'unverifiable',
        correction: { proposal: checked, approved, reason },
      }
    } catch (error) {
      if (!(error instanceof NotSent)) throw error
      parked.set(claim.fingerprint, proposal)
      return { kind: 'deferred', claim }
    }
  }

  // All batches start at once; the gate bounds what is in flight, in order.
  const runBatch = async (all: PendingClaim[]): Promise<ClaimOutcome[]> => {
    const revalidated = all
      .filter((claim) => waiting.has(claim.fingerprint))
      .map((claim) => validateProposal(claim, waiting.get(claim.fingerprint)!))
    const batch = all.filter((claim) => !waiting.has(claim.fingerprint))
    if (batch.length === 0) return Promise.all(revalidated)
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
      if (error instanceof NotSent)
        return [...(await Promise.all(revalidated)), ...batch.map((claim): ClaimOutcome => ({ kind: 'deferred', claim }))]
      throw error
    }
    return Promise.all([
      ...revalidated,
      ...batch.map(async (claim): Promise<ClaimOutcome> => {
        const decision = combineSamples(
          samples.map((s) => s.get(claim.fingerprint)!),
          config.minAgreement,
        )
        if ('error' in decision) return { kind: 'error', claim, message: decision.error }
        if (decision.verdict !== 'incorrect') return { kind: 'verdict', claim, verdict: decision.verdict }
        return validateProposal(claim, decision.proposal)
      }),
    ])
  }
  const park = (claims: PendingClaim[]) =>
    writeChange({ claims: claims.length }, (ledger) => {
      for (const claim of claims) {
        const proposal = parked.get(claim.fingerprint)!
        ledger.claims[claim.fingerprint] = {
          ...ledger.claims[claim.fingerprint],
          text: claim.text,
          awaitingValidation: { checker, ...proposal },
        }
      }
      return ledger
    })

  // Batches that finish together are written together: one locked, fsynced
  // write instead of several, and it waits for the next requests to go out first.
  // The run's usage is not written to the ledger (a record appended at one spot
  // would make every two branches' ledgers conflict): `result.usage` has it, and
  // `vetted check` logs it outside the ledger.
  const queued: Array<{ apply: (ledger: Ledger) => Ledger; holds: Holds; resolve: () => void; reject: (error: unknown) => void }> = []
  // What a failed write did not save, to say so.
  const unsaved = { claims: 0, sentences: 0 }
  let writing = false
  const flush = async () => {
    writing = true
    await new Promise((resolve) => setImmediate(resolve))
    while (queued.length > 0) {
      const items = queued.splice(0)
      try {
        await updateLedger(ledgerPath, post, (current) => items.reduce((ledger, item) => item.apply(ledger), current))
        for (const item of items) item.resolve()
      } catch (error) {
        for (const item of items) {
          unsaved.claims += item.holds.claims ?? 0
          unsaved.sentences += item.holds.sentences ?? 0
          item.reject(error)
        }
      }
    }
    writing = false
  }
  const writeChange = (holds: Holds, apply: (ledger: Ledger) => Ledger) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ apply, holds, resolve, reject })
      if (!writing) void flush()
    })
  const write = (outcomes: ClaimOutcome[]) => writeChange({ claims: outcomes.length }, (ledger) => applyOutcomes(ledger, outcomes, stamp))

  let failure: unknown
  /**
   * Run the batches, all at once (the gate bounds what is in flight, and the
   * post's first request to a model goes alone: Warmup in call.ts). `run` returns
   * how many items of its batch it settled. A batch the gate did not send waits
   * for the next run; any other failure also stops sending (what is in flight
   * finishes), and the first is thrown once every batch has ended.
   */
  const eachBatch = async <T>(batches: T[][], run: (batch: T[]) => Promise<number>) => {
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const settled = await run(batch)
          done += settled
          progress()
        } catch (error) {
          if (!(error instanceof NotSent)) {
            failure ??= error
            stop.abort()
          }
          result.deferred += batch.length
        }
      }),
    )
    if (failure) throw withUnsaved(failure, unsaved)
  }
  const recordError = ({ fingerprint, text }: { fingerprint: string; text: string }, message: string) =>
    result.errors.push({ fingerprint, text, message })

  progress()
  // Screening first: the sentences it calls check-worthy join this run's claims.
  const screenContext: CallContext = { ...context, model: config.screenModel ?? config.model }
  await eachBatch(chunks(toScreen, SCREEN_BATCH_SIZE), async (batch) => {
    const answers = await screen(screenContext, postContext, batch)
    const outcomes = batch.map((sentence): ScreenedOutcome => {
      const answer = answers.get(sentence.fingerprint)!
      return 'error' in answer ? { kind: 'error', sentence, message: answer.error } : { kind: 'screened', sentence, ...answer }
    })
    await writeChange({ sentences: outcomes.length }, (ledger) => applyScreens(ledger, outcomes, screener, today))
    for (const outcome of outcomes) {
      if (outcome.kind === 'error') {
        recordError(outcome.sentence, outcome.message)
        continue
      }
      result.screened++
      if (!outcome.checkWorthy) continue
      result.checkWorthy++
      pending.push(outcome.sentence)
      total++
    }
    return batch.length
  })

  await eachBatch(chunks(pending, config.batchSize), async (batch) => {
    const outcomes = await runBatch(batch)
    const settled = outcomes.filter((o) => o.kind !== 'deferred')
    if (settled.length > 0) await write(settled)
    const held = batch.filter((claim) => parked.has(claim.fingerprint))
    if (held.length > 0) await park(held)
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
  })
  result.usage = usage()
  result.budgetExhausted = gate.budgetExhausted
  if (context.breaker.reason) result.stopped = context.breaker.reason
  return result
}

/** What one write to the ledger holds: answers for claims, and the screen's for sentences. */
interface Holds {
  claims?: number
  sentences?: number
}

/** A ledger write that failed (a full disk), saying which answers of this run it did not save. */
function withUnsaved(failure: unknown, unsaved: Holds): unknown {
  if (!(failure instanceof FileWriteError)) return failure
  const parts = [
    ...(unsaved.claims ? [`the verdicts on ${unsaved.claims} ${unsaved.claims === 1 ? 'claim' : 'claims'}`] : []),
    ...(unsaved.sentences ? [`the screen's answers on ${unsaved.sentences} ${unsaved.sentences === 1 ? 'sentence' : 'sentences'}`] : []),
  ]
  if (parts.length === 0) return failure
  return new FileWriteError(failure.file, failure.reason, {
    cause: failure,
    lost: `${parts.join(' and ')} received in this run are not saved; they are sent again next run`,
  })
}
