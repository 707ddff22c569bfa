// `vetted check --dry-run`: what a real run would send, with no network and no
// writes, and an estimate of its input tokens that the real run bears out. The
// real CLI; the fake server stands in for the API and counts tokens as it does.

import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DryRunSchema } from '@vetted/cli'
import { correctionId, emptyLedger, fingerprint, serializeLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { project, useFakeOpenAI, vetted } from './support.ts'

const CONTENT = new URL('../../content/', import.meta.url)
const POSTS = readdirSync(CONTENT).filter((name) => name.endsWith('.md') && name !== 'README.md')

const { fake, online } = await useFakeOpenAI()

it('on the sample content without its ledgers: nothing sent or written, and the input tokens of the real run estimated within 15%', async () => {
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
  const listed = plan.posts.reduce((sum: number, post: { claims: unknown[]; sentences: unknown[] }) => sum + post.claims.length + post.sentences.length, 0)
  expect(listed).toBe(gate.summary.unchecked)

  const real = await vetted(['check', '.'], { cwd, env: online })
  expect(real.code).toBe(0)
  const usage = readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line))
  const inputTokens = usage.reduce((sum, record) => sum + record.inputTokens, 0)
  expect(inputTokens).toBeGreaterThan(10_000)
  expect(Math.abs(plan.total.inputTokens - inputTokens) / inputTokens).toBeLessThanOrEqual(0.15)
  // Same requests, kind by kind (the screen finds nothing check-worthy here and nothing is corrected, so nothing is added).
  const kinds = (kind: string) => plan.posts.flatMap((post: { requests: Array<{ kind: string; requests: number }> }) => post.requests).filter((group: { kind: string }) => group.kind === kind).reduce((sum: number, group: { requests: number }) => sum + group.requests, 0)
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
    'vetted.config.json': JSON.stringify({ model: 'gpt-5-mini', prices: { 'gpt-5-mini': { date: '2026-11-30', input: 2, cachedInput: 0.2, output: 8, searches: 10 } } }),
  })
  const dry = await vetted(['check', '--dry-run'], { cwd })
  expect(dry.code).toBe(0)
  expect(dry.stdout).toMatch(/content\/towns\.md:3:1 {2}claim {3}In 1850, according to the census, Millbrook had 1,200 residents\. \[links: https:\/\/census\.example\.gov\/1850\]/)
  expect(dry.stdout).toMatch(/content\/towns\.md:5:1 {2}screen {2}It was a lovely day\./)
  expect(dry.stdout).toMatch(/1 screening request \(gpt-5-mini\), 1 investigate request \(gpt-5-mini\)/)
  const tokens = Number(/2 requests, about ([\d,]+) input tokens/.exec(dry.stdout)![1]!.replace(/,/g, ''))
  // $2 per million input tokens, and $10 per thousand searches for the one investigate request.
  const dollars = (tokens * 2) / 1e6 + 10 / 1e3
  expect(dry.stdout).toContain(`Estimated cost: $${dollars.toFixed(4)} for the input tokens with no cache hits and 1 web search at least (gpt-5-mini as listed on 2026-11-30)`)
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
  for (const text of lines.slice(0, 2)) ledger.claims[fingerprint(text)] = { text, verdict: text.includes('flat') ? 'incorrect' : 'supported', checker: 'manual', checkedAt: '2026-12-01' }
  const id = correctionId('content/towns.md', fingerprint(lines[1]!), 'perfectly flat')
  ledger.corrections[id] = {
    id, claim: fingerprint(lines[1]!), quote: 'perfectly flat', summary: 'Ashford lies on a slope.', reasoning: 'A test correction.', sources: [],
    checker: { model: 'manual', prompt: 'manual', date: '2026-12-01' }, status: 'dismiss', note: 'Flat by local convention.', history: [{ date: '2026-12-01', status: 'dismiss', note: 'Flat by local convention.' }],
  }
  writeFileSync(join(cwd, 'content/towns.vetted.json'), serializeLedger(ledger))
  const dry = await vetted(['check', '--dry-run', '--format', 'json'], { cwd })
  const plan = DryRunSchema.parse(JSON.parse(dry.stdout))
  expect(plan.posts[0]!.claims.map((claim) => claim.text)).toEqual(lines.slice(2))
  expect(plan.total.validations).toEqual({ share: 0.5, requests: 1, inputTokens: plan.posts[0]!.validationInputTokens })
  expect((await vetted(['check', '--dry-run'], { cwd })).stdout).toMatch(/about 1 validation to expect: 50\.0% of the claims judged so far got one/)
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
