import { checkerKey } from '@vetted/core'
import { CheckerConfigSchema, type CheckerConfig } from '../schemas/config.ts'
import { PROMPT_VERSION } from './prompts.ts'

export const DEFAULT_MODEL = 'gpt-5.1'

/** Bad checker options or a missing API key: the CLI says it and exits 2. */
export class CheckerConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CheckerConfigError'
  }
}

export interface ResolvedConfig {
  model: string
  apiKey: string | undefined
  baseURL: string | undefined
  batchSize: number
  concurrency: number
  timeoutMs: number
  maxRetries: number
  budget: { requests: number; tokens: number }
  samples: number
  minAgreement: number
  fetch: typeof fetch
}

/** Options with their defaults filled in; throws `CheckerConfigError` on bad ones. */
export function resolveConfig(config: CheckerConfig): ResolvedConfig {
  const result = CheckerConfigSchema.safeParse(config)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new CheckerConfigError(`checker option ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  const c = result.data
  const samples = c.samples ?? 1
  return {
    model: c.model ?? DEFAULT_MODEL,
    apiKey: c.apiKey ?? (process.env.OPENAI_API_KEY || undefined),
    baseURL: c.baseURL ?? (process.env.OPENAI_BASE_URL || undefined),
    batchSize: c.batchSize ?? 10,
    concurrency: c.concurrency ?? 4,
    // Web search makes answers slow; the SDK's own default is 10 minutes.
    timeoutMs: c.timeoutMs ?? 180_000,
    maxRetries: c.maxRetries ?? 2,
    budget: { requests: c.budget?.requests ?? Infinity, tokens: c.budget?.tokens ?? Infinity },
    samples,
    minAgreement: c.minAgreement ?? Math.floor(samples / 2) + 1,
    fetch: c.fetch ?? globalThis.fetch,
  }
}

/** The identity that keys the cache: `model@promptVersion`. */
export function currentCheckerKey(config: CheckerConfig): string {
  return checkerKey(config.model ?? DEFAULT_MODEL, PROMPT_VERSION)
}
