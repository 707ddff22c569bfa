// The checker's settings: validated and given their defaults by the schemas in
// ../schemas/config.ts, and completed from the environment here, the one place
// OPENAI_API_KEY and OPENAI_BASE_URL are read.

import { checkerKey, describeZodIssue } from '@vetted/core'
import type { z } from 'zod'
import {
  CheckerConfigSchema,
  CheckerSettingsSchema,
  DEFAULT_MODEL,
  type CheckerConfig,
  type CheckerSettings,
  type CheckerSettingsInput,
} from '../schemas/config.ts'
import { PROMPT_VERSION } from './prompts.ts'

/** Bad checker options or a missing API key: the CLI says it and exits 2. */
export class CheckerConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CheckerConfigError'
  }
}

/** The variables the checker reads; `process.env` by default. */
export type CheckerEnv = Readonly<Record<string, string | undefined>>

/** What `checkPost` runs with: every option set, budgets without a limit as `Infinity`. */
export type ResolvedConfig = Omit<z.output<typeof CheckerConfigSchema>, 'budget' | 'minAgreement'> & {
  budget: { requests: number; tokens: number }
  minAgreement: number
}

/** What a front end gives `checkPost`, and whether it may call it. */
export interface CheckerSetup {
  /** Every setting with its default; the key and the server from the environment where the config has none. */
  settings: CheckerSettings & { minAgreement: number }
  /** A key or a server is configured: the checker may be called. */
  online: boolean
}

/** The key sent to a server that needs none (an OpenAI-compatible server on the machine): the SDK wants one. */
const KEYLESS_API_KEY = 'none'

/**
 * The settings a front end runs the checker with, from its config and the
 * environment: `OPENAI_API_KEY` and `OPENAI_BASE_URL` fill what the config leaves
 * out; a server without a key gets a placeholder key. The network may be used
 * when a key or a server is configured. Throws `CheckerConfigError` on bad settings.
 */
export function resolveSettings(config: CheckerSettingsInput, env: CheckerEnv = process.env): CheckerSetup {
  const settings = parse(CheckerSettingsSchema, config)
  const { apiKey, baseURL } = fromEnvironment(settings, env)
  return {
    settings: {
      ...settings,
      ...(apiKey ? { apiKey } : baseURL ? { apiKey: KEYLESS_API_KEY } : {}),
      ...(baseURL ? { baseURL } : {}),
      minAgreement: settings.minAgreement ?? majorityOf(settings.samples),
    },
    online: Boolean(apiKey || baseURL),
  }
}

/** `checkPost`'s options, complete; throws `CheckerConfigError` on bad ones. No key is not an error until a request is made. */
export function resolveConfig(config: CheckerConfig, env: CheckerEnv = process.env): ResolvedConfig {
  const c = parse(CheckerConfigSchema, config)
  return {
    ...c,
    ...fromEnvironment(c, env),
    budget: { requests: c.budget.requests ?? Infinity, tokens: c.budget.tokens ?? Infinity },
    minAgreement: c.minAgreement ?? majorityOf(c.samples),
  }
}

/** The identity that keys the cache: `model@promptVersion`. */
export function currentCheckerKey(config: CheckerSettingsInput): string {
  return checkerKey(config.model ?? DEFAULT_MODEL, PROMPT_VERSION)
}

/** The identity that keys screen results: `screenModel@promptVersion` (the screen model is `model` unless set). */
export function currentScreenerKey(config: CheckerSettingsInput): string {
  return checkerKey(config.screenModel ?? config.model ?? DEFAULT_MODEL, PROMPT_VERSION)
}

function fromEnvironment(config: { apiKey?: string | undefined; baseURL?: string | undefined }, env: CheckerEnv) {
  return {
    apiKey: config.apiKey ?? (env['OPENAI_API_KEY'] || undefined),
    baseURL: config.baseURL ?? (env['OPENAI_BASE_URL'] || undefined),
  }
}

const majorityOf = (samples: number) => Math.floor(samples / 2) + 1

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new CheckerConfigError(describeZodIssue(result.error, 'checker option').line)
  return result.data
}
