// The checker against an endpoint that keeps failing, echoes secrets, or serves
// from its prompt cache: checkPost with the real SDK and the fake server.

import { readFileSync } from 'node:fs'
import { checkPost } from '@vetted/checker'
import { readLedger } from '@vetted/core'
import { expect, test } from 'vitest'
import { cachedTokens, investigationAnswer } from '../fake-openai/index.ts'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const fake = await useFakeOpenAI()

const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 10, concurrency: 4, maxRetries: 2, timeoutMs: 500 })

function post(count: number) {
  const lines = sentences(count)
  const source = postOf(lines)
  return { lines, ...writePost(source), claims: claimsIn(source, lines) }
}

test('with four requests in flight and all of them hung, the breaker opens after that round: no retry, the other batches wait for the next run', async () => {
  const { postPath, ledgerPath, claims } = post(60)
  fake.setHandler(() => ({ fault: 'hang' }))
  const result = await checkPost({ postPath, claims, config: config() })
  // The first batch goes alone (the others wait for its first try: prompt caching); when it
  // times out, its retry and three more batches are the four in flight that hang.
  expect(fake.requests).toHaveLength(1 + 4)
  expect(result.errors).toHaveLength(40)
  expect(result.deferred).toBe(20)
  expect(result.stopped).toBe(
    `stopped sending after 4 failed requests in a row to ${new URL(fake.baseURL).origin} (maxConsecutiveFailures); the last: ${new URL(fake.baseURL).origin} timed out: no complete answer within 500 ms (timeoutMs)`,
  )
  // What was done is kept: 40 errors in the ledger, the 20 unsent claims absent.
  expect(Object.keys(readLedger(ledgerPath, 'post.md')!.claims)).toHaveLength(40)
})

test('failures with successes between them never open the breaker', async () => {
  const { postPath, claims } = post(30)
  let n = 0
  fake.setHandler(() => (n++ % 2 === 0 ? { fault: 'server-error' } : undefined))
  const result = await checkPost({ postPath, claims, config: { ...config(), concurrency: 1, maxConsecutiveFailures: 2 } })
  expect(result.stopped).toBeUndefined()
  expect(result).toMatchObject({ judged: 30, errors: [], deferred: 0 })
  expect(fake.requests).toHaveLength(6) // every batch failed once, then passed
})

test('a 500 that repeats the key, a Bearer token or an sk- key is stored and returned redacted', async () => {
  const { postPath, ledgerPath, claims } = post(2)
  const other = 'sk-live-0123456789abcdefABCDEF'
  fake.setHandler(() => ({
    status: 500,
    body: {
      error: {
        message: `upstream said: key ${API_KEY}, header Authorization: Bearer tok_9f8e7d6c5b4a, and ${other}`,
        type: 'server_error',
      },
    },
    headers: { 'x-should-retry': 'false' },
  }))
  const result = await checkPost({ postPath, claims, config: config() })
  expect(fake.requests).toHaveLength(1) // x-should-retry: false is honoured
  expect(result.errors[0]!.message).toBe(
    'the API answered 500: upstream said: key [redacted], header Authorization: Bearer [redacted], and sk-[redacted]',
  )
  const stored = JSON.stringify(readLedger(ledgerPath, 'post.md'))
  for (const secret of [API_KEY, 'tok_9f8e7d6c5b4a', other]) expect(stored).not.toContain(secret)
})

test('cached input tokens are read from every response and recorded in the result and the ledger', async () => {
  // A post long enough that its requests share more than 1,024 tokens before the claims.
  const lines = sentences(300)
  const source = postOf(lines)
  const { postPath } = writePost(source)
  const claims = claimsIn(source, lines).slice(0, 30)
  const result = await checkPost({ postPath, claims, config: { ...config(), concurrency: 1 } })
  expect(fake.requests).toHaveLength(3)
  // What the server reported, request by request: the prefix each shares with those before it.
  const prompts = fake.requests.map((request) => request.instructions + request.input)
  const reported = prompts.map((prompt, i) => cachedTokens(prompt, prompts.slice(0, i)))
  expect(reported[0]).toBe(0)
  for (const tokens of reported.slice(1)) expect(tokens).toBeGreaterThanOrEqual(1024)
  expect(result.usage.cachedInputTokens).toBe(reported[1]! + reported[2]!)
  expect(result.usage.cachedInputTokens).toBeLessThan(result.usage.inputTokens)
})

test('a model answer that repeats the configured key (a server echoing its input) keeps the key out of the correction and the ledger', async () => {
  const lines = sentences(3, { flat: [1] })
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  fake.setHandler((request) => {
    if (request.kind !== 'investigate') return undefined
    const answer = investigationAnswer(request.claims)
    for (const judgement of answer.judgements) {
      if (judgement.correction) judgement.correction.summary += ` (debug: ${request.headers.authorization})`
    }
    return { answer }
  })
  const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  expect(result.approved).toBe(1)
  const stored = readFileSync(ledgerPath, 'utf8')
  expect(stored).not.toContain(API_KEY)
  expect(stored).toContain('(debug: Bearer [redacted])')
})

// The test's timeout, far under the 30 s, is what fails a run that sits it out.
test('a run told to stop sending (the first Ctrl-C) does not sit out a retry-after of 30 s', { timeout: 10_000 }, async () => {
  const { postPath, claims } = post(3)
  fake.setHandler(() => ({ fault: 'rate-limit', retryAfter: 30 }))
  const stopSending = new AbortController()
  const running = checkPost({ postPath, claims, config: config(), stopSending: stopSending.signal })
  await new Promise((resolve) => setTimeout(resolve, 500))
  stopSending.abort()
  const result = await running
  expect(fake.requests).toHaveLength(1)
  expect(result.errors.map((error) => error.message)).toEqual(Array(3).fill(expect.stringMatching(/429/)))
})
