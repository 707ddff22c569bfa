// Issue 4's benchmark: `vetted check --ci` on 200 posts with warm ledgers (every
// claim judged, corrections published), against parsing the same posts with
// remark alone: with the syntax extensions vetted must read (GFM, $$ math,
// directives), the ratio the target is about; and, for the record, with bare
// remark-parse. All run as fresh processes, so all pay Node's start-up; each is
// timed as the median of interleaved runs.

import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { currentCheckerKey } from '@vetted/checker'
import { detectClaims, writeLedger } from '@vetted/core'
import { generateCorpus, generateLedger } from '../support/corpus.ts'
import { temporaryFolder } from '../support/files.ts'
import { measure } from './measure.ts'

const POSTS = 200
const BIN = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url))
const BASELINE = fileURLToPath(new URL('./remark-only.ts', import.meta.url))

const folder = temporaryFolder('vetted-bench-cli-')
const checker = currentCheckerKey({})
let bytes = 0
let claims = 0
for (let i = 0; i < POSTS; i++) {
  const name = `post-${String(i).padStart(3, '0')}.md`
  const markdown = `---\ntitle: Post ${i}\ndate: 2026-01-01\n---\n\n${generateCorpus(6000, i + 1)}`
  writeFileSync(join(folder, name), markdown)
  const ledger = generateLedger(markdown, name, detectClaims(markdown).length)
  for (const record of Object.values(ledger.claims)) record.checker = checker
  writeLedger(join(folder, name.replace(/\.md$/, '.vetted.json')), ledger)
  bytes += Buffer.byteLength(markdown)
  claims += Object.keys(ledger.claims).length
}

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' } })
  return result
}
const gate = run([BIN, 'check', '--ci', folder])
if (gate.status !== 0) {
  console.error(gate.stdout.split('\n').slice(-4).join('\n'), gate.stderr)
  throw new Error(`the gate should pass on warm ledgers (exit ${gate.status})`)
}
const times = await measure(5, {
  remark: () => run([BASELINE, folder, '--syntax', 'vetted']),
  commonmark: () => run([BASELINE, folder, '--syntax', 'commonmark']),
  vetted: () => run([BIN, 'check', '--ci', folder]),
})
console.log(`cli: vetted check --ci on ${POSTS} posts (${(bytes / 1024 / 1024).toFixed(2)} MB, ${claims} claims, warm ledgers)`)
console.log(
  `  remark (GFM, math, directives) alone: ${times.remark.toFixed(0)} ms | vetted check --ci: ${times.vetted.toFixed(0)} ms | ` +
    `ratio ${(times.vetted / times.remark).toFixed(2)}x (target <= 2x)`,
)
console.log(`  for the record, bare remark-parse: ${times.commonmark.toFixed(0)} ms (ratio ${(times.vetted / times.commonmark).toFixed(2)}x)`)
