// A post's own links go to the checker with the claims they belong to, and a
// claim its cited source contradicts becomes a correction that cites that source:
// the real CLI, the real openai SDK, the fake Responses API server.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { correctionFor, type ListedClaim } from '../fake-openai/index.ts'
import { project, useFakeOpenAI, vettedInProcess } from './support.ts'

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

type CensusAnswer = {
  verdict: 'incorrect' | 'supported'
  contradictingLink: string | null
  sources: Array<{ url: string; title: string; quote: string }>
}

/** A model that reads the author's source for the census claim and answers `census`; every other claim is supported. */
function modelThat(census: CensusAnswer) {
  return (request: { kind: string; claims: ListedClaim[] }) => {
    if (request.kind !== 'investigate') return undefined
    const judge = (claim: ListedClaim) => {
      if (!claim.links?.includes(CENSUS)) return { id: claim.id, verdict: 'supported', correction: null, contradictingLink: null }
      if (census.verdict === 'supported')
        return { id: claim.id, verdict: 'supported', correction: null, contradictingLink: census.contradictingLink }
      const correction = {
        ...correctionFor(claim),
        quote: '4,000 residents',
        summary: 'The 1851 census the post cites counts 1,200 residents.',
        sources: census.sources,
      }
      return { id: claim.id, verdict: 'incorrect', correction, contradictingLink: census.contradictingLink }
    }
    return { answer: { judgements: request.claims.map(judge) } }
  }
}

const CENSUS_SOURCE = { url: CENSUS, title: 'Census of 1851: Millbrook', quote: 'Millbrook, population 1,200.' }
const HISTORY_SOURCE = {
  url: 'https://history.example.net/millbrook',
  title: 'A history of Millbrook',
  quote: 'The census of 1851 counted 1,200.',
}

// By default the census the post cites says 1,200: the claim is wrong, and the correction cites the census.
const { fake, online } = await useFakeOpenAI({
  handler: modelThat({ verdict: 'incorrect', contradictingLink: CENSUS, sources: [CENSUS_SOURCE] }),
})

const sourcesOf = (cwd: string) => {
  const ledger = JSON.parse(readFileSync(join(cwd, 'content/millbrook.vetted.json'), 'utf8'))
  return (Object.values(ledger.corrections) as Array<{ sources: Array<{ url: string; title: string }> }>).map(
    (correction) => correction.sources,
  )
}

it('each claim goes with the links of its sentence, else of its paragraph; one its own source contradicts gets a correction citing it', async () => {
  const cwd = project({ 'content/millbrook.md': POST })
  const result = await vettedInProcess(['check', '--format', 'json'], { cwd, env: online })
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

it('the source the model names as contradicting the claim is cited first, even when the model left it out of the sources', async () => {
  fake.setHandler(modelThat({ verdict: 'incorrect', contradictingLink: CENSUS, sources: [HISTORY_SOURCE] }))
  const cwd = project({ 'content/millbrook.md': POST })
  const result = await vettedInProcess(['check'], { cwd, env: online })
  expect(result.code).toBe(1)
  expect(sourcesOf(cwd)).toEqual([[{ url: CENSUS, title: 'census.example.gov' }, expect.objectContaining({ url: HISTORY_SOURCE.url })]])
})

it('a link the model names that the author did not cite for the claim changes nothing', async () => {
  // The archive is the post's link, but for another paragraph; the other is nobody's.
  for (const named of [ARCHIVE, 'https://elsewhere.example.com/census']) {
    fake.setHandler(modelThat({ verdict: 'incorrect', contradictingLink: named, sources: [HISTORY_SOURCE] }))
    const cwd = project({ 'content/millbrook.md': POST })
    expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(1)
    expect(sourcesOf(cwd)).toEqual([[expect.objectContaining({ url: HISTORY_SOURCE.url })]])
  }
})

it('a claim called supported whose own source the model says contradicts it gets no verdict, and is sent again next run', async () => {
  fake.setHandler(modelThat({ verdict: 'supported', contradictingLink: CENSUS, sources: [] }))
  const cwd = project({ 'content/millbrook.md': POST })
  const first = await vettedInProcess(['check'], { cwd, env: online })
  expect(first.stderr).toContain(`the model called the claim supported but said its own source ${CENSUS} contradicts it`)
  const ledger = JSON.parse(readFileSync(join(cwd, 'content/millbrook.vetted.json'), 'utf8'))
  const census = Object.values(ledger.claims as Record<string, { text: string; verdict?: string }>).find((claim) =>
    claim.text.includes('1851 census'),
  )
  expect(census?.verdict).toBeUndefined()
  expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(1) // unchecked

  fake.setHandler(modelThat({ verdict: 'incorrect', contradictingLink: CENSUS, sources: [CENSUS_SOURCE] }))
  const before = fake.requests.length
  expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(1)
  const resent = fake.requests
    .slice(before)
    .filter((request) => request.kind === 'investigate')
    .flatMap((request) => request.claims)
  expect(resent.map((claim) => claim.text)).toEqual([expect.stringContaining('1851 census')])
  expect(sourcesOf(cwd)).toEqual([[expect.objectContaining({ url: CENSUS })]])
})
