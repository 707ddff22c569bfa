// Upgrades: a verdict stays valid under the checker that made it. Ledgers written
// under an older prompt version (or another model) keep the gate green and cost
// nothing; judging them again with the current checker is opt-in
// (`--recheck-older`) and priced first by `--dry-run`. The real CLI in-process,
// the openai SDK against the fake server.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROMPT_VERSION, currentCheckerKey, currentScreenerKey } from '@vetted/checker'
import { DryRunSchema, ReportSchema } from '@vetted/cli'
import { expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { SCREENED_POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

// Detection selects the two dated sentences; the other two are only screened.
const POST = SCREENED_POST.replace('As the map above shows, Ashford was flat.\n\n', '')

const { fake, online } = await useFakeOpenAI()

const ledgerPath = (cwd: string) => join(cwd, 'content/towns.vetted.json')
const OLDER = `@older-${PROMPT_VERSION}`

/** A project checked by the current vetted, then its ledger rewritten as an older prompt version wrote it. */
async function checkedByAnOlderPrompt(): Promise<string> {
  const cwd = project({ 'content/towns.md': POST })
  expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(0)
  const current = readFileSync(ledgerPath(cwd), 'utf8')
  const older = current.replaceAll(`@${PROMPT_VERSION}"`, `${OLDER}"`)
  expect(older).not.toBe(current)
  writeFileSync(ledgerPath(cwd), older)
  return cwd
}

it('a ledger judged under an older prompt version of the same model keeps the gate green and plans no request', async () => {
  const cwd = await checkedByAnOlderPrompt()
  const ledger = JSON.parse(readFileSync(ledgerPath(cwd), 'utf8'))
  const records = Object.values(ledger.claims) as Array<{ checker?: string; screen?: { checker: string } }>
  expect(records.filter((record) => record.checker?.endsWith(OLDER))).toHaveLength(2)
  expect(records.filter((record) => record.screen?.checker.endsWith(OLDER))).toHaveLength(2)

  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.stderr).toBe('')
  expect(gate.code).toBe(0)
  // The text report says how many results come from an older checker, and how to price judging them again.
  expect(gate.stdout).toMatch(
    /4 verdicts or screen results from an older checker \(not .*\); kept: `vetted check --recheck-older --dry-run` prices judging them again/,
  )

  const json = ReportSchema.parse(JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout))
  expect(json.summary).toMatchObject({ unchecked: 0, unscreened: 0, older: 4 })
  expect(json.files[0]).toMatchObject({ unchecked: 0, older: 4 })

  const before = fake.requests.length
  const dry = DryRunSchema.parse(
    JSON.parse((await vettedInProcess(['check', '--dry-run', '--format', 'json'], { cwd, env: online })).stdout),
  )
  expect(dry.total).toMatchObject({ requests: 0, inputTokens: 0 })
  // A run online sends nothing either.
  const run = await vettedInProcess(['check'], { cwd, env: online })
  expect(run.code).toBe(0)
  expect(fake.requests.length).toBe(before)
})

it('--recheck-older --dry-run plans and prices every verdict and screen result of an older checker; the run then judges them under the current one', async () => {
  const cwd = await checkedByAnOlderPrompt()
  const before = checksums(cwd)
  const sent = fake.requests.length
  const dry = await vettedInProcess(['check', '--recheck-older', '--dry-run', '--format', 'json'], { cwd, env: online })
  expect(dry.code).toBe(0)
  const plan = DryRunSchema.parse(JSON.parse(dry.stdout))
  expect(plan.posts[0]!.claims.map((claim) => claim.text)).toEqual([
    'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.',
    'In 1852, the railway reached Millbrook and its population doubled within 10 years.',
  ])
  expect(plan.posts[0]!.sentences.map((sentence) => sentence.text)).toEqual([
    'I walked there last spring with my sister.',
    'It was a lovely day.',
  ])
  expect(plan.total.requests).toBe(2)
  expect(plan.total.inputTokens).toBeGreaterThan(0)
  expect(plan.cost.dollars).toBeGreaterThan(0)
  expect(fake.requests.length).toBe(sent)
  expect(checksums(cwd)).toEqual(before)

  const text = await vettedInProcess(['check', '--recheck-older', '--dry-run'], { cwd, env: online })
  expect(text.stdout).toMatch(/2 requests, about [\d,]+ input tokens/)
  expect(text.stdout).toMatch(/Estimated cost: \$\d+\.\d{4}/)

  const rerun = await vettedInProcess(['check', '--recheck-older'], { cwd, env: online })
  expect(rerun.code).toBe(0)
  expect(
    fake.requests
      .slice(sent)
      .map((request) => request.kind)
      .sort(),
  ).toEqual(['investigate', 'screen'])
  const ledger = JSON.parse(readFileSync(ledgerPath(cwd), 'utf8'))
  const records = Object.values(ledger.claims) as Array<{ checker?: string; screen?: { checker: string } }>
  expect(records.filter((record) => record.checker === currentCheckerKey({}))).toHaveLength(2)
  expect(records.filter((record) => record.screen?.checker === currentScreenerKey({}))).toHaveLength(2)
  const json = ReportSchema.parse(JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout))
  expect(json.summary).toMatchObject({ unchecked: 0, older: 0 })
})

it('a verdict from another model counts too: switching the model re-judges nothing unless asked', async () => {
  const cwd = project({ 'content/towns.md': POST })
  expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(0)
  writeFileSync(join(cwd, 'vetted.config.json'), JSON.stringify({ model: 'gpt-5-mini' }))
  const gate = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
  expect(gate.code).toBe(0)
  expect(JSON.parse(gate.stdout).summary).toMatchObject({ unchecked: 0, older: 4 })
  const plan = DryRunSchema.parse(
    JSON.parse((await vettedInProcess(['check', '--recheck-older', '--dry-run', '--format', 'json'], { cwd, env: online })).stdout),
  )
  expect(plan.total.requests).toBe(2)
  expect(plan.posts[0]!.requests.map((group) => group.model)).toEqual(['gpt-5-mini', 'gpt-5-mini'])
})

it('--recheck-older and --recheck together are refused: one re-judges every claim, the other only older ones', async () => {
  const cwd = project({ 'content/towns.md': POST })
  const result = await vettedInProcess(['check', '--recheck', '--recheck-older'], { cwd, env: online })
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/--recheck re-judges every claim, --recheck-older only what an older checker settled/)
})
