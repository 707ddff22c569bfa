// Prompt caching: a post's requests share their first part (instructions, date,
// the post, under one fence token), the first goes alone so that the provider has
// that part cached, and the cached input tokens the API reports are shown. The
// real CLI against the fake server, which reports cached_tokens for a repeated
// prefix the way the API does (test/fake-openai/README.md).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { project, vetted } from './support.ts'

const TOWNS = ['Ashford', 'Millbrook', 'Carlow', 'Denton', 'Elmstead', 'Fairley', 'Glenhurst', 'Harwick', 'Ivybridge', 'Jessop']

/** A post of ten paragraphs, each with four claims detection selects and one sentence it does not. */
function fortyClaimPost(): string {
  const paragraphs = TOWNS.map((town, p) => [
    `In ${1820 + p * 7}, the town of ${town} had ${1200 + p * 130} residents, most of whom worked in the ${p % 2 ? 'wool' : 'grain'} trade along the river.`,
    `The first bridge at ${town} was built of timber in ${1790 + p}, and the stone bridge that replaced it opened in ${1841 + p} after nine years of work.`,
    `According to the county survey of ${1850 + p}, ${town} had ${3 + p} mills, ${2 + (p % 3)} chapels and a market held every ${p % 2 ? 'Tuesday' : 'Saturday'}.`,
    `The railway reached ${town} in ${1862 + p}, and within ${10 + p} years its population had doubled to ${2400 + p * 260}.`,
    'I like to walk there on a summer evening.',
  ].join(' '))
  return `---\ntitle: Towns of the plain\ndate: 2026-03-01\n---\n\n# Towns of the plain\n\n${paragraphs.join('\n\n')}\n`
}

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
let online: Record<string, string>
beforeAll(async () => {
  fake = await startFakeOpenAI({ latencyMs: 20 })
  online = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
})
afterAll(() => fake.close())

const shareOf = (usage: { inputTokens: number; cachedInputTokens?: number }) => (usage.cachedInputTokens ?? 0) / usage.inputTokens

it("a 40-claim post's first check: every request after the first reads the post from the cache, and the reports show the cached tokens", async () => {
  const cwd = project({ 'content/towns.md': fortyClaimPost() })
  const before = fake.requests.length
  const run = await vetted(['check', '--format', 'json'], { cwd, env: online })
  expect(run.code).toBe(0)
  const investigations = fake.requests.slice(before).filter((request) => request.kind === 'investigate')
  expect(investigations.flatMap((request) => request.claims)).toHaveLength(40)
  expect(investigations).toHaveLength(4)
  // The first goes alone: the others leave only once it has been answered.
  const [first, ...rest] = investigations
  for (const request of rest) expect(request.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + 20)
  // One fence token for the post: the requests differ only after the post, in their claims.
  expect(new Set(investigations.map((request) => request.token)).size).toBe(1)

  const usage = JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8')).usage[0]
  const report = JSON.parse(run.stdout)
  expect(report.files[0].usage).toEqual({ requests: usage.requests, inputTokens: usage.inputTokens, cachedInputTokens: usage.cachedInputTokens, outputTokens: usage.outputTokens, searches: usage.searches })
  // Measured: 0.53 with the default batch size of 10 (four investigate requests, the first of
  // which cannot be cached, and one screening request of its own); see docs/design.md.
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.5)
  const text = await vetted(['check', '--recheck'], { cwd, env: online })
  expect(text.stderr).toMatch(/content\/towns\.md: .*40 claims.*; 4 requests, [\d,]+ tokens \([\d,]+ input, [\d,]+ of them cached, [\d,]+ output\)/)
})

it('with five claims a request, 70% or more of the first check\'s input tokens are read from the cache', async () => {
  const cwd = project({ 'content/towns.md': fortyClaimPost(), 'vetted.config.json': JSON.stringify({ batchSize: 5 }) })
  const run = await vetted(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  const usage = JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8')).usage[0]
  expect(usage.requests).toBe(1 + 8)
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.7)
})
