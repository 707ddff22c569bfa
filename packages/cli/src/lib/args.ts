// The one argument parser every command uses: strict options, positionals
// allowed, -h/--help on every command, and --format checked against the formats
// the command prints. A mistake is a UsageError in the CLI's words.

import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { UsageError } from './errors.ts'

const HELP = { help: { type: 'boolean', short: 'h' } } as const

/** The command's options and positionals; -h/--help is added to `options`. Throws UsageError on an unknown or malformed option. */
export function parse<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP }, allowPositionals: true, strict: true })
  } catch (error) {
    // Node's hint ("To specify a positional argument starting with a '-'...") is not how vetted is used.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''))
  }
}

/** The --format given, one of `formats`; the first is the default. Throws UsageError on any other. */
export function formatOption<const F extends string>(value: string | undefined, formats: readonly [F, ...F[]]): F {
  const format = (value ?? formats[0]) as F
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${value}"`)
  return format
}
