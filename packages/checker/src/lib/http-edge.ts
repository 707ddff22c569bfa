// The HTTP edge: the fetch the SDK is given, so every try passes it (retries
// included). It counts the try, reads the answer whole with a limit on its size,
// takes the configured secrets out of it, and has the meter read what it cost.
// Its deadline is the SDK's `timeout`: the SDK's timer runs until this fetch
// returns, and it returns only once the body is in memory, so the deadline
// covers headers and body together and a trickling answer ends too.

import { redactSecrets } from './redact.ts'
import type { UsageMeter } from './usage.ts'

/** The answer is larger than `maxResponseBytes`: it was not read further. */
export class ResponseTooLarge extends Error {
  readonly limit: number
  constructor(limit: number) {
    super(`an answer larger than ${limit} bytes (maxResponseBytes), not read further`)
    this.name = 'ResponseTooLarge'
    this.limit = limit
  }
}

export interface EdgeLimits {
  maxResponseBytes: number
  /** Taken out of every answer: nothing downstream (an error, a correction, a ledger) can then repeat them. */
  secrets: readonly string[]
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])

/**
 * A fetch over `inner` that counts each try in `meter`, reads each answer whole
 * within `maxResponseBytes` (else throws `ResponseTooLarge`), redacts it, and
 * has `meter` count the tokens and searches of every answer that succeeded,
 * including answers that later fail the schema: they were paid for.
 */
export function edgeFetch(inner: typeof fetch, meter: UsageMeter, limits: EdgeLimits): typeof fetch {
  return async (input, init) => {
    meter.requests++
    const response = await inner(input, init)
    const body = redactSecrets((await readBounded(response, limits.maxResponseBytes)).toString('utf8'), limits.secrets)
    if (response.ok) meter.countAnswer(body)
    return new Response(NULL_BODY_STATUS.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}

/** The body, whole, or `ResponseTooLarge` as soon as it passes `limit` bytes (the rest is never read). */
async function readBounded(response: Response, limit: number): Promise<Buffer<ArrayBuffer>> {
  if (!response.body) return Buffer.alloc(0)
  const declared = Number(response.headers.get('content-length'))
  if (declared > limit) {
    await response.body.cancel().catch(() => {})
    throw new ResponseTooLarge(limit)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) throw new ResponseTooLarge(limit) // leaving the loop cancels the stream
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
  }
  return Buffer.concat(chunks)
}
