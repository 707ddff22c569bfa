// `pnpm bench [name...]`: every benchmark, or the named ones, each printing ratios
// against a baseline measured in the same run.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const all = ['pipeline', 'checker', 'cli', 'site']
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all
let failed = false
for (const name of wanted) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (have: ${all.join(', ')})`)
    failed = true
    continue
  }
  console.log(`\n== ${name}`)
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit' })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
