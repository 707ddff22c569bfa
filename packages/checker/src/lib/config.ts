// The checker's settings: validated and given their defaults by the schemas in
// ../schemas/config.ts, and completed from the environment here, the one place
// OPENAI_API_KEY and OPENAI_BASE_URL are read.

import { checkerKey } from '@vetted/core'
import { describeZodIssue } from '@vetted/core/internal'
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
  /** Where requests go: `baseURL`, else OpenAI's API. */
  endpoint: URL
}

/** Where requests go when no `baseURL` or `OPENAI_BASE_URL` says otherwise. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1'

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
    endpoint: new URL(baseURL ?? DEFAULT_BASE_URL),
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

/** The key and the server: the config's, else the environment's. A key never goes over plain http to another machine. */
function fromEnvironment(config: { apiKey?: string | undefined; baseURL?: string | undefined }, env: CheckerEnv) {
  const apiKey = config.apiKey ?? (env['OPENAI_API_KEY'] || undefined)
  const baseURL = config.baseURL ?? (env['OPENAI_BASE_URL'] || undefined)
  if (baseURL !== undefined) {
    const from = config.baseURL !== undefined ? 'baseURL' : 'OPENAI_BASE_URL'
    if (!URL.canParse(baseURL))
      throw new CheckerConfigError(`${from} is not a URL: ${JSON.stringify(baseURL)} (expected e.g. https://api.openai.com/v1)`)
    const url = new URL(baseURL)
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new CheckerConfigError(`${from} is not an http(s) URL: ${url.origin || url.protocol}`)
    // Anyone on the way reads a key sent in the clear: only a server on this machine may have one so.
    if (apiKey !== undefined && apiKey !== KEYLESS_API_KEY && url.protocol === 'http:' && !isLoopback(url.hostname)) {
      throw new CheckerConfigError(
        `${from} is ${url.origin}, plain http to another machine: the API key would travel unencrypted; use https, or a server on this machine (127.0.0.1, ::1, localhost)`,
      )
    }
  }
  return { apiKey, baseURL }
}

/** This machine: localhost, 127.0.0.0/8 or ::1 (a URL's hostname writes IPv6 in brackets). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

const majorityOf = (samples: number) => Math.floor(samples / 2) + 1

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new CheckerConfigError(describeZodIssue(result.error, 'checker option').line)
  return result.data
}
