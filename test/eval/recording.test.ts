// The committed recording of `vetted eval` over eval/corpus with a scripted fake
// model (test/eval/record-scripted.ts) replays with no network and no key, and
// the README's evaluation table is exactly the output of the recording it names
// (this one, or a model's proposed by .github/workflows/eval.yml).

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { vetted } from '../cli/support.ts'
import { checksums } from '../support/files.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STALE =
  'the corpus, detection or the prompts changed since the recording: run node test/eval/record-scripted.ts (it records again and updates README.md)'

it('the scripted recording replays offline, twice alike, changing nothing', async () => {
  const before = checksums(`${ROOT}eval`)
  const first = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  expect(first.stderr, STALE).not.toMatch(/^vetted:/m)
  expect(first.code).toBe(0)
  const second = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  expect(second.stdout).toBe(first.stdout)
  expect(checksums(`${ROOT}eval`)).toEqual(before)
})

it("the README's evaluation table is the output of the recording it names", () => {
  // scripts/eval-table.ts replays the recording named above the table (the scripted
  // one, or a model's from the eval workflow) and compares.
  const check = spawnSync(process.execPath, ['scripts/eval-table.ts', '--check'], { cwd: ROOT, encoding: 'utf8' })
  expect(check.stderr).toBe('')
  expect(check.status).toBe(0)
})
