// `pnpm bench [name...]`: every benchmark, or the named ones, each printing ratios
// against a baseline measured in the same run, the target, and whether it is met.
// Each runs in its own Node process, with --expose-gc so that a full collection
// can come before each timed run (see measure.ts).

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const all = ['pipeline', 'cli', 'site', 'checker', 'linearity', 'big-ledger', 'cache', 'hostile']
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all
let failed = false
for (const name of wanted) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  if (!all.includes(name) || !existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (have: ${all.join(', ')})`)
    failed = true
    continue
  }
  console.log(`\n== ${name}`)
  const result = spawnSync(process.execPath, ['--expose-gc', file], { stdio: 'inherit' })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
