// Screenings at the provider's batch price (half the standard one, answered
// within 24 hours): the screening requests of every post go out as one batch of
// OpenAI's Batch API (a JSONL file of request bodies, a batch made from it,
// polled until it ends, its output file read back). They need no web search and
// nobody waits on them one by one. The batch is named in a state file before the
// first poll, so that a run stopped while it waits and run again collects that
// batch instead of paying for another; the file goes once the batch is collected
// or has failed.

import { existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { VettedInputError, ledgerPathFor, updateLedger, type Claim, type Usage } from '@vetted/core'
import { readRegularText, writeFileAtomic } from '@vetted/core/internal'
import { parseMarkdown, readPost, sentencesOf } from '@vetted/post'
import { z } from 'zod'
import type { CheckerConfig } from '../schemas/config.ts'
import { batchAnswer, createCallContext, requestBody, type CallContext, type CallResult } from './call.ts'
import { describeFailure } from './failure.ts'
import { currentScreenerKey, resolveConfig } from './config.ts'
import { RequestGate } from './gate.ts'
import type { Answer } from '../schemas/answer.ts'
import { applyScreens, type ScreenedOutcome } from './ledger-merge.ts'
import type { CheckPostInput } from './check-post.ts'
import { chunks, selectWork } from './plan.ts'
import { SCREEN_BATCH_SIZE, screenOutcomes, screenRequest } from './screen.ts'
import { UsageMeter } from './usage.ts'

/** The endpoint every line of the batch calls. */
const ENDPOINT = '/v1/responses'
/** A batch's output file holds every answer: read up to this size, not the limit of one answer (maxResponseBytes). */
const OUTPUT_FILE_MAX_BYTES = 512 * 1024 * 1024
/** Polls in a row that may fail (no answer, 5xx) before the run stops waiting; the batch is kept for the next run. */
const POLL_FAILURES = 5

const BatchStateSchema = z.strictObject({
  version: z.literal(1),
  batchId: z.string().min(1),
  inputFileId: z.string().min(1),
  submittedAt: z.iso.datetime(),
  /** What each line stands for, by custom_id: the post (its path from the project root), the screener and day it was sent under, and the sentences it lists (S1, S2, ...). */
  requests: z.record(
    z.string(),
    z.strictObject({
      post: z.string().min(1),
      screener: z.string().min(1),
      today: z.string(),
      sentences: z.array(z.strictObject({ fingerprint: z.string(), text: z.string(), quoted: z.boolean() })),
    }),
  ),
})
export type BatchState = z.infer<typeof BatchStateSchema>

export interface BatchPost {
  /** The post's file. */
  postPath: string
  /** Its path from the project root, `/`-separated: it names the post in the state file and in custom_ids. */
  postId: string
  /** The sentences to screen (those the ledger has no screen result for are sent). */
  sentences: Claim[]
  /** The "as of" date (YYYY-MM-DD). */
  date: string
  /** The post's text, parse and ledger as the caller read them (CheckPostInput); else read here. */
  reading?: Pick<CheckPostInput, 'source' | 'tree' | 'ledger'>
}

export interface BatchOptions {
  config: CheckerConfig
  /** The project root: the state file names posts relative to it. */
  root: string
  /** The state file (`.vetted/batch.json`). */
  statePath: string
  /** Between polls, in ms. */
  pollMs: number
  /** Aborted: stop waiting; the batch stays with the provider and in the state file. */
  signal?: AbortSignal
  log: (line: string) => void
}

/** What the batch's answers did for one post. */
export interface PostScreening {
  screened: number
  checkWorthy: number
  /** Answers not written: their sentence left the post (or the post is gone) while the batch ran. */
  left: number
  /** Sentences with no usable answer: a failed line writes nothing; an unusable answer is recorded as the synchronous screen records it. */
  errors: Array<{ fingerprint: string; text: string; message: string }>
  /** At batch prices. */
  usage: Usage
}

export type BatchOutcome =
  /** Answers written to the ledgers, by post id; the state file is gone. */
  | { kind: 'collected'; batchId: string; posts: Map<string, PostScreening> }
  /** The run stopped waiting (Ctrl-C, or the provider could not be reached): the state file keeps the batch for the next run. */
  | { kind: 'waiting'; batchId: string; reason: string }
  /** The batch failed, expired or was cancelled: nothing written, the state file is gone so that a next run submits again. */
  | { kind: 'failed'; batchId: string; reason: string }

const UNREADABLE_STATE =
  'expected the batch a stopped `vetted check --batch` left (check it is not still running at the provider, then remove the file to submit again)'

/** The batch a stopped run left, or undefined. A state file vetted cannot read is bad input, named. */
export function readBatchState(statePath: string): BatchState | undefined {
  // The safe reader: a regular file of bounded size inside the project (`.vetted/` is the root's), never a pipe or a link out.
  const text = readRegularText(statePath, { maxBytes: MAX_STATE_BYTES, what: 'the batch state (JSON)', root: dirname(dirname(statePath)) })
  if (text === undefined) return undefined
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new VettedInputError(statePath, `not valid JSON (${(error as Error).message}); ${UNREADABLE_STATE}`)
  }
  const parsed = BatchStateSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new VettedInputError(statePath, `${issue.message}; ${UNREADABLE_STATE}`, {
      jsonPath: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    })
  }
  return parsed.data
}

/**
 * Submit the screenings of `posts` as one batch, name it in the state file, and
 * wait for it (`followBatch`). Undefined when no post has a sentence to screen.
 */
export async function submitScreenings(posts: BatchPost[], options: BatchOptions): Promise<BatchOutcome | undefined> {
  const screener = currentScreenerKey(options.config)
  // First: it loads the SDK that gives the request bodies their answer format.
  const context = await clientFor(options)
  const requests: BatchState['requests'] = {}
  const lines: string[] = []
  for (const post of posts) {
    const work = selectWork({
      ...post.reading,
      postPath: post.postPath,
      postId: post.postId,
      claims: [],
      sentences: post.sentences,
      date: post.date,
      config: options.config,
    })
    if (work.toScreen.length === 0) continue
    const postContext = work.postContext()
    for (const [index, batch] of chunks(work.toScreen, SCREEN_BATCH_SIZE).entries()) {
      const customId = `${post.postId}#screen-${index + 1}`
      const { request } = screenRequest(postContext, batch)
      requests[customId] = {
        post: post.postId,
        screener,
        today: work.today,
        sentences: batch.map(({ fingerprint, text, quoted }) => ({ fingerprint, text, quoted })),
      }
      lines.push(
        JSON.stringify({
          custom_id: customId,
          method: 'POST',
          url: ENDPOINT,
          body: requestBody(work.config.screenModel ?? work.config.model, request),
        }),
      )
    }
  }
  if (lines.length === 0) return undefined
  const { toFile } = await import('openai')
  // Not aborted midway: a batch made and not named in the state file would be paid for twice.
  const file = await context.client.files.create({
    file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'vetted-screenings.jsonl'),
    purpose: 'batch',
  })
  const batch = await context.client.batches.create({ input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h' })
  const state: BatchState = { version: 1, batchId: batch.id, inputFileId: file.id, submittedAt: new Date().toISOString(), requests }
  writeState(options.statePath, state)
  options.log(
    `vetted check: submitted batch ${batch.id} (${lines.length} screening ${lines.length === 1 ? 'request' : 'requests'}); it is named in ${relative(options.root, options.statePath)}`,
  )
  return followBatch(state, options, context)
}

/** Poll the batch until it ends, then write its answers to the ledgers (or say why not). */
export async function followBatch(state: BatchState, options: BatchOptions, client?: CallContext): Promise<BatchOutcome> {
  const context = client ?? (await clientFor(options))
  const { batchId } = state
  let said = ''
  let failures = 0
  for (;;) {
    if (options.signal?.aborted) return { kind: 'waiting', batchId, reason: 'interrupted' }
    let batch: Awaited<ReturnType<CallContext['client']['batches']['retrieve']>>
    try {
      batch = await context.client.batches.retrieve(batchId)
      failures = 0
    } catch (error) {
      const reason = describeFailure(error, context)
      // The batch is unknown to the provider (404): waiting on it again is no use.
      if ((error as { status?: number }).status === 404) return failed(options, batchId, reason)
      if (++failures >= POLL_FAILURES) return { kind: 'waiting', batchId, reason }
      options.log(`vetted check: batch ${batchId}: ${reason}; asking again`)
      await pause(options)
      continue
    }
    const counts = batch.request_counts
    const now = `${batch.status}${counts ? `, ${counts.completed + counts.failed} of ${counts.total} requests done` : ''}`
    if (now !== said) options.log(`vetted check: batch ${batchId}: ${now}`)
    said = now
    if (batch.status === 'completed') return collect(state, batch, options, context)
    if (['failed', 'expired', 'cancelled', 'cancelling'].includes(batch.status)) {
      const why =
        batch.errors?.data
          ?.map((error) => `${error.line ? `line ${error.line}: ` : ''}${error.message ?? error.code ?? ''}`)
          .filter(Boolean) ?? []
      return failed(options, batchId, `the batch ${batch.status}${why.length > 0 ? `: ${why.slice(0, 3).join('; ')}` : ''}`)
    }
    await pause(options)
  }
}

async function pause(options: BatchOptions): Promise<void> {
  await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {})
}

function failed(options: BatchOptions, batchId: string, reason: string): BatchOutcome {
  rmSync(options.statePath, { force: true })
  return { kind: 'failed', batchId, reason }
}

type Line = {
  custom_id?: unknown
  response?: { status_code?: unknown; body?: unknown } | null
  error?: { code?: unknown; message?: unknown } | null
}

/** Read the output and error files; write each post's answers to its ledger in one write; remove the state file. */
async function collect(
  state: BatchState,
  batch: { output_file_id?: string | null; error_file_id?: string | null },
  options: BatchOptions,
  context: CallContext,
): Promise<BatchOutcome> {
  const lines = new Map<string, Line>()
  for (const fileId of [batch.output_file_id, batch.error_file_id]) {
    if (!fileId) continue
    const text = await (await context.client.files.content(fileId)).text()
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue
      const line = JSON.parse(raw) as Line
      if (typeof line.custom_id === 'string') lines.set(line.custom_id, line)
    }
  }
  const posts = new Map<string, PostScreening>()
  const outcomes = new Map<string, ScreenedOutcome[]>()
  const postSentences = new Map<string, Set<string>>()
  for (const [customId, request] of Object.entries(state.requests)) {
    const post = posts.get(request.post) ?? { screened: 0, checkWorthy: 0, left: 0, errors: [], usage: emptyUsage(request.screener) }
    posts.set(request.post, post)
    const listed = request.sentences.map((sentence, index) => ({ id: `S${index + 1}`, sentence }))
    const line = lines.get(customId)
    const failure = lineFailure(line)
    if (failure) {
      // A failed line was not answered: nothing is written for it, and a next run sends it again.
      for (const sentence of request.sentences)
        post.errors.push({ ...sentence, message: `screening failed in batch ${state.batchId}: ${failure}` })
      continue
    }
    const body = line!.response!.body
    const meter = new UsageMeter()
    meter.countAnswer(JSON.stringify(body))
    addUsage(post.usage, meter)
    const result: CallResult<Answer> = batchAnswer(body, context)
    const written = outcomes.get(request.post) ?? []
    outcomes.set(request.post, written)
    const present = postSentences.get(request.post) ?? sentencesNow(resolve(options.root, request.post))
    postSentences.set(request.post, present)
    for (const [fingerprint, answer] of screenOutcomes(listed, result)) {
      const sentence = listed.find((item) => item.sentence.fingerprint === fingerprint)!.sentence
      if (!present.has(fingerprint)) {
        post.left++
        continue
      }
      if ('error' in answer) {
        post.errors.push({ ...sentence, message: answer.error })
        written.push({ kind: 'error', sentence, message: answer.error })
        continue
      }
      post.screened++
      if (answer.checkWorthy) post.checkWorthy++
      written.push({ kind: 'screened', sentence, ...answer })
    }
  }
  for (const [postId, written] of outcomes) {
    if (written.length === 0) continue
    const postPath = resolve(options.root, postId)
    const request = Object.values(state.requests).find((item) => item.post === postId)!
    await updateLedger(ledgerPathFor(postPath), basename(postPath), (ledger) =>
      applyScreens(ledger, written, request.screener, request.today),
    )
  }
  rmSync(options.statePath, { force: true })
  return { kind: 'collected', batchId: state.batchId, posts }
}

/** The fingerprints of the post's sentences as it is now; none when it is gone. */
function sentencesNow(postPath: string): Set<string> {
  if (!existsSync(postPath)) return new Set()
  const source = readPost(postPath)
  return new Set(sentencesOf(parseMarkdown(source, postPath), source).map((sentence) => sentence.fingerprint))
}

/** Why a line of the output brought no answer, or undefined when it did. */
function lineFailure(line: Line | undefined): string | undefined {
  if (!line) return 'no line for this request in the output or error file'
  if (line.error) return `${String(line.error.code ?? 'error')}: ${String(line.error.message ?? '')}`
  const status = line.response?.status_code
  if (status !== 200) {
    const message = (line.response?.body as { error?: { message?: unknown } } | undefined)?.error?.message
    return `the API answered ${String(status)}${typeof message === 'string' ? `: ${message}` : ''}`
  }
  return undefined
}

function emptyUsage(checker: string): Usage {
  return {
    date: new Date().toISOString(),
    checker,
    claims: 0,
    requests: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    searches: 0,
  }
}

function addUsage(usage: Usage, meter: UsageMeter): void {
  usage.requests++
  usage.inputTokens += meter.inputTokens
  usage.cachedInputTokens = (usage.cachedInputTokens ?? 0) + meter.cachedInputTokens
  usage.outputTokens += meter.outputTokens
  usage.searches += meter.searches
}

/** A client as the synchronous requests get one (the key, the endpoint, secrets kept out of answers), reading whole output files. */
async function clientFor(options: BatchOptions): Promise<CallContext> {
  const config = resolveConfig(options.config)
  const meter = new UsageMeter()
  const signal = new AbortController().signal
  const gate = new RequestGate(1, meter, config.budget, signal)
  return createCallContext({ ...config, maxResponseBytes: Math.max(config.maxResponseBytes, OUTPUT_FILE_MAX_BYTES) }, meter, gate, signal)
}

/** A batch state's size cap: its custom ids name every screened sentence of an archive's posts. */
const MAX_STATE_BYTES = 64 * 1024 * 1024

/**
 * Written whole or not at all, never through a symlinked folder (a repository
 * cannot point it at another file). The folder's own `.gitignore` keeps the state,
 * which only this clone's runs need, out of commits.
 */
function writeState(statePath: string, state: BatchState): void {
  const folder = dirname(statePath)
  mkdirSync(folder, { recursive: true })
  if (lstatSync(folder).isSymbolicLink()) throw new Error(`${folder} is a symlink; the batch state is not written through one`)
  const ignore = join(folder, '.gitignore')
  if (!existsSync(ignore)) writeFileAtomic(ignore, `${basename(statePath)}\n`)
  writeFileAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`)
}
