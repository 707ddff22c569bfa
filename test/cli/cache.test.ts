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

const ASIDES = ['I like to walk there on a summer evening.', 'The light on the water is lovely then.', 'We usually stop for tea.', 'My grandmother loved it too.']

/** A post of ten paragraphs, each with four claims detection selects (long or short ones) and `asides` sentences it does not. */
function fortyClaimPost({ asides = 1, short = false } = {}): string {
  const paragraphs = TOWNS.map((town, p) => [
    short ? `${town} had ${1200 + p * 130} residents in ${1820 + p * 7}.` : `In ${1820 + p * 7}, the town of ${town} had ${1200 + p * 130} residents, most of whom worked in the ${p % 2 ? 'wool' : 'grain'} trade along the river.`,
    short ? `Its bridge opened in ${1841 + p}.` : `The first bridge at ${town} was built of timber in ${1790 + p}, and the stone bridge that replaced it opened in ${1841 + p} after nine years of work.`,
    short ? `It had ${3 + p} mills in ${1850 + p}.` : `According to the county survey of ${1850 + p}, ${town} had ${3 + p} mills, ${2 + (p % 3)} chapels and a market held every ${p % 2 ? 'Tuesday' : 'Saturday'}.`,
    short ? `The railway came in ${1862 + p}.` : `The railway reached ${town} in ${1862 + p}, and within ${10 + p} years its population had doubled to ${2400 + p * 260}.`,
    ...Array.from({ length: asides }, (_, i) => ASIDES[i % ASIDES.length]!),
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

it("a 40-claim post's first check: every request after the first reads the post from the cache, 70% or more of its input tokens, and the reports show them", async () => {
  const cwd = project({ 'content/towns.md': fortyClaimPost() })
  const before = fake.requests.length
  const run = await vetted(['check', '--format', 'json'], { cwd, env: online })
  expect(run.code).toBe(0)
  const sent = fake.requests.slice(before)
  const investigations = sent.filter((request) => request.kind === 'investigate')
  expect(investigations.flatMap((request) => request.claims)).toHaveLength(40)
  expect(investigations).toHaveLength(10)
  // The first goes alone: the others leave only once it has been answered.
  const [first, ...rest] = investigations
  for (const request of rest) expect(request.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + 20)
  // One fence token for the post: the requests differ only after the post, in their claims.
  expect(new Set(investigations.map((request) => request.token)).size).toBe(1)

  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.requests).toBe(1 + 10) // the screening of the ten other sentences, and the investigations
  const report = JSON.parse(run.stdout)
  expect(report.files[0].usage).toEqual({ requests: usage.requests, inputTokens: usage.inputTokens, cachedInputTokens: usage.cachedInputTokens, outputTokens: usage.outputTokens, searches: usage.searches })
  // Measured: 0.71 (13,440 of 18,866); see docs/design.md, "Coverage and cost".
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.7)
  const text = await vetted(['check', '--recheck'], { cwd, env: online })
  expect(text.stderr).toMatch(/content\/towns\.md: .*40 claims.*; 10 requests, [\d,]+ tokens \([\d,]+ input, [\d,]+ of them cached, [\d,]+ output\)/)
})

it('a screening shares no cached prefix with the investigations (another schema, no tools): with batches of ten, about half is cached', async () => {
  // Another post than the first test's: the fence token is the post's own, so that one's prefix is cached already.
  const cwd = project({ 'content/towns.md': fortyClaimPost().replace(/Towns of the plain/g, 'Towns of the valley'), 'vetted.config.json': JSON.stringify({ batchSize: 10 }) })
  const before = fake.requests.length
  const run = await vetted(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  const screening = fake.requests.slice(before).find((request) => request.kind === 'screen')!
  expect(screening.body).not.toHaveProperty('tools')
  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.requests).toBe(1 + 4)
  // Measured: 0.53 (5,760 of 10,949): three of the four investigations read the post from the cache.
  expect(shareOf(usage)).toBeGreaterThan(0.45)
  expect(shareOf(usage)).toBeLessThan(0.6)
})

it.each([
  { asides: 0, short: false },
  { asides: 3, short: false },
  { asides: 0, short: true },
  { asides: 3, short: true },
])('40 claims with $asides other sentences a paragraph (short claims: $short): 70% or more of the first check is cached', async (shape) => {
  const cwd = project({ 'content/towns.md': fortyClaimPost(shape) })
  const run = await vetted(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.claims).toBe(40) // the asides are screened and found not check-worthy
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.7)
})
