// Find and validate the config: `--config PATH`, else the one of
// vetted.config.json, vetted.config.ts and vetted.config.mts in the working
// folder (two of them are refused), else the defaults. Errors name the file, the
// line and the key.

import { existsSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { basename, dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEFAULT_BASE_URL } from '@vetted/checker/internal'
import { VettedInputError, type Place } from '@vetted/core'
import { describeZodIssue, locateJsonPath, parseJsonAs, readRegularFile } from '@vetted/core/internal'
import type { z } from 'zod'
import { VettedConfigSchema, type VettedConfig } from '../schemas/config.ts'

export interface LoadedConfig {
  config: VettedConfig
  /** The config file, if any. */
  path?: string
  /** Folder that relative `content` entries are resolved against. */
  root: string
  /** Where a JSON config's `baseURL` stands, to name it when the environment does not confirm it. */
  baseURLPlace?: Place | undefined
}

/** The config files looked for; at most one may exist. */
export const CONFIG_NAMES = ['vetted.config.json', 'vetted.config.ts', 'vetted.config.mts']

/** The most a config file may hold: a config is a few lines. */
const MAX_CONFIG_BYTES = 1024 * 1024

export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : findConfig(cwd)
  if (!path) return { config: VettedConfigSchema.parse({}), root: cwd }
  if (!/\.(json|ts|mts|js|mjs)$/.test(path))
    throw new VettedInputError(path, 'is neither JSON nor a module', {
      expected: 'vetted.config.json, vetted.config.ts or vetted.config.mts',
    })
  // A regular file inside the project (never a pipe, a device or a symlink out of it), read once.
  const bytes = readRegularFile(path, { maxBytes: MAX_CONFIG_BYTES, what: 'a vetted config', root: cwd })
  if (bytes === undefined)
    throw new VettedInputError(path, 'does not exist', { expected: 'a vetted.config.json, vetted.config.ts or vetted.config.mts file' })
  const root = dirname(path)
  if (path.endsWith('.json')) {
    const text = new TextDecoder().decode(bytes)
    const config = loadJson(path, text)
    return { config, path, root, ...(config.baseURL !== undefined ? { baseURLPlace: locateJsonPath(text, ['baseURL']) } : {}) }
  }
  return { config: await loadModule(path, bytes), path, root }
}

/**
 * The config the checker runs with, its server decided with the environment.
 * vetted.config.json is committed, so a pull request can change it: its
 * `baseURL` never takes the key where the user did not say. With
 * OPENAI_BASE_URL set, the two must agree (else the run is refused, naming
 * both); without it, a `baseURL` other than OpenAI's own is refused while
 * OPENAI_API_KEY is set, until OPENAI_BASE_URL confirms it (with no key, a
 * server that needs none is used as configured). vetted.config.ts is code
 * vetted runs, trusted as the user's own: its `baseURL` is used as written.
 */
export function withConfirmedEndpoint(loaded: LoadedConfig, env: NodeJS.ProcessEnv): VettedConfig {
  const { config, path } = loaded
  const committed = config.baseURL
  if (committed === undefined || path === undefined || !path.endsWith('.json')) return config
  const place = loaded.baseURLPlace ? { place: loaded.baseURLPlace } : {}
  const fromEnvironment = env['OPENAI_BASE_URL'] || undefined
  if (fromEnvironment !== undefined) {
    if (sameEndpoint(committed, fromEnvironment)) return config
    throw new VettedInputError(
      path,
      `"baseURL" is ${committed} but OPENAI_BASE_URL is ${fromEnvironment}: say one server (remove "baseURL", or make the two agree)`,
      {
        ...place,
        expected: 'a baseURL equal to OPENAI_BASE_URL, or none',
      },
    )
  }
  if (sameEndpoint(committed, DEFAULT_BASE_URL) || !env['OPENAI_API_KEY']) return config
  throw new VettedInputError(
    path,
    `"baseURL" sends requests to ${committed}, which the environment does not confirm: your OPENAI_API_KEY goes only where you say; to use it, set OPENAI_BASE_URL=${committed}`,
    { ...place, expected: 'a baseURL confirmed by OPENAI_BASE_URL' },
  )
}

/** Two server addresses that name the same place (`…/v1` and `…/v1/`, `HTTPS://Host` and `https://host`). */
function sameEndpoint(a: string, b: string): boolean {
  if (!URL.canParse(a) || !URL.canParse(b)) return a === b
  const normal = (url: string) => new URL(url).href.replace(/\/+$/, '')
  return normal(a) === normal(b)
}

/** The one config file in `cwd`; two of them are refused, naming both, rather than one silently ignored. */
function findConfig(cwd: string): string | undefined {
  const found = CONFIG_NAMES.map((name) => resolve(cwd, name)).filter((file) => existsSync(file))
  if (found.length > 1) {
    throw new VettedInputError(found[0]!, `and ${basename(found[1]!)} are both here; keep one config (or pick one with --config)`, {
      expected: `one of ${CONFIG_NAMES.join(', ')}`,
    })
  }
  return found[0]
}

async function loadModule(path: string, source: Uint8Array): Promise<VettedConfig> {
  let value: unknown
  try {
    value = ((await importModule(path, source)) as { default?: unknown }).default
  } catch (error) {
    // A config may throw anything (`throw null`): only an Error has a message and a stack.
    if (!(error instanceof Error)) throw new VettedInputError(path, `cannot be loaded: it threw ${describeThrown(error)}`, { cause: error })
    // Node puts the place of a syntax error on the first line of the stack: "file:LINE".
    const file = `(?:${escapeRegExp(path)}|${escapeRegExp(pathToFileURL(path).href)})`
    const line = new RegExp(`^${file}:(\\d+)$`).exec(error.stack?.split('\n')[0] ?? '')?.[1]
    throw new VettedInputError(path, `cannot be loaded: ${error.message.split('\n')[0]}`, {
      ...(line ? { place: { line: Number(line), column: 1 } } : {}),
      cause: error,
    })
  }
  if (value === undefined) throw new VettedInputError(path, 'has no default export', { expected: 'export default { ... }' })
  // Not awaited: a config is data. An async one says so instead of being read as empty.
  if (
    value instanceof Promise ||
    (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')
  ) {
    void Promise.resolve(value).catch(() => {}) // its rejection is not the error to report
    throw new VettedInputError(path, 'exports a Promise; export the config object itself (use top-level await for anything asynchronous)', {
      expected: 'export default { ... }',
    })
  }
  const parsed = VettedConfigSchema.safeParse(value)
  if (!parsed.success) throw invalid(path, parsed.error)
  return parsed.data
}

/** `null`, `"a string"`, `42`, `an object`: what a config threw that is not an Error. */
function describeThrown(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  return `a non-Error ${typeof value}`
}

/**
 * A TypeScript config is an ES module whatever the project's package.json says.
 * Node alone reads a `.ts` file as CommonJS in a `"type": "commonjs"` project and
 * fails on `export default`, and in a project without `"type"` reads it twice and
 * warns; so while vetted imports its own config, that one file is loaded as
 * TypeScript with module syntax. Files it imports follow Node's own rules.
 */
async function importModule(path: string, source: Uint8Array): Promise<unknown> {
  const url = pathToFileURL(path).href
  if (!/\.m?ts$/.test(path)) return import(url)
  const hooks = registerHooks({
    load: (target, context, nextLoad) =>
      target === url ? { format: 'module-typescript', source, shortCircuit: true } : nextLoad(target, context),
  })
  try {
    return await import(url)
  } finally {
    hooks.deregister()
  }
}

function loadJson(path: string, text: string): VettedConfig {
  const config = parseJsonAs(VettedConfigSchema, text, path, { json: 'a JSON object of vetted options', lead: 'invalid config at' })
  // A JSON config is committed with the posts: a key in it, or a password in the
  // server's address, would be published.
  if (config.apiKey !== undefined) {
    throw new VettedInputError(path, 'has an "apiKey": keep the key out of committed files; set OPENAI_API_KEY instead', {
      place: locateJsonPath(text, ['apiKey']),
      expected: 'no apiKey in vetted.config.json',
    })
  }
  if (config.baseURL !== undefined && hasCredentials(config.baseURL)) {
    throw new VettedInputError(
      path,
      'has a "baseURL" with credentials (user:password@): keep them out of committed files; set OPENAI_BASE_URL instead',
      {
        place: locateJsonPath(text, ['baseURL']),
        expected: 'a baseURL without user:password@ in vetted.config.json',
      },
    )
  }
  return config
}

function hasCredentials(url: string): boolean {
  const { username, password } = new URL(url)
  return username !== '' || password !== ''
}

/** A module config that breaks the schema (a JSON one is placed by parseJsonAs): `file: invalid config at <key>: <what was expected>`. */
function invalid(path: string, error: z.ZodError): VettedInputError {
  const issue = describeZodIssue(error, 'invalid config at')
  return new VettedInputError(path, issue.line, { expected: issue.message })
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
