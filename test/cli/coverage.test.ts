// Coverage: every sentence of prose is within the checker's reach, not only
// those detection selects. The real CLI and the openai SDK against the fake
// server, whose default model acts like one: it screens and judges only the
// sentences a request lists (a sentence that says "flat" is check-worthy and
// wrong; one with a number is check-worthy and right; any other is not check-worthy).

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { refusedBaseURL } from '../fake-openai/index.ts'
import { SCREENED_POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const PLANTED = 'As the map above shows, Ashford was flat.'
const NOT_SELECTED = [PLANTED, 'I walked there last spring with my sister.', 'It was a lovely day.']

const { fake, online } = await useFakeOpenAI()

const postPath = (cwd: string) => join(cwd, 'content/towns.md')
const ledgerOf = (cwd: string) => JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8'))
const edit = (cwd: string, from: string, to: string) => writeFileSync(postPath(cwd), readFileSync(postPath(cwd), 'utf8').replace(from, to))

/** Run `vetted` and count the requests the fake received meanwhile, by kind. */
async function counted(args: string[], cwd: string) {
  const before = fake.requests.length
  const result = await vettedInProcess(args, { cwd, env: online })
  const sent = fake.requests.slice(before)
  return { ...result, sent, kinds: sent.map((request) => request.kind) }
}

describe('coverage "all" (the default)', () => {
  it('a planted error in a sentence detection does not select is screened, judged and corrected', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST })
    const run = await counted(['check', '--format', 'json'], cwd)
    expect(run.code).toBe(1)
    // One screening request lists exactly the three sentences detection left out; no web search.
    const screenings = run.sent.filter((request) => request.kind === 'screen')
    expect(screenings).toHaveLength(1)
    expect(screenings[0]!.sentences.map((s) => s.text)).toEqual(NOT_SELECTED)
    expect(screenings[0]!.body.tool_choice).toBe('none') // the tool is listed (the post's requests start alike), never used
    // The check-worthy one is judged in the same run, with the claims.
    expect(run.sent.filter((request) => request.kind === 'investigate').flatMap((request) => request.claims.map((c) => c.text))).toContain(
      PLANTED,
    )

    const report = JSON.parse(run.stdout)
    expect(report.files[0].corrections).toEqual([
      expect.objectContaining({ status: 'open', quote: 'Ashford was flat', start: expect.objectContaining({ line: 10 }) }),
    ])
    expect(report.summary).toMatchObject({ unchecked: 0, unscreened: 0, open: 1 })
    // The screen's answer is kept per sentence: why each one was, or was not, judged.
    const ledger = ledgerOf(cwd)
    const screens = Object.values(ledger.claims)
      .filter((record: any) => record.screen)
      .map((record: any) => [record.text, record.screen.checkWorthy])
    expect(screens).toEqual(
      expect.arrayContaining([
        [PLANTED, true],
        [NOT_SELECTED[1], false],
        [NOT_SELECTED[2], false],
      ]),
    )
    expect(screens).toHaveLength(3)
  })

  it('an unchanged post sends nothing; one edited sentence sends at most one screening and one investigation', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST })
    await counted(['check'], cwd)

    expect((await counted(['check'], cwd)).sent).toHaveLength(0)

    // A sentence detection does not select, edited so that the screen calls it check-worthy: screened, then judged.
    edit(cwd, 'It was a lovely day.', 'I counted 3 bridges.')
    const screenedThenJudged = await counted(['check'], cwd)
    expect(screenedThenJudged.kinds).toEqual(['screen', 'investigate'])
    expect(screenedThenJudged.sent[0]!.sentences.map((s) => s.text)).toEqual(['I counted 3 bridges.'])
    expect(screenedThenJudged.sent[1]!.claims.map((c) => c.text)).toEqual(['I counted 3 bridges.'])

    // One that is not check-worthy: screened only.
    edit(cwd, 'I walked there last spring with my sister.', 'I walked there last spring with my brother.')
    expect((await counted(['check'], cwd)).kinds).toEqual(['screen'])

    // A detected claim: judged only.
    edit(cwd, '3 bridges over the river', '4 bridges over the river')
    const claim = await counted(['check'], cwd)
    expect(claim.kinds).toEqual(['investigate'])
    expect(claim.sent[0]!.claims.map((c) => c.text)).toEqual(['In 1850, Millbrook had 1,200 residents and 4 bridges over the river.'])

    expect((await counted(['check'], cwd)).sent).toHaveLength(0)
  })

  it('the gate counts unscreened sentences as unchecked, the same with --ci and after an online run that sent nothing', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST })
    const offline = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
    expect(offline.code).toBe(1)
    const before = JSON.parse(offline.stdout)
    // Two claims without a verdict and three sentences not screened.
    expect(before.summary).toMatchObject({ claims: 2, unchecked: 5, unscreened: 3 })
    expect(
      before.files[0].uncheckedClaims.filter((c: { unscreened?: boolean }) => c.unscreened).map((c: { text: string }) => c.text),
    ).toEqual(NOT_SELECTED)

    // Online, but nothing gets through: the same count.
    const down = await vettedInProcess(['check', '--format', 'json'], {
      cwd,
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: await refusedBaseURL() },
    })
    expect(down.code).toBe(1)
    expect(JSON.parse(down.stdout).summary).toEqual(before.summary)

    // Every report says what the count holds.
    const text = await vettedInProcess(['check', '--ci'], { cwd })
    expect(text.stdout).toContain('2 claims, 2 unchecked; 3 sentences not screened yet')
    const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    expect(github.stdout.match(/^::error [^\n]*title=vetted%3A sentence not screened::/gm)).toHaveLength(3)
    expect(github.stdout.match(/^::error [^\n]*title=vetted%3A unchecked claim::/gm)).toHaveLength(2)
    const sarif = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })).stdout)
    const messages = sarif.runs[0].results.map((result: { message: { text: string } }) => result.message.text)
    expect(messages.filter((text: string) => text.startsWith('Sentence not screened: '))).toHaveLength(3)
    expect(messages.filter((text: string) => text.startsWith('Unchecked claim: '))).toHaveLength(2)
  })
})

describe('coverage "claims"', () => {
  it('only detected claims reach the checker and count', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST, 'vetted.config.json': JSON.stringify({ coverage: 'claims' }) })
    const gate = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout)
    expect(gate.summary).toMatchObject({ claims: 2, unchecked: 2, unscreened: 0 })
    const run = await counted(['check'], cwd)
    expect(run.kinds).toEqual(['investigate'])
    expect(run.code).toBe(0)
  })
})
