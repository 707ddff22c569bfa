// The fence token of a post's requests is the same in every run while the post is
// unchanged (so a single request after a run shares the cached prefix with it),
// and another for an edited post: it is derived from the post's text and the
// prompt version, not drawn at random per run.

import { writeFileSync } from 'node:fs'
import { checkPost } from '@vetted/checker'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { API_KEY, claimsIn, postOf, sentences, writePost } from './support.ts'

// Long enough (about 1,500 tokens) for the provider to cache its first part; four claims, one request.
const lines = sentences(4)
const source = postOf([...lines, ...sentences(60, { prefix: 'Village' }).map((line) => line.replace(/^In \d+, /, 'Long ago, '))], {
  date: '2026-03-01',
})

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())

/** The fence tokens of the investigate requests one check of the post sends, and the input tokens it had cached. */
async function oneRun(postPath: string, text: string): Promise<{ tokens: Set<string>; cached: number }> {
  const sent = fake.requests.length
  const result = await checkPost({
    postPath,
    claims: claimsIn(text, lines),
    recheck: true,
    config: { apiKey: API_KEY, baseURL: fake.baseURL },
  })
  const investigations = fake.investigations().filter((request) => fake.requests.indexOf(request) >= sent)
  expect(investigations.length).toBeGreaterThan(0)
  return { tokens: new Set(investigations.map((request) => request.token!)), cached: result.usage.cachedInputTokens ?? 0 }
}

test('two checks of an unchanged post fence their requests with the same token; an edit gives another', async () => {
  const { postPath } = writePost(source)
  const { tokens: first } = await oneRun(postPath, source)
  const { tokens: second, cached } = await oneRun(postPath, source)
  expect(first.size).toBe(1)
  expect(second).toEqual(first)
  // The second run's requests find the first run's prefix (instructions, date, fenced post) cached.
  expect(cached).toBeGreaterThan(0)

  const edited = source.replace('Village 60', 'Village 61')
  expect(edited).not.toBe(source)
  writeFileSync(postPath, edited)
  const { tokens: third } = await oneRun(postPath, edited)
  expect(third.size).toBe(1)
  expect([...third][0]).not.toBe([...first][0])
  expect([...third][0]).toMatch(/^[0-9a-f]{32}$/)
})
