// The CI gate's benchmark: `vetted check --ci` over the 200 posts of the
// benchmark blog with their settled ledgers, in one process as CI runs it,
// against reading and parsing the same posts with remark alone, with the syntax
// vetted reads (GFM, $$ math, directives): the ratio the target is about; and, for
// the record, with bare remark-parse. Each is a fresh process, so each pays
// Node's start-up; the median of interleaved runs.
// `node test/bench/cli.ts` (BENCH_ROUNDS: rounds, default 5)

import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describeBlog, generateBlog, writeBlog } from '../support/posts.ts'
import { temporaryFolder } from '../support/files.ts'
import { measure, median, ratio } from './measure.ts'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5)
const TARGET = 2
const BIN = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url))
const BASELINE = fileURLToPath(new URL('./remark-only.ts', import.meta.url))

const posts = generateBlog(200)
const folder = temporaryFolder('vetted-bench-cli-')
try {
  writeBlog(folder, posts)
  // No key and no server: --ci never calls the checker, and nothing here could.
  const run = (args: string[]) =>
    spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' } })
  const gate = run([BIN, 'check', '--ci', folder])
  if (gate.status !== 0) {
    console.error(gate.stdout.split('\n').slice(-6).join('\n'), gate.stderr)
    throw new Error(`the gate should pass on settled ledgers (exit ${gate.status})`)
  }
  const times = await measure(ROUNDS, {
    remark: () => run([BASELINE, folder, '--syntax', 'vetted']),
    commonmark: () => run([BASELINE, folder, '--syntax', 'commonmark']),
    vetted: () => run([BIN, 'check', '--ci', folder]),
  })
  const result = ratio(times.vetted, times.remark, TARGET)
  console.log(`cli: vetted check --ci, one process over the blog, against remark (GFM, math, directives) parsing the same files`)
  console.log(`  ${describeBlog(posts)}`)
  console.log(
    `  median of ${ROUNDS} runs: remark ${median(times.remark).toFixed(0)} ms | vetted check --ci ${median(times.vetted).toFixed(0)} ms | ${result.text}`,
  )
  console.log(
    `  for the record, bare remark-parse: ${median(times.commonmark).toFixed(0)} ms (vetted ${(median(times.vetted) / median(times.commonmark)).toFixed(2)}x that)`,
  )
  if (!result.met) process.exitCode = 1
} finally {
  rmSync(folder, { recursive: true, force: true })
}
