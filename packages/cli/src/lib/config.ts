// Find and validate the config: `--config PATH`, else vetted.config.json or
// vetted.config.ts in the working folder, else the defaults. Errors name the file,
// the line and the key.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { VettedInputError, describeZodIssue, formatJsonPath, locateJsonPath, placeOf } from '@vetted/core'
import { VettedConfigSchema, type VettedConfig } from '../schemas/config.ts'

export interface LoadedConfig {
  config: VettedConfig
  /** The config file, if any. */
  path?: string
  /** Folder that relative `content` entries are resolved against. */
  root: string
}

const NAMES = ['vetted.config.json', 'vetted.config.ts']

export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
  if (!path) return { config: VettedConfigSchema.parse({}), root: cwd }
  if (!existsSync(path)) throw new VettedInputError(path, 'does not exist', { expected: 'a vetted.config.json or vetted.config.ts file' })
  const root = dirname(path)
  if (path.endsWith('.ts') || path.endsWith('.js') || path.endsWith('.mjs')) {
    let value: unknown
    try {
      value = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default
    } catch (error) {
      throw new VettedInputError(path, `cannot be loaded: ${(error as Error).message.split('\n')[0]}`, { cause: error })
    }
    const parsed = VettedConfigSchema.safeParse(value)
    if (!parsed.success) {
      const { path: key, message } = describeZodIssue(parsed.error)
      throw new VettedInputError(path, `invalid config at ${formatJsonPath(key) || '(default export)'}: ${message}`, { jsonPath: key, expected: message })
    }
    return { config: parsed.data, path, root }
  }
  const text = readFileSync(path, 'utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new VettedInputError(path, `is not valid JSON: ${(error as Error).message.replace(/ in JSON at position.*/, '')}`, {
      ...(position ? { place: placeOf(text, Number(position)) } : {}),
      expected: 'a JSON object of vetted options',
    })
  }
  const parsed = VettedConfigSchema.safeParse(data)
  if (!parsed.success) {
    const { path: key, message } = describeZodIssue(parsed.error)
    const unknownKey = parsed.error.issues[0]?.code === 'unrecognized_keys' ? (parsed.error.issues[0] as { keys: string[] }).keys[0] : undefined
    const fullKey = unknownKey ? [...key, unknownKey] : key
    throw new VettedInputError(path, `invalid config at ${formatJsonPath(fullKey) || '(root)'}: ${message}`, {
      jsonPath: fullKey,
      place: locateJsonPath(text, fullKey),
      expected: message,
    })
  }
  return { config: parsed.data, path, root }
}
