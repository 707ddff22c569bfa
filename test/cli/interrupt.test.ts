// Ctrl-C during `vetted check`, as a user presses it: the real CLI as a
// subprocess, the fake OpenAI server answering slowly.

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { project, startVetted, useFakeOpenAI } from './support.ts'

const { fake, online } = await useFakeOpenAI()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Six claims the fake model finds supported, one request each, two at a time. */
function slowProject() {
  const lines = Array.from({ length: 6 }, (_, i) => `In ${1900 + i}, the village of Stoke ${i} had ${120 + i} houses and ${i + 2} mills.`)
  return project({ 'content/stoke.md': `${lines.join('\n\n')}\n`, 'vetted.config.json': '{ "batchSize": 1, "concurrency": 2 }\n' })
}

const judged = (cwd: string) =>
  Object.values(readLedger(join(cwd, 'content/stoke.vetted.json'), 'stoke.md')?.claims ?? {}).filter((record) => record.verdict).length

it('the first Ctrl-C sends nothing new, lets the requests in flight finish, writes their verdicts and exits 130', async () => {
  const cwd = slowProject()
  fake.setLatency(1500)
  const before = fake.requests.length
  const { child, result } = startVetted(['check'], { cwd, env: online })
  // The first request goes alone (to warm the provider's cache), then two at a time.
  while (fake.requests.length < before + 3) await sleep(20)
  expect(fake.inFlight).toBe(2)
  child.kill('SIGINT')
  const stopped = await result
  expect(stopped.code).toBe(130)
  expect(stopped.stderr.trim().split('\n').at(-1)).toBe(
    'vetted: interrupted; what the checker finished is in the ledgers, the rest is checked next run',
  )
  expect(fake.requests.length - before).toBe(3) // nothing sent after Ctrl-C
  expect(judged(cwd)).toBe(3) // the first, and the two in flight at Ctrl-C, answered and written
  expect(readdirSync(join(cwd, 'content')).filter((name) => name.endsWith('.lock') || name.endsWith('.tmp'))).toEqual([])
})

// The test's timeout, under the 20 s the fake takes to answer, is what fails a run that waits for it.
it('a second Ctrl-C quits at once, without waiting for the requests in flight, and leaves no lock', { timeout: 15_000 }, async () => {
  const cwd = slowProject()
  fake.setLatency(20_000)
  const before = fake.requests.length
  const { child, result } = startVetted(['check'], { cwd, env: online })
  while (fake.requests.length < before + 1) await sleep(20)
  child.kill('SIGINT')
  await sleep(200)
  child.kill('SIGINT')
  const stopped = await result
  expect(stopped.code).toBe(130)
  expect(stopped.stderr).toContain('vetted: interrupted again; quitting now')
  expect(judged(cwd)).toBe(0)
  expect(readdirSync(join(cwd, 'content')).filter((name) => name.endsWith('.lock'))).toEqual([])
})
