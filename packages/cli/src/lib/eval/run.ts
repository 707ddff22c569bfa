// The runner of `vetted eval`: the real checker over each post of a labelled
// corpus (a copy in a temporary folder: the corpus never gets a ledger), live,
// recorded or replayed, once per run; score.ts scores what it returns. See
// docs/design.md, "Evaluation".

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { PROMPT_VERSION, checkPost, resolveSettings } from '@vetted/checker'
import { ledgerPathFor, readLedger } from '@vetted/core'
import { parseFrontmatter, parseMarkdown, postDate, sentencesOf } from '@vetted/post'
import { DEFAULT_PRICES, type EvalResult } from '../../schemas/eval.ts'
import type { VettedConfig } from '../../schemas/config.ts'
import { InputError } from '../errors.ts'
import { readCorpus, type CorpusPost } from './corpus.ts'
import { Recorder, Replayer } from './recording.ts'
import { placeFlags, score, type PostRun } from './score.ts'

export interface EvalOptions {
  corpus: string
  /** The corpus as shown in the output. */
  corpusName: string
  config: VettedConfig
  env: NodeJS.ProcessEnv
  runs?: number
  record?: string
  replay?: string
  log: (line: string) => void
  signal?: AbortSignal
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const { config } = options
  const recording = options.replay ? Replayer.read(options.replay) : undefined
  if (recording && options.runs !== undefined && options.runs !== recording.runs) {
    throw new InputError(
      `--runs ${options.runs}: the recording in ${options.replay} holds ${recording.runs} ${recording.runs === 1 ? 'run' : 'runs'}`,
    )
  }
  const runs = recording?.runs ?? options.runs ?? 1
  const posts = readCorpus(options.corpus, config.detect)

  // A replay asks what the recording asked: its model and the settings that shape requests.
  const { settings, online } = resolveSettings(
    recording
      ? {
          ...config,
          model: recording.model,
          batchSize: recording.batchSize,
          samples: recording.samples,
          minAgreement: recording.minAgreement,
          apiKey: 'replay',
        }
      : config,
    options.env,
  )
  if (!online) throw new InputError('vetted eval calls the checker: set OPENAI_API_KEY (or OPENAI_BASE_URL), or give --replay DIR')
  if (recording && recording.promptVersion !== PROMPT_VERSION) {
    throw new InputError(
      `${options.replay}: recorded with prompts ${recording.promptVersion}, these are ${PROMPT_VERSION}; record it again`,
    )
  }
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  const replayer = recording ? new Replayer(recording, () => stop.abort()) : undefined
  const recorder = options.record ? new Recorder() : undefined
  const fetch = replayer?.fetch ?? recorder?.fetch ?? globalThis.fetch
  // The "as of" date of a post without one in its frontmatter: today, or the day of the recording.
  const today = recording?.today ?? new Date().toISOString().slice(0, 10)

  const results: PostRun[][] = []
  const wallMs: Record<string, number> = {}
  for (let run = 1; run <= runs; run++) {
    const perPost: PostRun[] = []
    for (const post of posts) {
      if (signal.aborted) break
      const outcome = await checkCopy(post, { ...settings, fetch }, config.detect, today, signal)
      const key = `${run}:${post.slug}`
      wallMs[key] = recording ? (recording.wallMs[key] ?? 0) : outcome.wallMs
      outcome.wallMs = wallMs[key]
      perPost.push(outcome)
      const onLabels = outcome.flags.filter((flag) => flag.strictLabels.length > 0).length
      const touching = outcome.flags.filter((flag) => flag.labels.length > 0).length
      options.log(
        `run ${run}/${runs} ${post.post}: ${outcome.flags.length} ${outcome.flags.length === 1 ? 'correction' : 'corrections'}, ${onLabels} on labelled errors (${touching} touching one)`,
      )
    }
    if (replayer && replayer.missing.length > 0) {
      throw new InputError(
        `${options.replay}: no recorded response for request ${replayer.missing[0]}; the corpus, detection or prompts changed since it was recorded: record it again`,
      )
    }
    if (options.signal?.aborted) throw new EvalInterrupted()
    results.push(perPost)
  }

  if (recorder) {
    recorder.save(options.record!, {
      model: settings.model,
      promptVersion: PROMPT_VERSION,
      batchSize: settings.batchSize,
      samples: settings.samples,
      minAgreement: settings.minAgreement,
      runs,
      today,
      wallMs,
    })
  }
  const price = { ...DEFAULT_PRICES, ...config.prices }[settings.model]
  return score(posts, results, {
    corpus: options.corpusName,
    checker: {
      model: settings.model,
      promptVersion: PROMPT_VERSION,
      batchSize: settings.batchSize,
      samples: settings.samples,
      minAgreement: settings.minAgreement,
    },
    responses: recording ? 'replayed' : recorder ? 'recorded' : 'live',
    price,
  })
}

/** Check a copy of the post in a temporary folder, as `vetted check` would, and place its corrections. */
async function checkCopy(
  post: CorpusPost,
  checkerConfig: Parameters<typeof checkPost>[0]['config'],
  detect: VettedConfig['detect'],
  today: string,
  signal: AbortSignal,
): Promise<PostRun> {
  const folder = mkdtempSync(join(tmpdir(), 'vetted-eval-'))
  try {
    const postPath = join(folder, basename(post.postPath))
    writeFileSync(postPath, post.source)
    // What vetted check sends: the claims detection selects (under the config's `detect`)
    // and, with coverage "all", every other sentence to the screen first.
    const sentences = sentencesOf(parseMarkdown(post.source, post.postPath), post.source, detect)
    const started = Date.now()
    const result = await checkPost({
      postPath,
      claims: sentences.filter((sentence) => sentence.selected),
      sentences: checkerConfig.coverage === 'claims' ? [] : sentences.filter((sentence) => !sentence.selected),
      date: postDate(parseFrontmatter(post.source, post.postPath), undefined, post.postPath).date ?? today,
      config: checkerConfig,
      signal,
    })
    const wallMs = Date.now() - started
    const ledger = readLedger(ledgerPathFor(postPath), basename(postPath))
    const records = Object.entries(ledger?.claims ?? {})
    return {
      flags: placeFlags(post, ledger),
      judged: new Set(records.filter(([, record]) => record.verdict).map(([fingerprint]) => fingerprint)),
      failed: new Set(records.filter(([, record]) => !record.verdict && record.error).map(([fingerprint]) => fingerprint)),
      screenedOut: new Set(
        records
          .filter(([, record]) => !record.verdict && !record.error && record.screen?.checkWorthy === false)
          .map(([fingerprint]) => fingerprint),
      ),
      failedClaims: result.errors.length + result.deferred,
      usage: result.usage,
      wallMs,
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** Ctrl-C: the runs are not finished, so nothing is scored. */
export class EvalInterrupted extends Error {
  constructor() {
    super('interrupted; nothing was scored')
    this.name = 'EvalInterrupted'
  }
}
