import { basename, dirname, join } from 'node:path'
import { LEDGER_VERSION, LedgerSchema, type Ledger, type LedgerInput } from '../schemas/ledger.ts'
import { VettedInputError, describeZodIssue } from './errors.ts'
import { readRegularFile } from './read-file.ts'
import { FileWriteError, writeFileAtomic } from './files.ts'
import { locateJsonPath, parseJson } from './json.ts'
import { holdsLock, withLock } from './lock.ts'

const MARKDOWN_EXTENSION = /\.(md|markdown|mdx)$/i
/** A post's file name, as a ledger records it: no folder. */
const POST_NAME = /^[^/\\]+\.(md|markdown|mdx)$/i

/** `posts/x.md` -> `posts/x.vetted.json`. */
export function ledgerPathFor(postPath: string): string {
  return join(dirname(postPath), `${basename(postPath).replace(MARKDOWN_EXTENSION, '')}.vetted.json`)
}

/** A ledger with nothing in it yet, for the post with this file name. */
export function emptyLedger(post: string): Ledger {
  return { version: LEDGER_VERSION, post, claims: {}, corrections: {}, usage: [] }
}

/**
 * Parse and validate a ledger's text. `file` names it in errors; `post`, when
 * given, is the file name of the post it must belong to.
 */
export function parseLedger(text: string, file: string, post?: string): Ledger {
  const data = migrate(parseJson(text, file, 'a JSON ledger written by vetted'))
  const version = (data as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > LEDGER_VERSION) {
    throw new VettedInputError(
      file,
      `was written by a newer vetted (ledger version ${version}); this one reads version ${LEDGER_VERSION}: upgrade vetted`,
      { jsonPath: ['version'], place: locateJsonPath(text, ['version']), expected: `version ${LEDGER_VERSION}` },
    )
  }
  const result = LedgerSchema.safeParse(data)
  if (!result.success) {
    const { path, message } = describeZodIssue(result.error)
    throw new VettedInputError(file, `invalid ledger: ${message}`, {
      jsonPath: path,
      place: locateJsonPath(text, path),
      expected: message,
    })
  }
  if (post !== undefined && result.data.post !== post) {
    // A post renamed with its ledger by hand: `vetted mv` makes the ledger its own and keeps its ids.
    const renamed = POST_NAME.test(result.data.post)
      ? `; if ${post} was ${result.data.post}, run vetted mv ${join(dirname(file), result.data.post)} ${join(dirname(file), post)}`
      : ''
    throw new VettedInputError(file, `belongs to "${result.data.post}", not to "${post}"${renamed}`, {
      jsonPath: ['post'],
      place: locateJsonPath(text, ['post']),
      expected: `"post": "${post}"`,
    })
  }
  return result.data
}

/**
 * Version 1 to 2, on the parsed JSON before validation (so errors still point
 * into the file as written). A legacy `fixed` status goes back to the status
 * before it in the history (`open` when there is none); the `fixed` event stays,
 * dating the fix. Ids are kept: those that clash across posts are re-keyed by
 * `vetted check` (rekeyClashes). Anything else passes to validation unchanged.
 */
function migrate(data: unknown): unknown {
  if (!isRecord(data) || data['version'] !== 1) return data
  const corrections = isRecord(data['corrections']) ? data['corrections'] : undefined
  if (!corrections) return { ...data, version: LEDGER_VERSION }
  const migrated: Record<string, unknown> = {}
  for (const [id, correction] of Object.entries(corrections)) {
    migrated[id] = isRecord(correction) && correction['status'] === 'fixed' ? unfix(correction) : correction
  }
  return { ...data, version: LEDGER_VERSION, corrections: migrated }
}

const EDITORIAL = new Set(['open', 'annotate', 'dismiss', 'rejected'])

function unfix(correction: Record<string, unknown>): Record<string, unknown> {
  const history = Array.isArray(correction['history']) ? correction['history'] : []
  const before = history.findLast((event: unknown) => isRecord(event) && EDITORIAL.has(event['status'] as string)) as
    | Record<string, unknown>
    | undefined
  return { ...correction, status: before?.['status'] ?? 'open' }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The largest ledger vetted reads, and so the largest it writes: 64 MiB. */
export const MAX_LEDGER_BYTES = 64 * 1024 * 1024

/** Read the ledger at `file`; `undefined` when there is none. Broken ledgers throw. */
export function readLedger(file: string, post?: string): Ledger | undefined {
  // A regular file (or a symlink to one inside the project) of at most MAX_LEDGER_BYTES: never a pipe or a device.
  const bytes = readRegularFile(file, { maxBytes: MAX_LEDGER_BYTES, what: 'a ledger (JSON)' })
  if (bytes === undefined) return undefined
  return parseLedger(new TextDecoder().decode(bytes), file, post)
}

// Keys in this order first, then the rest alphabetically: a stable, readable diff.
const KEY_ORDER = [
  'version',
  'post',
  'id',
  'claim',
  'text',
  'verdict',
  'checker',
  'checkedAt',
  'error',
  'quote',
  'summary',
  'reasoning',
  'sources',
  'url',
  'title',
  'model',
  'prompt',
  'date',
  'status',
  'note',
  'validation',
  'approved',
  'reason',
  'history',
  'claims',
  'corrections',
  'usage',
]
const rank = (key: string) => {
  const at = KEY_ORDER.indexOf(key)
  return at < 0 ? KEY_ORDER.length : at
}

function canonical(value: unknown, sortRecords: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, false))
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined)
  keys.sort(sortRecords ? undefined : (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    // `claims` and `corrections` are records keyed by hash: sort their keys plainly.
    out[key] = canonical((value as Record<string, unknown>)[key], key === 'claims' || key === 'corrections')
  }
  return out
}

/** The one serialization of a ledger: validated, canonical key order, two-space indent, final newline. */
export function serializeLedger(ledger: LedgerInput): string {
  return `${JSON.stringify(canonical(LedgerSchema.parse(ledger), false), null, 2)}\n`
}

/**
 * Write a ledger atomically, in its one serialization. One past MAX_LEDGER_BYTES
 * is not written (every later read would refuse it): a FileWriteError.
 */
export function writeLedger(file: string, ledger: LedgerInput): void {
  const bytes = Buffer.from(serializeLedger(ledger))
  if (bytes.byteLength > MAX_LEDGER_BYTES) {
    throw new FileWriteError(
      file,
      `it would be ${bytes.byteLength} bytes, past the ${MAX_LEDGER_BYTES} (64 MiB) a ledger may have, and vetted could not read it back (split the post, or remove the records of sentences no longer in it)`,
    )
  }
  writeFileAtomic(file, bytes)
}

/**
 * Read, change and write a ledger under a lock, so that two processes updating
 * the same ledger lose nothing: each change is applied to what is on disk now.
 * A lock left by a killed process is taken over. `mutate` gets the current
 * ledger (or an empty one) and returns the ledger to write.
 */
export async function updateLedger(
  file: string,
  post: string,
  mutate: (ledger: Ledger) => Ledger | void,
  options: { timeoutMs?: number } = {},
): Promise<Ledger> {
  return withLock(
    file,
    () => {
      const current = readLedger(file, post) ?? emptyLedger(post)
      const next = mutate(current) ?? current
      // Written only when valid (writeLedger validates): what was written is the ledger now.
      writeLedger(file, next)
      return next
    },
    options,
  )
}

/**
 * Change a ledger this run read, and write it. While the run holds the ledger's
 * lock (holdLock: no other vetted writes it), `ledger`, what the run read or last
 * wrote, is what is on disk: `change` is made to it and it is written without
 * reading the file again. Otherwise, as updateLedger, to what is on disk now.
 * Returns the ledger written.
 */
export async function updateLedgerFrom(
  file: string,
  post: string,
  ledger: Ledger,
  change: (ledger: Ledger) => Ledger | void,
): Promise<Ledger> {
  if (!holdsLock(file)) return updateLedger(file, post, change)
  const next = change(ledger) ?? ledger
  writeLedger(file, next)
  return next
}
