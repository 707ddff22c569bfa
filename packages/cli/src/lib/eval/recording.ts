// --record and --replay: a fetch for the checker that keeps every HTTP response
// of a run, and one that serves them again with no network, so that a scored run
// can be repeated exactly (in CI, say).
//
// A request is known by a hash of its body with the fence token (derived from the
// post and the prompt version) replaced by a placeholder, and by how many identical requests came before it
// (the same claims sent again in a later run, or as another sample).

import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseJson, readRegularText } from '@vetted/core/internal'
import { z } from 'zod'
import { InputError } from '../errors.ts'

export const RecordedResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** What was asked, to name a request in messages: the task (else the answer format) and the model. */
  request: z.object({ format: z.string(), model: z.string() }),
})
export type RecordedResponse = z.infer<typeof RecordedResponseSchema>

/** The settings that shape requests, and the measured wall time of each post in each run. */
export const RecordingSchema = z.object({
  version: z.literal(1),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
  batchSize: z.number().int().min(1),
  samples: z.number().int().min(1),
  minAgreement: z.number().int().min(1),
  runs: z.number().int().min(1),
  /** The day it was recorded: the "as of" date of posts without a date in their frontmatter. */
  today: z.iso.date(),
  /** `<run>:<slug>` -> milliseconds, as measured when recording. */
  wallMs: z.record(z.string(), z.number().min(0)),
  responses: z.record(z.string(), RecordedResponseSchema),
})
export type Recording = z.infer<typeof RecordingSchema>

const FILE = 'recording.json'
/**
 * The most a recording may hold: the scripted evaluation's twelve posts make about
 * 1 MB a run, so this is a hundred runs of a corpus twice that size. --record
 * refuses to write more than --replay reads.
 */
const MAX_RECORDING_BYTES = 256 * 1024 * 1024
// The fence lines of the checker's prompts: BEGIN-POST-<token>, END-CLAIMS-<token>.
const FENCE_TOKEN = /(?:BEGIN|END)-[A-Z]+-([0-9a-f]{8,})\b/g
// Response headers the SDK reads.
const KEPT_HEADERS = ['content-type', 'retry-after', 'retry-after-ms']

/** The request's identity: its body without the fence tokens, hashed. */
export function requestHash(body: string): string {
  const tokens = [...new Set([...body.matchAll(FENCE_TOKEN)].map((match) => match[1]!))]
  let stable = body
  for (const [index, token] of tokens.entries()) stable = stable.replaceAll(token, `<FENCE-TOKEN-${index + 1}>`)
  return createHash('sha256').update(stable).digest('hex').slice(0, 24)
}

function describeRequest(body: string): RecordedResponse['request'] {
  try {
    const parsed = JSON.parse(body) as { model?: unknown; input?: unknown; text?: { format?: { name?: unknown } } }
    return { format: taskOf(parsed.input) ?? String(parsed.text?.format?.name ?? 'text'), model: String(parsed.model ?? '') }
  } catch {
    return { format: 'not JSON', model: '' }
  }
}

/** The checker's task, from what its input fences (every task answers in one format). */
function taskOf(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined
  if (/^BEGIN-SENTENCES-/m.test(input)) return 'screening'
  if (/^BEGIN-CORRECTION-/m.test(input)) return 'validation'
  if (/^BEGIN-CLAIMS-/m.test(input)) return 'investigation'
  return undefined
}

const bodyText = (init: RequestInit | undefined) => (typeof init?.body === 'string' ? init.body : '')

/** Numbers identical requests in the order they are made: `<hash>#1`, `<hash>#2`. */
class RequestKeys {
  #seen = new Map<string, number>()
  next(body: string): string {
    const hash = requestHash(body)
    const count = (this.#seen.get(hash) ?? 0) + 1
    this.#seen.set(hash, count)
    return `${hash}#${count}`
  }
}

/** Keeps every response that passes through `fetch`. */
export class Recorder {
  readonly responses: Record<string, RecordedResponse> = {}
  #keys = new RequestKeys()
  readonly #inner: typeof fetch

  constructor(inner: typeof fetch = globalThis.fetch) {
    this.#inner = inner
  }

  fetch: typeof fetch = async (input, init) => {
    const body = bodyText(init)
    const key = this.#keys.next(body)
    const response = await this.#inner(input, init)
    const text = await response.text()
    const headers: Record<string, string> = {}
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name)
      if (value !== null) headers[name] = value
    }
    this.responses[key] = { status: response.status, headers, body: text, request: describeRequest(body) }
    return new Response(text, { status: response.status, headers })
  }

  save(folder: string, meta: Omit<Recording, 'version' | 'responses'>): void {
    mkdirSync(folder, { recursive: true })
    const sorted = Object.fromEntries(Object.entries(this.responses).sort(([a], [b]) => a.localeCompare(b)))
    const recording: Recording = { version: 1, ...meta, responses: sorted }
    const text = `${JSON.stringify(recording, null, 2)}\n`
    if (Buffer.byteLength(text) > MAX_RECORDING_BYTES) {
      throw new InputError(
        `${join(folder, FILE)}: not written: the recording would be ${Buffer.byteLength(text)} bytes, past the ${MAX_RECORDING_BYTES / 1024 / 1024} MiB that --replay reads; record fewer runs or a smaller corpus`,
      )
    }
    writeFileSync(join(folder, FILE), text)
  }
}

/** Serves a recording; a request it does not hold is refused and remembered, and the run stops. */
export class Replayer {
  /** Requests the recording does not hold, as one line each. */
  readonly missing: string[] = []
  readonly recording: Recording
  #keys = new RequestKeys()
  readonly #onMissing: () => void

  constructor(recording: Recording, onMissing: () => void) {
    this.recording = recording
    this.#onMissing = onMissing
  }

  static read(folder: string): Recording {
    const path = join(folder, FILE)
    // The folder is named on the command line: a symlink in it may point only inside it.
    const text = readRegularText(path, { maxBytes: MAX_RECORDING_BYTES, what: 'a recording written by vetted eval --record', root: folder })
    if (text === undefined) throw new InputError(`${path}: does not exist; --replay takes a folder written by --record`)
    const parsed = RecordingSchema.safeParse(parseJson(text, path, 'a recording written by vetted eval --record'))
    if (!parsed.success)
      throw new InputError(
        `${path}: not a recording vetted eval can replay (${parsed.error.issues[0]!.message} at ${parsed.error.issues[0]!.path.join('.')})`,
      )
    return parsed.data
  }

  fetch: typeof fetch = async (_input, init) => {
    const body = bodyText(init)
    const key = this.#keys.next(body)
    const recorded = this.recording.responses[key]
    if (!recorded) {
      const { format, model } = describeRequest(body)
      this.missing.push(`${key} (${format} request to ${model || 'no model'})`)
      this.#onMissing()
      throw new Error(`no recorded response for request ${key}`)
    }
    return new Response(recorded.body, { status: recorded.status, headers: recorded.headers })
  }
}
