// The committed recording of `vetted eval` over eval/corpus with a scripted fake
// model (test/eval/record-scripted.ts) replays with no network and no key, and
// the README shows exactly its output: a check of the harness, not of a model.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { vetted } from '../cli/support.ts'
import { checksums } from '../support/files.ts'
import { README_END, README_START } from './scripted-model.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STALE = 'the corpus, detection or the prompts changed since the recording: run node test/eval/record-scripted.ts (it records again and updates README.md)'

it("the scripted recording replays offline, twice alike, and the README's table is its output", async () => {
  const before = checksums(`${ROOT}eval`)
  const first = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  expect(first.stderr, STALE).not.toMatch(/^vetted:/m)
  expect(first.code).toBe(0)
  const second = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  expect(second.stdout).toBe(first.stdout)
  expect(checksums(`${ROOT}eval`)).toEqual(before)

  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  expect(readme.slice(start + README_START.length, end).trim(), STALE).toBe(first.stdout.trim())
})
