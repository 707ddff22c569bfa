// `vetted check --dry-run`: what a real run would send, with no network and no
// writes, and an estimate of its requests and input tokens that the real run
// bears out. The real CLI; the fake server stands in for the API and counts
// tokens as it does (o200k_base over tools, answer format, instructions and input).

import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DryRunSchema } from '@vetted/cli'
import { emptyLedger, fingerprint, serializeLedger } from '@vetted/core'
import { detectClaims, parseMarkdown, sentencesOf } from '@vetted/post'
import { expect, it } from 'vitest'
import { DEFAULT_CORRECTION_RATE } from '../../packages/cli/src/lib/dry-run.ts'
import { benchPosts, plantedErrorsModel } from '../bench/cache-posts.ts'
import { checksums } from '../support/files.ts'
import { manualCorrection } from '../support/ledgers.ts'
import { project, useFakeOpenAI, vetted } from './support.ts'

const CONTENT = new URL('../../content/', import.meta.url)
const POSTS = readdirSync(CONTENT).filter((name) => name.endsWith('.md') && name !== 'README.md')

const { fake, online } = await useFakeOpenAI({ tokenizer: 'o200k' })

it('on the sample content without its ledgers: nothing sent or written, and the requests and input tokens of the real run estimated within 15%', async () => {
  const cwd = project({})
  for (const name of POSTS) copyFileSync(new URL(name, CONTENT), join(cwd, name))
  const before = checksums(cwd)
  const dry = await vetted(['check', '--dry-run', '--format', 'json', '.'], { cwd, env: online })
  expect(dry.stderr).toBe('')
  expect(dry.code).toBe(0)
  expect(fake.requests).toHaveLength(0)
  expect(checksums(cwd)).toEqual(before)
  const plan = DryRunSchema.parse(JSON.parse(dry.stdout))
  expect(plan.posts).toHaveLength(POSTS.length)
  // What it lists is what the gate counts as unchecked.
  const gate = JSON.parse((await vetted(['check', '--ci', '--format', 'json', '.'], { cwd })).stdout)
  const listed = plan.posts.reduce(
    (sum: number, post: { claims: unknown[]; sentences: unknown[] }) => sum + post.claims.length + post.sentences.length,
    0,
  )
  expect(listed).toBe(gate.summary.unchecked)

  const real = await vetted(['check', '.'], { cwd, env: online })
  expect(real.code).toBe(0)
  const usage = readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const inputTokens = usage.reduce((sum, record) => sum + record.inputTokens, 0)
  expect(inputTokens).toBeGreaterThan(10_000)
  expect(Math.abs(plan.total.inputTokens - inputTokens) / inputTokens).toBeLessThanOrEqual(0.15)
  // Same requests, kind by kind (the screen finds nothing check-worthy here and nothing is corrected, so nothing is added).
  const kinds = (kind: string) =>
    plan.posts
      .flatMap((post: { requests: Array<{ kind: string; requests: number }> }) => post.requests)
      .filter((group: { kind: string }) => group.kind === kind)
      .reduce((sum: number, group: { requests: number }) => sum + group.requests, 0)
  expect(kinds('investigate')).toBe(fake.investigations().length)
  expect(kinds('screen')).toBe(fake.screenings().length)
  expect(plan.total.requests).toBe(fake.requests.length)
  // Checked: a dry run now plans nothing.
  const after = DryRunSchema.parse(JSON.parse((await vetted(['check', '--dry-run', '--format', 'json', '.'], { cwd, env: online })).stdout))
  expect(after.total).toMatchObject({ requests: 0, inputTokens: 0 })
})

it('the text lists each claim with its links and each sentence to screen, the requests, the tokens and the cost from the price table', async () => {
  const cwd = project({
    'content/towns.md': `# Towns\n\nIn 1850, according to the [census](https://census.example.gov/1850), Millbrook had 1,200 residents.\n\nIt was a lovely day.\n`,
    'vetted.config.json': JSON.stringify({
      model: 'gpt-5-mini',
      prices: { 'gpt-5-mini': { date: '2026-11-30', input: 2, cachedInput: 0.2, output: 8, searches: 10 } },
    }),
  })
  const dry = await vetted(['check', '--dry-run'], { cwd })
  expect(dry.code).toBe(0)
  expect(dry.stdout).toMatch(
    /content\/towns\.md:3:1 {2}claim {3}In 1850, according to the census, Millbrook had 1,200 residents\. \[links: https:\/\/census\.example\.gov\/1850\]/,
  )
  expect(dry.stdout).toMatch(/content\/towns\.md:5:1 {2}screen {2}It was a lovely day\./)
  expect(dry.stdout).toMatch(/1 screening request \(gpt-5-mini\), 1 investigate request \(gpt-5-mini\)/)
  expect(dry.stdout).toMatch(/2 requests, about [\d,]+ input tokens/)
  const plan = DryRunSchema.parse(JSON.parse((await vetted(['check', '--dry-run', '--format', 'json'], { cwd })).stdout))
  const { inputTokens, cachedInputTokens, searches } = plan.total.expected
  // The screening goes first; the investigation reads what they both start with (tools, format, instructions, post) from the cache.
  expect(cachedInputTokens).toBeGreaterThanOrEqual(1024)
  expect(searches).toBe(1)
  // $2 per million input tokens, $0.2 per million cached ones, and $10 per thousand searches.
  const dollars = ((inputTokens - cachedInputTokens) * 2 + cachedInputTokens * 0.2) / 1e6 + 10 / 1e3
  expect(dry.stdout).toContain(
    `Estimated cost: $${dollars.toFixed(4)} for the expected input tokens (cached ones at the cached price) and 1 web search, one an investigate request (gpt-5-mini as listed on 2026-11-30)`,
  )
})

it("expects as many validations as the ledgers' history says: the share of judged claims that got a correction", async () => {
  const lines = [
    'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.',
    'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.',
    'In 1852, the railway reached Millbrook and its population doubled within 10 years.',
    'In 1853, the town council of Millbrook met for the first time in the new hall.',
  ]
  const cwd = project({ 'content/towns.md': `# Towns\n\n${lines.join('\n\n')}\n` })
  // Two claims judged, one of them corrected: half; the two left to judge should bring one validation.
  const ledger = emptyLedger('towns.md')
  for (const text of lines.slice(0, 2))
    ledger.claims[fingerprint(text)] = {
      text,
      verdict: text.includes('flat') ? 'incorrect' : 'supported',
      checker: 'manual',
      checkedAt: '2026-12-01',
    }
  const correction = manualCorrection({
    post: 'content/towns.md',
    claim: fingerprint(lines[1]!),
    quote: 'perfectly flat',
    status: 'dismiss',
    date: '2026-12-01',
    summary: 'Ashford lies on a slope.',
    note: 'Flat by local convention.',
    history: [{ date: '2026-12-01', status: 'dismiss', note: 'Flat by local convention.' }],
  })
  ledger.corrections[correction.id] = correction
  writeFileSync(join(cwd, 'content/towns.vetted.json'), serializeLedger(ledger))
  const dry = await vetted(['check', '--dry-run', '--format', 'json'], { cwd })
  const plan = DryRunSchema.parse(JSON.parse(dry.stdout))
  expect(plan.posts[0]!.claims.map((claim) => claim.text)).toEqual(lines.slice(2))
  expect(plan.total.validations).toEqual({ share: 0.5, from: 'ledgers', requests: 1, inputTokens: plan.posts[0]!.validationInputTokens })
  expect((await vetted(['check', '--dry-run'], { cwd })).stdout).toMatch(
    /with 1 validation \(50\.0% of the claims judged get a correction: as in these ledgers so far\)/,
  )
})

it('a claim whose validation the budget held back is planned as that validation only, as the next run sends it', async () => {
  const cwd = project({
    'content/towns.md': `# Towns\n\nIn 1850, Millbrook had 1,200 residents and 3 bridges over the river.\n\nIn 1851, surveyors reported that Ashford sat on ground that was perfectly flat.\n`,
    'vetted.config.json': JSON.stringify({ budget: { requests: 1 } }),
  })
  await vetted(['check'], { cwd, env: online })
  const plan = DryRunSchema.parse(JSON.parse((await vetted(['check', '--dry-run', '--format', 'json'], { cwd, env: online })).stdout))
  expect(plan.posts[0]!.requests).toEqual([{ kind: 'validate', model: 'gpt-5.1', requests: 1, inputTokens: expect.any(Number) }])
  const before = fake.requests.length
  await vetted(['check'], { cwd, env: online })
  expect(fake.requests.slice(before).map((request) => request.kind)).toEqual(['validate'])
})

it("the default correction rate is the eval corpus's: its planted errors per claim and other sentence", () => {
  const corpus = benchPosts().filter((post) => post.source.length > 2000) // the short posts are the benchmark's own
  expect(corpus).toHaveLength(12)
  let errors = 0
  let sentences = 0
  for (const post of corpus) {
    errors += post.errors.length
    const claims = new Set(detectClaims(post.source).map((claim) => claim.fingerprint))
    sentences +=
      claims.size + sentencesOf(parseMarkdown(post.source), post.source).filter((sentence) => !claims.has(sentence.fingerprint)).length
  }
  expect(errors / sentences).toBeCloseTo(DEFAULT_CORRECTION_RATE, 2)
})

it('on real-shaped posts with planted errors, none checked yet: the expected requests and input tokens within 15% of the real run, and the cached ones near it', async () => {
  const posts = benchPosts()
  const cwd = project(Object.fromEntries(posts.map((post) => [`content/${post.slug}.md`, post.source])))
  const dry = await vetted(['check', '--dry-run', '--format', 'json'], { cwd, env: online })
  expect(dry.code).toBe(0)
  const plan = DryRunSchema.parse(JSON.parse(dry.stdout))
  expect(plan.total.validations.from).toBe('default')
  fake.setHandler(plantedErrorsModel(posts))
  const real = await vetted(['check'], { cwd, env: online })
  expect(real.stderr).not.toMatch(/ errors? /)
  expect(real.code).toBe(1) // open corrections
  const usage = readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const rows = posts.map((post) => {
    const estimate = plan.posts.find((planned) => planned.path === `content/${post.slug}.md`)!.expected
    const run = usage.find((record) => record.post === `content/${post.slug}.md`)!
    return { post: post.slug, estimate, run }
  })
  const gap = (estimate: number, run: number) => `${estimate >= run ? '+' : ''}${(((estimate - run) / run) * 100).toFixed(0)}%`
  console.log(
    [
      'post              requests: dry-run / run   input tokens: dry-run / run      cached: dry-run / run',
      ...rows.map(
        ({ post, estimate, run }) =>
          `${post.padEnd(16)}  ${String(estimate.requests).padStart(4)} / ${String(run.requests).padStart(3)} ${gap(estimate.requests, run.requests).padStart(5)}` +
          `      ${String(estimate.inputTokens).padStart(6)} / ${String(run.inputTokens).padStart(6)} ${gap(estimate.inputTokens, run.inputTokens).padStart(5)}` +
          `      ${String(estimate.cachedInputTokens).padStart(6)} / ${String(run.cachedInputTokens).padStart(6)}`,
      ),
    ].join('\n'),
  )
  const total = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((sum, row) => sum + pick(row), 0)
  const estimated = {
    requests: total((row) => row.estimate.requests),
    inputTokens: total((row) => row.estimate.inputTokens),
    cached: total((row) => row.estimate.cachedInputTokens),
  }
  const ran = {
    requests: total((row) => row.run.requests),
    inputTokens: total((row) => row.run.inputTokens),
    cached: total((row) => row.run.cachedInputTokens),
  }
  console.log(
    `total: ${estimated.requests} / ${ran.requests} requests, ${estimated.inputTokens} / ${ran.inputTokens} input tokens, ${estimated.cached} / ${ran.cached} cached`,
  )
  expect(estimated).toEqual(
    plan.total.expected && {
      requests: plan.total.expected.requests,
      inputTokens: plan.total.expected.inputTokens,
      cached: plan.total.expected.cachedInputTokens,
    },
  )
  expect(Math.abs(estimated.requests - ran.requests) / ran.requests).toBeLessThanOrEqual(0.15)
  expect(Math.abs(estimated.inputTokens - ran.inputTokens) / ran.inputTokens).toBeLessThanOrEqual(0.15)
  expect(Math.abs(estimated.cached - ran.cached) / ran.cached).toBeLessThanOrEqual(0.15)
})
