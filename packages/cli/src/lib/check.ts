// `vetted check`: analyse every post; send the claims a ledger lacks to the
// checker when one is configured (never with --ci); record corrections whose
// quote left the post as fixed (never with --ci); report.

import { basename } from 'node:path'
import { checkPost, currentCheckerKey, type CheckerConfig } from '@vetted/checker'
import { ledgerPathFor, updateLedger } from '@vetted/core'
import type { VettedConfig } from '../schemas/config.ts'
import { analyzePost, type Analysis } from './analyze.ts'
import type { ProgressBar } from './progress.ts'
import { displayPath } from './report/build.ts'

export interface CheckOptions {
  posts: string[]
  config: VettedConfig
  env: NodeJS.ProcessEnv
  cwd: string
  ci: boolean
  recheck: boolean
  progress: ProgressBar
  log: (line: string) => void
}

export function checkerConfigOf(config: VettedConfig, env: NodeJS.ProcessEnv): CheckerConfig {
  const baseURL = config.baseURL ?? (env['OPENAI_BASE_URL'] || undefined)
  return {
    ...(config.model ? { model: config.model } : {}),
    // An OpenAI-compatible server may need no key; the SDK still wants one.
    ...(env['OPENAI_API_KEY'] ? { apiKey: env['OPENAI_API_KEY'] } : baseURL ? { apiKey: 'none' } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(config.batchSize ? { batchSize: config.batchSize } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.budget ? { budget: config.budget } : {}),
    ...(config.samples ? { samples: config.samples } : {}),
    ...(config.minAgreement ? { minAgreement: config.minAgreement } : {}),
  }
}

/** The checker may be called: an API key or a base URL is configured. */
export function networkConfigured(config: VettedConfig, env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['OPENAI_API_KEY'] || env['OPENAI_BASE_URL'] || config.baseURL)
}

export async function runCheck(options: CheckOptions): Promise<Analysis[]> {
  const { config, env } = options
  const checkerConfig = checkerConfigOf(config, env)
  const checker = currentCheckerKey(checkerConfig)
  const analyze = (path: string) => analyzePost(path, { checker, ...(config.detect ? { detect: config.detect } : {}) })
  // Read and validate everything first: bad input stops the run before any write.
  let analyses = options.posts.map(analyze)
  if (options.ci) return analyses

  const online = networkConfigured(config, env)
  analyses = []
  for (const path of options.posts) {
    let analysis = analyze(path)
    const name = displayPath(path, options.cwd)
    if (online && (analysis.data.unchecked.length > 0 || options.recheck)) {
      const result = await checkPost({
        postPath: path,
        config: checkerConfig,
        recheck: options.recheck,
        onProgress: (progress) => options.progress.update(name, progress),
      })
      options.progress.done()
      const errors = result.errors.length > 0 ? `, ${result.errors.length} failed (retried next run)` : ''
      options.log(
        `${name}: checked ${result.judged} ${result.judged === 1 ? 'claim' : 'claims'} (${result.approved} new corrections, ${result.rejected} rejected by validation${errors}); ` +
          `${result.usage.requests} requests, ${result.usage.inputTokens + result.usage.outputTokens} tokens, ${result.usage.searches} searches` +
          (result.deferred > 0 ? `; ${result.deferred} deferred (budget)` : ''),
      )
      analysis = analyze(path)
    }
    if (analysis.data.stale.length > 0) {
      const today = new Date().toISOString().slice(0, 10)
      const ids = new Set(analysis.data.stale.map((c) => c.id))
      await updateLedger(ledgerPathFor(path), basename(path), (ledger) => {
        for (const id of ids) {
          const correction = ledger.corrections[id]
          if (!correction) continue
          correction.status = 'fixed'
          correction.history.push({ date: today, status: 'fixed' })
        }
      })
      options.log(`${name}: ${ids.size} ${ids.size === 1 ? 'correction' : 'corrections'} recorded as fixed (the quote left the post)`)
      analysis = analyze(path)
    }
    analyses.push(analysis)
  }
  return analyses
}
