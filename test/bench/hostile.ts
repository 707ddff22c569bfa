// Hostile input costs about what ordinary input of its size costs. The suite
// checks what a user sees on such input (test/cli/pathological.test.ts,
// test/fuzz.test.ts, test/ledger-safety.test.ts); what it costs, against ordinary
// input measured in the same rounds, is here:
//   pathological  each 1 MB case of test/support/pathological.ts through
//                 `vetted check --ci` in this process, against 1 MB of plain prose
//   fuzz          300 seeded Markdown-like inputs (the fuzz test's pieces, up to 300
//                 of them) through remark-vetted in a unified pipeline, against
//                 plain prose of the same lengths
//   ledger        a reasoning past the Markdown limits, refused by the gate and by
//                 the plugin, against a reasoning of plain prose of the same size
// What the limits stop is super-linear: minutes, hundreds of times the baseline.
// `node --expose-gc test/bench/hostile.ts` (BENCH_ROUNDS: rounds, default 2;
// BENCH_KB: the pathological cases' size, default 1024; BENCH_HOSTILE: which
// parts, e.g. `ledger,fuzz`, default all)

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { run } from '@vetted/cli'
import { emptyLedger } from '@vetted/core'
import fc from 'fast-check'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { ledgerFor } from '../site/support.ts'
import { temporaryFolder } from '../support/files.ts'
import { markdownLike } from '../support/markdown-like.ts'
import { PATHOLOGICAL, PLAIN_PROSE, REASONING_PAST_THE_LIMITS } from '../support/pathological.ts'
import { measure, median, ratio } from './measure.ts'
import { markdownToHtml } from './processors.ts'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2)
const SIZE = Number(process.env['BENCH_KB'] ?? 1024) * 1024
/** Each pathological case against plain prose of its size. */
const TARGET_CASE = 1.5
/** The fuzz inputs against plain prose of the same lengths, all of them. */
const TARGET_FUZZ = 3
/** A refused reasoning against plain prose of its size (which is read, and rendered). */
const TARGET_LEDGER = 1.5
/** Runs of a ledger variant per timed sample: one run takes milliseconds, too few to time alone. */
const LEDGER_RUNS = 30

const folders: string[] = []
let failed = false

/** A project folder holding `files` (path -> text). */
function project(files: Record<string, string>): string {
  const root = temporaryFolder('vetted-bench-hostile-')
  folders.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

/** `vetted check --ci` in this process, output dropped: the exit code. No key and no server: --ci never calls the checker. */
function gate(cwd: string): Promise<number> {
  const env = { ...process.env }
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'FORCE_COLOR', 'GITHUB_ACTIONS']) delete env[name]
  const drop = { isTTY: false, write: () => true }
  return run(['check', '--ci'], { cwd, env, stdout: drop, stderr: drop })
}

function report(name: string, result: { met: boolean; text: string }, detail: string): void {
  console.log(`  ${name}: ${detail} | ${result.text}`)
  if (!result.met) failed = true
}

const ms = (values: number[]) => `${median(values).toFixed(0)} ms`

async function pathological(): Promise<void> {
  const cases: Record<string, string> = { 'plain prose': PLAIN_PROSE(SIZE) }
  for (const [name, make] of Object.entries(PATHOLOGICAL)) cases[name] = make(SIZE)
  const variants: Record<string, () => Promise<number>> = {}
  for (const [name, markdown] of Object.entries(cases)) {
    const cwd = project({ 'content/case.md': markdown })
    variants[name] = () => gate(cwd)
  }
  const times = await measure(ROUNDS, variants)
  console.log(
    `pathological: vetted check --ci on ${SIZE / 1024} KB cases, each against ${SIZE / 1024} KB of plain prose (${ms(times['plain prose']!)}), median of ${ROUNDS} rounds`,
  )
  const results = Object.keys(PATHOLOGICAL)
    .map((name) => ({ name, result: ratio(times[name]!, times['plain prose']!, TARGET_CASE) }))
    .sort((a, b) => b.result.value - a.result.value)
  for (const { name, result } of results) report(name, result, ms(times[name]!))
}

async function fuzz(): Promise<void> {
  const inputs = fc.sample(markdownLike(300, 'max'), { numRuns: 300, seed: 23 })
  const prose = inputs.map((input) => PLAIN_PROSE(input.length))
  const processor = markdownToHtml({ ledger: emptyLedger('post.md') })
  const renderAll = (texts: string[]) => async () => {
    for (const value of texts) await processor.process(new VFile({ value, path: 'post.md' }))
  }
  const times = await measure(ROUNDS * 3, { prose: renderAll(prose), fuzz: renderAll(inputs) })
  // For the record: the input that costs most, timed alone, and its prose.
  let worst = { ms: 0, proseMs: 0, length: 0 }
  for (const [index, input] of inputs.entries()) {
    const took: number[] = []
    for (const value of [input, prose[index]!]) {
      const start = performance.now()
      await processor.process(new VFile({ value, path: 'post.md' }))
      took.push(performance.now() - start)
    }
    if (took[0]! > worst.ms) worst = { ms: took[0]!, proseMs: took[1]!, length: input.length }
  }
  const characters = inputs.reduce((sum, input) => sum + input.length, 0)
  console.log(
    `fuzz: remark-vetted in a unified pipeline, ${inputs.length} Markdown-like inputs (${characters} characters), median of ${ROUNDS * 3} rounds`,
  )
  report(
    'all inputs against plain prose of the same lengths',
    ratio(times.fuzz, times.prose, TARGET_FUZZ),
    `${ms(times.fuzz)} against ${ms(times.prose)}; for the record, the costliest input alone ${worst.ms.toFixed(1)} ms (${worst.length} characters; its prose ${worst.proseMs.toFixed(1)} ms)`,
  )
}

async function ledger(): Promise<void> {
  const post = `---\ntitle: The telegraph\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after several failed attempts.\n`
  const withReasoning = (reasoning: string) =>
    project({
      'content/post.md': post,
      'content/post.vetted.json': ledgerFor('post.md', post, [
        {
          quote: 'completed in 1866',
          status: 'annotate',
          summary: 'The first cable was completed in 1858.',
          reasoning,
          sources: [{ url: 'https://example.org/atlantic-cable/1858', title: 'Atlantic cable', quote: 'Completed on 5 August 1858.' }],
        },
      ]),
    })
  const render = (cwd: string) => () => {
    const path = join(cwd, 'content/post.md')
    return unified()
      .use(remarkParse)
      .use(remarkDirective)
      .use(remarkVetted)
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(new VFile({ path, value: readFileSync(path, 'utf8') }))
  }
  const repeated = (work: () => unknown) => async (): Promise<void> => {
    for (let i = 0; i < LEDGER_RUNS; i++) await work()
  }
  const variants: Record<string, () => unknown> = {}
  for (const [kind, reasoning] of Object.entries(REASONING_PAST_THE_LIMITS)) {
    const refused = withReasoning(reasoning)
    const prose = withReasoning(PLAIN_PROSE(reasoning.length))
    if ((await gate(prose)) !== 0 || (await gate(refused)) !== 2) throw new Error(`the gate should pass plain prose and refuse ${kind}`)
    for (const [step, work] of Object.entries({ gate: (cwd: string) => () => gate(cwd), render })) {
      variants[`${step}, ${kind}`] = repeated(work(refused))
      variants[`${step}, prose as long as ${kind}`] = repeated(work(prose))
    }
  }
  const rounds = ROUNDS * 5
  const times = await measure(rounds, variants)
  console.log(
    `ledger: a reasoning past the Markdown limits against plain prose of its size, ${LEDGER_RUNS} runs a sample, median of ${rounds} rounds`,
  )
  for (const kind of Object.keys(REASONING_PAST_THE_LIMITS)) {
    for (const step of ['gate', 'render']) {
      const [name, baseline] = [`${step}, ${kind}`, `${step}, prose as long as ${kind}`]
      report(name, ratio(times[name]!, times[baseline]!, TARGET_LEDGER), `${ms(times[name]!)} against ${ms(times[baseline]!)}`)
    }
  }
}

try {
  const only = process.env['BENCH_HOSTILE']?.split(',')
  for (const [name, part] of Object.entries({ ledger, fuzz, pathological })) if (!only || only.includes(name)) await part()
} finally {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
}
if (failed) process.exitCode = 1
