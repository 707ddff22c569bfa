// Retries as a user meets them: the SDK retries a failed request up to
// maxRetries times, and vetted ends the tries early when the run is stopped.
// (network.test.ts and faults.test.ts pin the breaker, retry-after and the first Ctrl-C.)

import { checkPost } from '@vetted/checker'
import { expect, test } from 'vitest'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const fake = await useFakeOpenAI()

const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 10, concurrency: 1, timeoutMs: 2000 })

function post(count: number) {
  const lines = sentences(count)
  const source = postOf(lines)
  return { ...writePost(source), claims: claimsIn(source, lines) }
}

test('a request that fails twice with 500 and then answers is judged, every try counted; one more failure is an error', async () => {
  const { postPath, claims } = post(3)
  let failures = 2
  fake.setHandler(() => (failures-- > 0 ? { fault: 'server-error' } : undefined))
  const result = await checkPost({ postPath, claims, config: { ...config(), maxRetries: 2 } })
  expect(result).toMatchObject({ judged: 3, errors: [] })
  expect(fake.requests).toHaveLength(3)
  expect(result.usage.requests).toBe(3)

  fake.requests.length = 0
  failures = 3
  const again = await checkPost({ postPath, claims, recheck: true, config: { ...config(), maxRetries: 2 } })
  expect(fake.requests).toHaveLength(3)
  expect(again.errors.map((error) => error.message)).toEqual(Array(3).fill(expect.stringMatching(/^the API answered 500: /)))
})

test('maxRetries 0 sends each request once', async () => {
  const { postPath, claims } = post(3)
  fake.setHandler(() => ({ fault: 'server-error' }))
  const result = await checkPost({ postPath, claims, config: { ...config(), maxRetries: 0 } })
  expect(fake.requests).toHaveLength(1)
  expect(result.errors).toHaveLength(3)
})

test('a run aborted (the second Ctrl-C) while it waits out a retry-after of 30 s ends at once; its claims wait for the next run', async () => {
  const { postPath, claims } = post(3)
  fake.setHandler(() => ({ fault: 'rate-limit', retryAfter: 30 }))
  const abort = new AbortController()
  const running = checkPost({ postPath, claims, config: { ...config(), maxRetries: 2 }, signal: abort.signal })
  while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
  const abortedAt = Date.now()
  abort.abort()
  const result = await running
  expect(Date.now() - abortedAt).toBeLessThan(5000) // not the 30 s asked for
  expect(fake.requests).toHaveLength(1)
  expect(result).toMatchObject({ judged: 0, errors: [], deferred: 3 })
})
