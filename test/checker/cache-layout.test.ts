// The request layout the provider can cache: every request of a post (screening,
// investigations, validations) starts alike up to the end of the post, and the
// post's first request to a model goes alone so that the others read that part
// from the cache. Against the fake server counting o200k tokens and caching as
// the provider documents (test/fake-openai/tokens.ts).

import { readLedger } from '@vetted/core'
import { checkPost } from '@vetted/checker'
import { expect, test } from 'vitest'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const LATENCY = 40
const fake = await useFakeOpenAI({ tokenizer: 'o200k', latencyMs: LATENCY })
const config = (extra: object = {}) => ({ apiKey: API_KEY, baseURL: fake.baseURL, ...extra })

const ASIDES = ['I like to walk there on a summer evening.', 'We usually stop for tea.']

test("a post's first check: the screening goes first and alone, and every later request (investigations, validations) reads its first part from the cache", async () => {
  const lines = sentences(8, { flat: [1, 5] })
  const source = postOf([...lines, ...ASIDES], { date: '2024-05-01' })
  const { postPath } = writePost(source)
  const result = await checkPost({ postPath, claims: claimsIn(source, lines), sentences: claimsIn(source, ASIDES), config: config() })
  expect(result).toMatchObject({ judged: 8, approved: 2, errors: [] })
  const [first, ...rest] = fake.requests
  expect(first!.kind).toBe('screen')
  expect(rest.map((request) => request.kind).sort()).toEqual(['investigate', 'investigate', 'validate', 'validate'])
  for (const request of rest) {
    expect(request.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + LATENCY)
    // At least the tools, the format, the instructions and the date: the whole post is shorter than a step of 128 tokens here.
    expect(request.usage!.cachedTokens).toBeGreaterThanOrEqual(1024)
  }
  expect(first!.usage!.cachedTokens).toBe(0)
  expect(new Set(fake.requests.map((request) => request.body.prompt_cache_key)).size).toBe(1)
  expect(result.usage.cachedInputTokens).toBe(rest.reduce((sum, request) => sum + request.usage!.cachedTokens, 0))
})

test('validations held back by the budget go out in the next run one first, then the others once it is answered, reading the post from the cache', async () => {
  const lines = sentences(3, { flat: [0, 1, 2] })
  const source = postOf(lines, { date: '2024-05-01' })
  const { postPath, ledgerPath } = writePost(source)
  const claims = claimsIn(source, lines)
  await checkPost({ postPath, claims, config: config({ budget: { requests: 1 } }) })
  expect(Object.values(readLedger(ledgerPath, 'post.md')!.claims).filter((record) => record.awaitingValidation)).toHaveLength(3)
  fake.requests.length = 0
  const result = await checkPost({ postPath, claims, config: config() })
  expect(result).toMatchObject({ approved: 3, errors: [] })
  const [first, ...rest] = fake.requests
  expect(fake.requests.map((request) => request.kind)).toEqual(['validate', 'validate', 'validate'])
  for (const request of rest) {
    expect(request.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + LATENCY)
    expect(request.usage!.cachedTokens).toBeGreaterThanOrEqual(1024)
  }
})

test('with a screen model of its own, the screening warms nothing for the checker model: its first investigation goes alone too', async () => {
  const lines = sentences(8)
  const source = postOf([...lines, ...ASIDES], { date: '2024-05-01' })
  const { postPath } = writePost(source)
  await checkPost({
    postPath,
    claims: claimsIn(source, lines),
    sentences: claimsIn(source, ASIDES),
    config: config({ screenModel: 'gpt-5-nano' }),
  })
  const [screening, first, second] = fake.requests
  expect(screening!.body.model).toBe('gpt-5-nano')
  expect([first!.kind, second!.kind]).toEqual(['investigate', 'investigate'])
  expect(first!.usage!.cachedTokens).toBe(0)
  expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + LATENCY)
  expect(second!.usage!.cachedTokens).toBeGreaterThanOrEqual(1024)
})
