// Prompt caching: a post's requests share their first part (tools, answer
// format, instructions, date, the post, under one fence token and one
// prompt_cache_key), the first goes alone so that the provider has that part
// cached, and the cached input tokens the API reports are shown. The real CLI
// against the fake server in its tokenizer-true mode, which counts o200k tokens
// and caches prefixes the way the provider documents (test/fake-openai/README.md).
// Real-shaped posts with planted errors: `pnpm bench cache`.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { project, vettedInProcess } from './support.ts'

const TOWNS = ['Ashford', 'Millbrook', 'Carlow', 'Denton', 'Elmstead', 'Fairley', 'Glenhurst', 'Harwick', 'Ivybridge', 'Jessop']

const ASIDES = [
  'I like to walk there on a summer evening.',
  'The light on the water is lovely then.',
  'We usually stop for tea.',
  'My grandmother loved it too.',
]

/** A post of ten paragraphs, each with four claims detection selects (long or short ones) and `asides` sentences it does not. */
function fortyClaimPost({ asides = 1, short = false } = {}): string {
  const paragraphs = TOWNS.map((town, p) =>
    [
      short
        ? `${town} had ${1200 + p * 130} residents in ${1820 + p * 7}.`
        : `In ${1820 + p * 7}, the town of ${town} had ${1200 + p * 130} residents, most of whom worked in the ${p % 2 ? 'wool' : 'grain'} trade along the river.`,
      short
        ? `Its bridge opened in ${1841 + p}.`
        : `The first bridge at ${town} was built of timber in ${1790 + p}, and the stone bridge that replaced it opened in ${1841 + p} after nine years of work.`,
      short
        ? `It had ${3 + p} mills in ${1850 + p}.`
        : `According to the county survey of ${1850 + p}, ${town} had ${3 + p} mills, ${2 + (p % 3)} chapels and a market held every ${p % 2 ? 'Tuesday' : 'Saturday'}.`,
      short
        ? `The railway came in ${1862 + p}.`
        : `The railway reached ${town} in ${1862 + p}, and within ${10 + p} years its population had doubled to ${2400 + p * 260}.`,
      ...Array.from({ length: asides }, (_, i) => ASIDES[i % ASIDES.length]!),
    ].join(' '),
  )
  return `---\ntitle: Towns of the plain\ndate: 2026-03-01\n---\n\n# Towns of the plain\n\n${paragraphs.join('\n\n')}\n`
}

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
let online: Record<string, string>
beforeAll(async () => {
  fake = await startFakeOpenAI({ latencyMs: 20, tokenizer: 'o200k' })
  online = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
})
afterAll(() => fake.close())

const shareOf = (usage: { inputTokens: number; cachedInputTokens?: number }) => (usage.cachedInputTokens ?? 0) / usage.inputTokens

it("a 40-claim post's first check: every request after the first reads the post from the cache, 70% or more of its input tokens, and the reports show them", async () => {
  const cwd = project({ 'content/towns.md': fortyClaimPost() })
  const before = fake.requests.length
  const run = await vettedInProcess(['check', '--format', 'json'], { cwd, env: online })
  expect(run.code).toBe(0)
  const sent = fake.requests.slice(before)
  const investigations = sent.filter((request) => request.kind === 'investigate')
  expect(investigations.flatMap((request) => request.claims)).toHaveLength(40)
  expect(investigations).toHaveLength(10)
  // The first (the screening) goes alone: the others leave only once it has been answered.
  const [first, ...rest] = sent
  expect(first!.kind).toBe('screen')
  for (const request of rest) expect(request.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt + 20)
  // One fence token and one cache key for the post: the requests differ only after the post.
  expect(new Set(sent.map((request) => request.token)).size).toBe(1)
  expect(new Set(sent.map((request) => request.body.prompt_cache_key)).size).toBe(1)
  for (const request of rest) expect(request.usage!.cachedTokens).toBeGreaterThan(0)

  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.requests).toBe(1 + 10) // the screening of the ten other sentences, and the investigations
  const report = JSON.parse(run.stdout)
  expect(report.files[0].usage).toEqual({
    requests: usage.requests,
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    searches: usage.searches,
  })
  // See docs/design.md, "Coverage and cost", and `pnpm bench cache` for real-shaped posts.
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.7)
  const text = await vettedInProcess(['check', '--recheck'], { cwd, env: online })
  expect(text.stderr).toMatch(
    /content\/towns\.md: .*40 claims.*; 10 requests, [\d,]+ tokens \([\d,]+ input, [\d,]+ of them cached, [\d,]+ output\)/,
  )
})

it('the screening starts as the investigations do (the search tool listed, not used), so it warms them: with batches of ten, two thirds is cached', async () => {
  // Another post than the first test's: the cache key is the post's own, so that one's prefix is no help here.
  const cwd = project({
    'content/towns.md': fortyClaimPost().replace(/Towns of the plain/g, 'Towns of the valley'),
    'vetted.config.json': JSON.stringify({ batchSize: 10 }),
  })
  const before = fake.requests.length
  const run = await vettedInProcess(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  const [screening, ...investigations] = fake.requests.slice(before)
  expect(screening!.kind).toBe('screen')
  expect(screening!.body).toMatchObject({ tools: [{ type: 'web_search' }], tool_choice: 'none' })
  expect(screening!.body.text.format).toEqual(investigations[0]!.body.text.format)
  expect(investigations.map((request) => request.usage!.cachedTokens)).toEqual(investigations.map(() => expect.any(Number)))
  for (const request of investigations) expect(request.usage!.cachedTokens).toBeGreaterThanOrEqual(1024)
  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.requests).toBe(1 + 4)
  // Measured: 0.69 (it was 0.53 when the screening had no tools and its own schema): only the screening is not cached.
  expect(shareOf(usage)).toBeGreaterThan(0.65)
})

it.each([
  { asides: 0, short: false },
  { asides: 3, short: false },
  { asides: 0, short: true },
  { asides: 3, short: true },
])('40 claims with $asides other sentences a paragraph (short claims: $short): 70% or more of the first check is cached', async (shape) => {
  const cwd = project({ 'content/towns.md': fortyClaimPost(shape) })
  const run = await vettedInProcess(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  const usage = JSON.parse(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').split('\n')[0]!)
  expect(usage.claims).toBe(40) // the asides are screened and found not check-worthy
  expect(shareOf(usage)).toBeGreaterThanOrEqual(0.7)
})
