// What the reports count and how they show a claim: claims and the sentences
// not screened yet are counted apart, in every format, and add up to what the
// gate waits for; a correction's claim is its whole sentence with the quoted
// words marked, as the cards show it. The real CLI, the fake Responses API server.

import { describe, expect, it } from 'vitest'
import { POST, SCREENED_POST, project, useFakeOpenAI, vettedInProcess, vettedOnTerminal } from './support.ts'

const { online } = await useFakeOpenAI()

describe('claims and sentences not screened are counted apart', () => {
  it('the text summary gives the claims their own unchecked figure, never more than the claims, and the sentences apart', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST })
    const text = await vettedInProcess(['check', '--ci'], { cwd })
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('content/towns.md — 0 corrections found, 2 claims, 2 unchecked; 3 sentences not screened yet')
    expect(text.stdout).toContain('2 unchecked claims and 3 sentences not screened:')
    expect(text.stdout).toContain('1 post, 2 claims: 2 unchecked, 0 open, 0 published, 0 dismissed, 0 fixed; 3 sentences not screened yet.')
    expect(text.stdout).toContain('2 claims are unchecked and 3 sentences are not screened: run `vetted check` with OPENAI_API_KEY set')
  })

  it('the JSON report counts them apart and they add up to the gate’s figure, per post and in the summary', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST, 'content/bridges.md': POST })
    const { stdout } = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
    const report = JSON.parse(stdout)
    const towns = report.files.find((file: { path: string }) => file.path === 'content/towns.md')
    expect(towns).toMatchObject({ claims: 2, claimsUnchecked: 2, unscreened: 3, unchecked: 5 })
    expect(report.summary).toMatchObject({ claims: 5, claimsUnchecked: 5, unscreened: 3, unchecked: 8 })
    for (const counts of [...report.files, report.summary]) {
      expect(counts.claimsUnchecked + counts.unscreened).toBe(counts.unchecked)
      expect(counts.claimsUnchecked).toBeLessThanOrEqual(counts.claims)
    }
  })

  it('SARIF gives sentences not screened their own rule and carries the counts apart', async () => {
    const cwd = project({ 'content/towns.md': SCREENED_POST })
    const sarif = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })).stdout)
    const rules = sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)
    expect(rules.filter((rule: string) => rule === 'unchecked-claim')).toHaveLength(2)
    expect(rules.filter((rule: string) => rule === 'unscreened-sentence')).toHaveLength(3)
    expect(sarif.runs[0].properties).toEqual({ claims: 2, claimsUnchecked: 2, unscreenedSentences: 3 })
  })
})

describe('a correction’s claim is its whole sentence, the quoted words marked', () => {
  it('in plain text the quoted words stand between « and » inside their sentence', async () => {
    const cwd = project({ 'content/towns.md': POST })
    const checked = await vettedInProcess(['check'], { cwd, env: online })
    expect(checked.stdout).toContain('Claim:       In 1851, surveyors reported that Ashford sat on ground that «was perfectly flat».')
  })

  it('GitHub’s annotation of an open correction shows the sentence the same way', async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vettedInProcess(['check'], { cwd, env: online })
    const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    expect(github.stdout).toContain(
      '::Claim: In 1851, surveyors reported that Ashford sat on ground that «was perfectly flat».%0ACorrection: ',
    )
  })

  it('on a terminal the quoted words are bold and underlined, without the « » marks', async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vettedInProcess(['check'], { cwd, env: online })
    const { output } = await vettedOnTerminal(['check', '--ci'], { cwd })
    expect(output).toContain('Ashford sat on ground that \u001b[1m\u001b[4mwas perfectly flat\u001b[24m\u001b[22m.')
    expect(output).not.toContain('«')
  })
})
