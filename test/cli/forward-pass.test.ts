// One forward pass (issue 23): `vetted check` reads a post and its ledger once,
// parses the Markdown once, and works from that reading to the end: the checker
// takes it, the CLI analyses again from memory. Counted at the seams a second
// read or parse would go through: node:fs's openSync (core's readRegularFile
// opens every post and ledger with it) and remark-parse's parser (every parse of
// @vetted/post's parseMarkdown runs it).

import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { beforeEach, expect, it, vi } from 'vitest'
import { forgetReads, opens, seen } from '../support/reads.ts'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

vi.mock('node:fs', async (original) => (await import('../support/reads.ts')).countingOpens(original))
vi.mock('remark-parse', async (original) => (await import('../support/reads.ts')).countingParses(original))

const { fake, online } = await useFakeOpenAI()

beforeEach(forgetReads)

it('check of one post with new claims opens the post once, parses it once, and never reads back the ledger it writes', async () => {
  const cwd = project({ 'towns.md': POST })
  const before = fake.requests.length
  const run = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(run.stderr).toMatch(/towns\.md: checked 3 claims \(1 new correction/)
  expect(run.code).toBe(1)
  expect(fake.requests.length).toBeGreaterThan(before)
  expect(opens(join(cwd, 'towns.md'))).toBe(1)
  // No ledger yet: the one read finds none (no open); the run writes it, never reads it back.
  expect(opens(join(cwd, 'towns.vetted.json'))).toBe(0)
  expect(seen.parses).toBe(1)
  // The run judged the claims and wrote them: one batch at least went out and came back.
  const ledger = readLedger(join(cwd, 'towns.vetted.json'), 'towns.md')!
  expect(Object.values(ledger.claims).filter((record) => record.verdict)).toHaveLength(3)
  expect(Object.keys(ledger.corrections)).toHaveLength(1)
})

it('the next check, with a ledger, a new claim and a sentence gone, opens the post and its ledger once each and parses once', async () => {
  const cwd = project({ 'towns.md': POST })
  expect((await vettedInProcess(['check', 'towns.md'], { cwd, env: online })).code).toBe(1)
  forgetReads()
  // The flagged sentence goes (its correction is recorded as fixed) and a new claim comes.
  const { writeFileSync } = await import('node:fs')
  writeFileSync(
    join(cwd, 'towns.md'),
    POST.replace(
      'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.',
      'In 1853, the county opened a school in Ashford for 40 pupils.',
    ),
  )
  const run = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(run.stderr).toMatch(/towns\.md: checked 1 claim/)
  expect(run.stderr).toMatch(/towns\.md: 1 correction recorded as fixed/)

  expect(opens(join(cwd, 'towns.md'))).toBe(1)
  expect(opens(join(cwd, 'towns.vetted.json'))).toBe(1)
  expect(seen.parses).toBe(1)
})

it('check --dry-run plans from the same reading: the post opened once and parsed once', async () => {
  const cwd = project({ 'towns.md': POST })
  const run = await vettedInProcess(['check', '--dry-run', 'towns.md'], { cwd, env: online })
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/3 claims to judge/)
  expect(opens(join(cwd, 'towns.md'))).toBe(1)
  expect(seen.parses).toBe(1)
})
