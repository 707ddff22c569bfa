// What the reports say after the ledger changed: counts after a fix, what a
// --recheck changed, --ci listing what needs attention first, a server that is
// down. The real CLI against the fake OpenAI server.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { POST, project, vettedInProcess } from './support.ts'

let fake: FakeOpenAI
/** A model that now finds every claim supported: a recheck withdraws the corrections. */
let convinced: FakeOpenAI
const env = (server: FakeOpenAI) => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL })
beforeAll(async () => {
  fake = await startFakeOpenAI()
  convinced = await startFakeOpenAI({ judge: () => 'supported' })
})
afterAll(async () => {
  await fake.close()
  await convinced.close()
})

const correctionIn = (stdout: string) => /\b(c-[0-9a-f]{10})\b/.exec(stdout)![1]!

it('after the sentence is fixed, the post no longer counts its correction as found', async () => {
  const cwd = project({ 'content/towns.md': POST })
  expect((await vettedInProcess(['check'], { cwd, env: env(fake) })).stdout).toContain(
    'content/towns.md — 1 correction found, 3 claims, 0 unchecked',
  )
  writeFileSync(join(cwd, 'content/towns.md'), POST.replace('perfectly flat', 'gently rolling'))
  const fixed = await vettedInProcess(['check'], { cwd, env: env(fake) })
  expect(fixed.code).toBe(0)
  expect(fixed.stdout).toContain('content/towns.md — 0 corrections found (1 fixed), 3 claims, 0 unchecked')
})

it('--recheck says what changed: corrections kept are unchanged, not new; those not proposed again are withdrawn', async () => {
  const cwd = project({ 'content/towns.md': POST })
  await vettedInProcess(['check'], { cwd, env: env(fake) })
  const again = await vettedInProcess(['check', '--recheck'], { cwd, env: env(fake) })
  expect(again.stderr).toMatch(
    /^content\/towns\.md: re-judged 3 claims: 0 corrections withdrawn, 0 new, 1 unchanged \(0 rejected by validation\); /m,
  )
  const withdrawn = await vettedInProcess(['check', '--recheck'], { cwd, env: env(convinced) })
  expect(withdrawn.stderr).toMatch(
    /^content\/towns\.md: re-judged 3 claims: 1 correction withdrawn, 0 new, 0 unchanged \(0 rejected by validation\); /m,
  )
})

it('--ci lists the open correction and the unchecked claim first and sums up the published ones in one line', async () => {
  const cwd = project({
    'content/a-published.md': POST,
    'content/b-open.md': POST.replaceAll('Millbrook', 'Oakham'),
    'content/c-unchecked.md': POST.replaceAll('Millbrook', 'Stoke').replace('Ashford', 'Wexley'),
  })
  await vettedInProcess(['check', 'content/a-published.md', 'content/b-open.md'], { cwd, env: env(fake) })
  const published = correctionIn((await vettedInProcess(['check', '--ci', 'content/a-published.md'], { cwd })).stdout)
  expect((await vettedInProcess(['resolve', published, '--annotate'], { cwd })).code).toBe(0)

  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.code).toBe(1)
  expect(gate.stdout).not.toContain('content/a-published.md')
  expect(gate.stdout).not.toContain(published)
  expect(gate.stdout).toMatch(/content\/b-open\.md:10:\d+ {2}\[open: not settled\]/)
  expect(gate.stdout).toContain('content/c-unchecked.md:8:1  In 1850, Stoke had 1,200 residents')
  expect(gate.stdout).toContain('Not listed: 1 published (nothing to do; `vetted check` without --ci lists them).')
})

it('a server that is down is named once in a run, with its address and the cause, not as a count of checked claims', async () => {
  const cwd = project({
    'content/a.md': POST,
    'content/towns.md': POST.replaceAll('Millbrook', 'Oakham'),
    'vetted.config.json': '{ "maxRetries": 0 }\n',
  })
  const down = await vettedInProcess(['check'], { cwd, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } })
  expect(down.code).toBe(1)
  const [sending, ...lines] = down.stderr.split('\n').filter(Boolean)
  // Where the run sends is said once, before its first request; then the failure, once.
  expect(sending).toBe('vetted check: sending to 127.0.0.1:9')
  expect(lines[0]).toMatch(/^content\/a\.md: nothing checked; .*3 failed, retried next run: .*127\.0\.0\.1:9/)
  expect(lines.join('\n').match(/127\.0\.0\.1:9/g)).toHaveLength(1)
})
