// One format and one set of lint rules for the workspace's TypeScript
// (biome.jsonc): `biome ci` fails on a file that is not formatted or breaks a
// rule, naming it. `pnpm format` fixes what it can.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

it('every TypeScript file is formatted and passes the lint rules (biome ci)', () => {
  const result = spawnSync('pnpm', ['exec', 'biome', 'ci', '--colors=off', '.'], { cwd: ROOT, encoding: 'utf8' })
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0)
})
