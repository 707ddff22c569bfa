// The committed recording of `vetted eval` over eval/corpus with a scripted fake
// model (test/eval/record-scripted.ts) replays with no network and no key, and
// the README shows exactly its output: a check of the harness, not of a model.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { vetted } from '../cli/support.ts'
import { checksums } from '../support/files.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const START = '<!-- vetted eval --replay eval/recordings/scripted: its output, checked by test/eval/recording.test.ts -->\n'
const END = '<!-- end of vetted eval --replay eval/recordings/scripted -->'

it("the scripted recording replays offline, twice alike, and the README's table is its output", async () => {
  const before = checksums(`${ROOT}eval`)
  const first = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  // On a failure here: the corpus, detection or the prompts changed; run node test/eval/record-scripted.ts.
  expect(first.stderr).not.toMatch(/^vetted:/m)
  expect(first.code).toBe(0)
  const second = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  expect(second.stdout).toBe(first.stdout)
  expect(checksums(`${ROOT}eval`)).toEqual(before)

  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  expect(readme.slice(start + START.length, end).trim()).toBe(first.stdout.trim())
})
