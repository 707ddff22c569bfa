// A post's own links go to the checker with the claims they belong to, and a
// claim its cited source contradicts becomes a correction that cites that source:
// the real CLI, the real openai SDK, the fake Responses API server.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { correctionFor, startFakeOpenAI, type ListedClaim } from '../fake-openai/index.ts'
import { project, vetted } from './support.ts'

const CENSUS = 'https://census.example.gov/1851/millbrook'
const ARCHIVE = 'https://archive.example.org/mills'

const POST = `---
title: Millbrook
date: 2026-03-01
---

# Millbrook

According to the [1851 census](${CENSUS}), Millbrook had 4,000 residents that year.

The town's first mill opened in 1790 on the east bank of the river. Its records are kept at the [county archive](${ARCHIVE}).

In 1852, the railway reached Millbrook and its population doubled within 10 years.
`

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
beforeAll(async () => {
  fake = await startFakeOpenAI()
  // A model that reads the author's source: the census it cites says 1,200, so the claim is wrong, and the correction cites the census.
  fake.setHandler((request) => {
    if (request.kind !== 'investigate') return undefined
    const judge = (claim: ListedClaim) => {
      if (!claim.links?.includes(CENSUS)) return { id: claim.id, verdict: 'supported', correction: null }
      const correction = correctionFor(claim)
      return {
        id: claim.id,
        verdict: 'incorrect',
        correction: {
          ...correction,
          quote: '4,000 residents',
          summary: 'The 1851 census the post cites counts 1,200 residents.',
          sources: [{ url: CENSUS, title: 'Census of 1851: Millbrook', quote: 'Millbrook, population 1,200.' }],
        },
      }
    }
    return { answer: { judgements: request.claims.map(judge) } }
  })
})
afterAll(() => fake.close())

it("each claim goes with the links of its sentence, else of its paragraph; one its own source contradicts gets a correction citing it", async () => {
  const cwd = project({ 'content/millbrook.md': POST })
  const result = await vetted(['check', '--format', 'json'], { cwd, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL } })
  expect(result.stderr).toMatch(/content\/millbrook\.md: checked 4 claims/)

  const listed = fake.investigations().flatMap((request) => request.claims)
  const linksOf = (start: string) => listed.find((claim) => claim.text.startsWith(start))?.links
  expect(linksOf('According to the 1851 census')).toEqual([CENSUS])
  // No link in the sentence itself: its paragraph's.
  expect(linksOf("The town's first mill")).toEqual([ARCHIVE])
  expect(linksOf('Its records are kept')).toEqual([ARCHIVE])
  expect(linksOf('In 1852, the railway')).toBeUndefined()

  expect(result.code).toBe(1) // an open correction
  const ledger = JSON.parse(readFileSync(join(cwd, 'content/millbrook.vetted.json'), 'utf8'))
  const corrections = Object.values(ledger.corrections) as Array<{ quote: string; status: string; sources: Array<{ url: string }> }>
  expect(corrections).toHaveLength(1)
  expect(corrections[0]).toMatchObject({ quote: '4,000 residents', status: 'open' })
  expect(corrections[0]!.sources.map((source) => source.url)).toEqual([CENSUS])
  const report = JSON.parse(result.stdout)
  expect(report.files[0].corrections[0].sources).toEqual([expect.objectContaining({ url: CENSUS })])
})
