// The fake's Batch API: files uploaded as multipart (purpose "batch"), batches
// made from a JSONL file of /v1/responses requests, their status advancing one
// step per poll (validating, in_progress, finalizing, completed), and output and
// error files of JSONL lines, each line answered as the same request sent alone.

import type { IncomingHttpHeaders } from 'node:http'
import { randomBytes } from 'node:crypto'

/** How a batch ends: completed (the default), or failed (at validation), expired or cancelled (while in progress). */
export type BatchFate = 'completed' | 'failed' | 'expired' | 'cancelled'

export interface FakeBatch {
  id: string
  object: 'batch'
  endpoint: string
  errors: { object: 'list'; data: Array<{ code: string; message: string; param: string | null; line: number | null }> } | null
  input_file_id: string
  completion_window: string
  status: 'validating' | 'in_progress' | 'finalizing' | 'completed' | 'failed' | 'expired' | 'cancelling' | 'cancelled'
  output_file_id: string | null
  error_file_id: string | null
  created_at: number
  in_progress_at: number | null
  expires_at: number
  finalizing_at: number | null
  completed_at: number | null
  failed_at: number | null
  expired_at: number | null
  cancelling_at: number | null
  cancelled_at: number | null
  request_counts: { total: number; completed: number; failed: number }
  metadata: Record<string, string> | null
}

interface StoredFile {
  id: string
  filename: string
  purpose: string
  content: string
}

/** Answers one line's body as the synchronous endpoint would: its HTTP status and JSON body. */
export type LineAnswerer = (body: unknown, batchId: string) => Promise<{ status: number; body: unknown }>

const now = () => Math.floor(Date.now() / 1000)
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

export class BatchStore {
  readonly files = new Map<string, StoredFile>()
  readonly batches = new Map<string, FakeBatch>()
  /** How the batches made from now on end. */
  fate: BatchFate = 'completed'
  /** Polls a batch stays `in_progress` before it moves on (the test's control over how long a batch takes). */
  pollsInProgress = 1
  readonly #answer: LineAnswerer
  readonly #polls = new Map<string, number>()
  readonly #fates = new Map<string, BatchFate>()

  constructor(answer: LineAnswerer) {
    this.#answer = answer
  }

  /** Answer a request under /v1/files or /v1/batches. */
  async serve(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    raw: Buffer,
  ): Promise<{ status: number; type: string; body: string }> {
    const json = (status: number, body: unknown) => ({ status, type: 'application/json', body: JSON.stringify(body) })
    const notFound = (what: string) =>
      json(404, { error: { message: `No such ${what}: '${path.split('/')[3]}'`, type: 'invalid_request_error', param: null, code: null } })
    const invalid = (message: string) => json(400, { error: { message, type: 'invalid_request_error', param: null, code: null } })
    if (method === 'POST' && path === '/v1/files') {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': String(headers['content-type'] ?? '') },
        body: new Uint8Array(raw),
      })
        .formData()
        .catch(() => undefined)
      const file = form?.get('file')
      const purpose = form?.get('purpose')
      if (!form || typeof file === 'string' || !file) return invalid("'file' is a required multipart field")
      if (purpose !== 'batch') return invalid(`'purpose' must be batch here, not ${JSON.stringify(purpose)}`)
      const stored = { id: newId('file'), filename: file.name, purpose, content: await file.text() }
      this.files.set(stored.id, stored)
      return json(200, {
        id: stored.id,
        object: 'file',
        bytes: Buffer.byteLength(stored.content),
        created_at: now(),
        filename: stored.filename,
        purpose,
        status: 'processed',
        expires_at: null,
        status_details: null,
      })
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path)
    if (method === 'GET' && content) {
      const file = this.files.get(content[1]!)
      return file ? { status: 200, type: 'application/octet-stream', body: file.content } : notFound('File')
    }
    if (method === 'POST' && path === '/v1/batches') {
      let body: { input_file_id?: unknown; endpoint?: unknown; completion_window?: unknown; metadata?: Record<string, string> }
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        return invalid('the body must be JSON')
      }
      const input = typeof body.input_file_id === 'string' ? this.files.get(body.input_file_id) : undefined
      if (!input) return invalid(`input_file_id: no such file ${JSON.stringify(body.input_file_id)}`)
      if (body.endpoint !== '/v1/responses' || body.completion_window !== '24h')
        return invalid("endpoint must be '/v1/responses' and completion_window '24h' here")
      const total = input.content.split('\n').filter((line) => line.trim()).length
      const batch: FakeBatch = {
        id: newId('batch'),
        object: 'batch',
        endpoint: body.endpoint,
        errors: null,
        input_file_id: input.id,
        completion_window: '24h',
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: now(),
        in_progress_at: null,
        expires_at: now() + 86_400,
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total, completed: 0, failed: 0 },
        metadata: body.metadata ?? null,
      }
      this.batches.set(batch.id, batch)
      this.#fates.set(batch.id, this.fate)
      return json(200, batch)
    }
    const one = /^\/v1\/batches\/([^/]+)$/.exec(path)
    if (method === 'GET' && one) {
      const batch = this.batches.get(one[1]!)
      if (!batch) return notFound('batch')
      await this.#advance(batch)
      return json(200, batch)
    }
    return json(404, {
      error: { message: `Unknown request URL: ${method} ${path}.`, type: 'invalid_request_error', param: null, code: 'unknown_url' },
    })
  }

  /** One step per poll, as the provider moves a batch along. */
  async #advance(batch: FakeBatch): Promise<void> {
    const fate = this.#fates.get(batch.id) ?? 'completed'
    if (batch.status === 'validating') {
      if (fate === 'failed') {
        batch.status = 'failed'
        batch.failed_at = now()
        batch.errors = {
          object: 'list',
          data: [
            {
              code: 'invalid_request',
              message: 'The web_search tool is not supported in a batch (fake server).',
              param: 'body.tools',
              line: 1,
            },
          ],
        }
        return
      }
      batch.status = 'in_progress'
      batch.in_progress_at = now()
      return
    }
    if (batch.status === 'in_progress') {
      const polls = (this.#polls.get(batch.id) ?? 0) + 1
      this.#polls.set(batch.id, polls)
      if (polls < this.pollsInProgress) return
      if (fate === 'expired' || fate === 'cancelled') {
        batch.status = fate
        batch[fate === 'expired' ? 'expired_at' : 'cancelled_at'] = now()
        return
      }
      await this.#run(batch)
      batch.status = 'finalizing'
      batch.finalizing_at = now()
      return
    }
    if (batch.status === 'finalizing') {
      batch.status = 'completed'
      batch.completed_at = now()
    }
  }

  /** Answer every line: answered ones go to the output file, failed ones (not 200) to the error file, in no set order. */
  async #run(batch: FakeBatch): Promise<void> {
    const input = this.files.get(batch.input_file_id)!
    const output: string[] = []
    const failed: string[] = []
    for (const raw of input.content.split('\n').filter((line) => line.trim())) {
      const line = JSON.parse(raw) as { custom_id: string; url: string; body: unknown }
      const answer = await this.#answer(line.body, batch.id)
      const text = JSON.stringify({
        id: newId('batch_req'),
        custom_id: line.custom_id,
        response: { status_code: answer.status, request_id: newId('req'), body: answer.body },
        error: null,
      })
      ;(answer.status === 200 ? output : failed).push(text)
    }
    // The provider keeps no order: the lines come back reversed.
    const file = (lines: string[]) => {
      if (lines.length === 0) return null
      const stored = {
        id: newId('file'),
        filename: `batch_${batch.id}_output.jsonl`,
        purpose: 'batch_output',
        content: `${lines.reverse().join('\n')}\n`,
      }
      this.files.set(stored.id, stored)
      return stored.id
    }
    batch.output_file_id = file(output)
    batch.error_file_id = file(failed)
    batch.request_counts = { total: output.length + failed.length, completed: output.length, failed: failed.length }
  }
}
