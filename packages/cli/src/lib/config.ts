// Find and validate the config: `--config PATH`, else the first of
// vetted.config.json, vetted.config.ts and vetted.config.mts in the working
// folder, else the defaults. Errors name the file, the line and the key.

import { existsSync, readFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { VettedInputError, describeZodIssue, locateJsonPath, parseJson, type Place } from '@vetted/core'
import type { z } from 'zod'
import { VettedConfigSchema, type VettedConfig } from '../schemas/config.ts'

export interface LoadedConfig {
  config: VettedConfig
  /** The config file, if any. */
  path?: string
  /** Folder that relative `content` entries are resolved against. */
  root: string
}

/** The config files looked for, in this order; the first that exists is read. */
export const CONFIG_NAMES = ['vetted.config.json', 'vetted.config.ts', 'vetted.config.mts']

export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : CONFIG_NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
  if (!path) return { config: VettedConfigSchema.parse({}), root: cwd }
  if (!existsSync(path)) throw new VettedInputError(path, 'does not exist', { expected: 'a vetted.config.json, vetted.config.ts or vetted.config.mts file' })
  const root = dirname(path)
  if (/\.(ts|mts|js|mjs)$/.test(path)) return { config: await loadModule(path), path, root }
  if (!path.endsWith('.json')) throw new VettedInputError(path, 'is neither JSON nor a module', { expected: 'vetted.config.json, vetted.config.ts or vetted.config.mts' })
  return { config: loadJson(path), path, root }
}

async function loadModule(path: string): Promise<VettedConfig> {
  let value: unknown
  try {
    value = ((await importModule(path)) as { default?: unknown }).default
  } catch (error) {
    // Node puts the place of a syntax error on the first line of the stack: "file:LINE".
    const file = `(?:${escapeRegExp(path)}|${escapeRegExp(pathToFileURL(path).href)})`
    const line = new RegExp(`^${file}:(\\d+)$`).exec((error as Error).stack?.split('\n')[0] ?? '')?.[1]
    throw new VettedInputError(path, `cannot be loaded: ${(error as Error).message.split('\n')[0]}`, {
      ...(line ? { place: { line: Number(line), column: 1 } } : {}),
      cause: error,
    })
  }
  if (value === undefined) throw new VettedInputError(path, 'has no default export', { expected: 'export default { ... }' })
  const parsed = VettedConfigSchema.safeParse(value)
  if (!parsed.success) throw invalid(path, parsed.error)
  return parsed.data
}

/**
 * A TypeScript config is an ES module whatever the project's package.json says.
 * Node alone reads a `.ts` file as CommonJS in a `"type": "commonjs"` project and
 * fails on `export default`, and in a project without `"type"` reads it twice and
 * warns; so while vetted imports its own config, that one file is loaded as
 * TypeScript with module syntax. Files it imports follow Node's own rules.
 */
async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href
  if (!/\.m?ts$/.test(path)) return import(url)
  const hooks = registerHooks({
    load: (target, context, nextLoad) =>
      target === url ? { format: 'module-typescript', source: readFileSync(path), shortCircuit: true } : nextLoad(target, context),
  })
  try {
    return await import(url)
  } finally {
    hooks.deregister()
  }
}

function loadJson(path: string): VettedConfig {
  const text = readFileSync(path, 'utf8')
  const data = parseJson(text, path, 'a JSON object of vetted options')
  const parsed = VettedConfigSchema.safeParse(data)
  if (!parsed.success) throw invalid(path, parsed.error, text)
  // A JSON config is committed with the posts: a key in it, or a password in the
  // server's address, would be published.
  if (parsed.data.apiKey !== undefined) {
    throw new VettedInputError(path, 'has an "apiKey": keep the key out of committed files; set OPENAI_API_KEY instead', {
      place: locateJsonPath(text, ['apiKey']),
      expected: 'no apiKey in vetted.config.json',
    })
  }
  if (parsed.data.baseURL !== undefined && hasCredentials(parsed.data.baseURL)) {
    throw new VettedInputError(path, 'has a "baseURL" with credentials (user:password@): keep them out of committed files; set OPENAI_BASE_URL instead', {
      place: locateJsonPath(text, ['baseURL']),
      expected: 'a baseURL without user:password@ in vetted.config.json',
    })
  }
  return parsed.data
}

function hasCredentials(url: string): boolean {
  const { username, password } = new URL(url)
  return username !== '' || password !== ''
}

/** A config that breaks the schema: `file[:line:column]: invalid config at <key>: <what was expected>`. */
function invalid(path: string, error: z.ZodError, text?: string): VettedInputError {
  const issue = describeZodIssue(error, 'invalid config at')
  const place: Place | undefined = text === undefined ? undefined : locateJsonPath(text, issue.path)
  return new VettedInputError(path, issue.line, { ...(place ? { place } : {}), expected: issue.message })
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
