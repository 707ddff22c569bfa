// Every fault of the API or the model ends the same way: no false correction, a
// clear error on each claim it touched, a valid ledger that kept every batch that
// finished, and a rerun that completes.

import { checkPost } from '@vetted/checker'
import { readLedger } from '@vetted/core'
import { describe, expect, test } from 'vitest'
import { FAULTS, type Fault } from '../fake-openai/index.ts'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const fake = await useFakeOpenAI()

// One batch at a time, so "before the fault" is well defined.
const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 10, concurrency: 1, maxRetries: 1, timeoutMs: 400 })

const EXPECTED: Record<Fault, RegExp> = {
  'rate-limit': /429/,
  'server-error': /answered 500/,
  hang: /^http:\/\/127\.0\.0\.1:\d+ timed out: no complete answer within 400 ms/,
  trickle: /^http:\/\/127\.0\.0\.1:\d+ timed out: no complete answer within 400 ms/,
  huge: /^http:\/\/127\.0\.0\.1:\d+ sent an answer larger than 1048576 bytes \(maxResponseBytes\), not read further$/,
  echo: /^the API answered 401: Incorrect API key provided in "Authorization: Bearer \[redacted\]"/,
  'malformed-json': /answer is not valid JSON/,
  'malformed-body': /response is not valid JSON/,
  'schema-violation': /does not fit the schema/,
  incomplete: /incomplete \(max_output_tokens\)/,
  refusal: /refused/,
  'quote-not-in-post': /quote "the moon landing was staged in a studio" does not occur in the claim/,
  'javascript-url': /no usable source: only URLs that may not be published \("javascript:alert\(document.cookie\)": a javascript: URL\)/,
  'unsafe-urls':
    /no usable source: only URLs that may not be published \(.*user name or password.*; .*loopback address \(127\.0\.0\.1\).*; .*link-local address \(169\.254\.169\.254\).*; .*private address \(192\.168\.1\.1\).*; .*100,020 characters \(at most 2,048\)\)$/,
}
// These spoil one claim's correction; the others spoil the whole request.
const PER_CLAIM = new Set<Fault>(['quote-not-in-post', 'javascript-url', 'unsafe-urls'])

describe.each(FAULTS)('fault: %s', (fault) => {
  test('no false correction, a per-claim error, a valid ledger with the earlier batch, and a rerun that completes', async () => {
    // 30 claims in 3 batches; batch 2 meets the fault. Its first claim is true.
    const lines = sentences(30, { flat: [4, 25] })
    const source = postOf(lines, { date: '2024-05-01' })
    const { postPath, ledgerPath } = writePost(source)
    const claims = claimsIn(source, lines)
    const faulty = new Set(lines.slice(10, 20))
    fake.setHandler((request) =>
      request.kind === 'investigate' && request.claims.some((c) => faulty.has(c.text)) ? { fault, retryAfter: 0.05 } : undefined,
    )

    const result = await checkPost({ postPath, claims, config: config() })

    const hit = PER_CLAIM.has(fault) ? [lines[10]!] : lines.slice(10, 20)
    expect(result.errors.map((e) => e.text).sort()).toEqual([...hit].sort())
    for (const error of result.errors) expect(error.message).toMatch(EXPECTED[fault])
    const ledger = readLedger(ledgerPath, 'post.md')!
    for (const text of hit) {
      const record = Object.values(ledger.claims).find((c) => c.text === text)!
      expect(record.verdict).toBeUndefined()
      expect(record.error).toMatch(EXPECTED[fault])
    }
    // The claim the fault called incorrect got no correction; the true ones in batches 1 and 3 did.
    const corrected = Object.values(ledger.corrections).map((c) => ledger.claims[c.claim]!.text)
    expect(corrected.sort()).toEqual([lines[4], lines[25]].sort())
    // Batches 1 and 3 were judged and kept.
    for (const text of [...lines.slice(0, 10), ...lines.slice(20)]) {
      expect(Object.values(ledger.claims).find((c) => c.text === text)!.verdict).toBeDefined()
    }
    expect(result.judged).toBe(30 - hit.length)

    // The rerun sends only what failed and completes.
    fake.setHandler(undefined)
    fake.requests.length = 0
    const rerun = await checkPost({ postPath, claims, config: config() })
    expect(
      fake
        .investigations()
        .flatMap((r) => r.claims.map((c) => c.text))
        .sort(),
    ).toEqual([...hit].sort())
    expect(rerun).toMatchObject({ judged: hit.length, errors: [] })
    const after = readLedger(ledgerPath, 'post.md')!
    expect(Object.values(after.claims).every((c) => c.verdict && !c.error)).toBe(true)
  })
})

test('a 429 with retry-after is retried after the time it asks for, and the run completes without error', async () => {
  const lines = sentences(5)
  const source = postOf(lines)
  const { postPath } = writePost(source)
  let refused = 0
  fake.setHandler(() => (refused++ === 0 ? { fault: 'rate-limit', retryAfter: 1 } : undefined))
  const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  expect(result).toMatchObject({ judged: 5, errors: [] })
  expect(fake.requests).toHaveLength(2)
  expect(fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt).toBeGreaterThanOrEqual(1000)
  expect(result.usage.requests).toBe(2)
})

test.each(['server-error', 'refusal', 'schema-violation', 'incomplete'] as const)(
  'a validation that fails (%s) leaves the claim with an error and no correction',
  async (fault) => {
    const lines = sentences(4, { flat: [2] })
    const source = postOf(lines)
    const { postPath, ledgerPath } = writePost(source)
    fake.setHandler((request) => (request.kind === 'validate' ? { fault } : undefined))
    const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
    expect(result.errors).toEqual([
      { fingerprint: expect.any(String), text: lines[2], message: expect.stringMatching(/^validation failed: /) },
    ])
    const ledger = readLedger(ledgerPath, 'post.md')!
    expect(ledger.corrections).toEqual({})
    expect(Object.values(ledger.claims).filter((c) => c.verdict)).toHaveLength(3)
  },
)

test('a model that skips a listed claim or calls it incorrect without a correction leaves an error on that claim only', async () => {
  const lines = sentences(3)
  const source = postOf(lines)
  const { postPath } = writePost(source)
  fake.setHandler(() => ({
    answer: {
      judgements: [
        { id: 'C1', verdict: 'supported', correction: null },
        { id: 'C3', verdict: 'incorrect', correction: null },
      ],
    },
  }))
  const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  expect(result.judged).toBe(1)
  expect(result.errors.map((e) => [e.text, e.message])).toEqual([
    [lines[1], 'the model gave no verdict for this claim'],
    [lines[2], 'the model called the claim incorrect but gave no correction'],
  ])
})

test('an error on recheck keeps the earlier verdict beside the error', async () => {
  const lines = sentences(2)
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  const claims = claimsIn(source, lines)
  await checkPost({ postPath, claims, config: config() })
  fake.setHandler(() => ({ fault: 'refusal' }))
  await checkPost({ postPath, claims, recheck: true, config: config() })
  const record = readLedger(ledgerPath, 'post.md')!.claims[claims[0]!.fingerprint]!
  expect(record).toMatchObject({ verdict: 'supported', error: expect.stringMatching(/refused/) })
})
