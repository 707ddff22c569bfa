// Issue 2's benchmark: parse -> remark-vetted -> rehype-stringify on a >= 1 MB
// corpus with a 1,000-entry ledger, against the same pipeline without the plugin,
// in the same run; then again on a corpus ten times larger (cost must stay linear).
//
// Two corpora of 1 MB: the generated one (short sentences, dense inline markup:
// most sentences are claims, and remark's own parse is slow on the markup) and
// real prose (a published post none of us wrote, ../shared/eval, repeated with
// its numbers shifted so that no two copies share a sentence: long sentences,
// little markup, a fast parse, so the plugin's share is larger).
//
// The ledger holds what a real one holds: verdicts, corrections attached in their
// claim, corrections whose sentence was reworded (found anywhere in the post) and
// stale ones (their quote is gone). `node test/bench/pipeline.ts [--quick]`
// (--quick: no 10x corpus).

import { blankFrontmatter, correctionId, fingerprint, type Ledger } from '@vetted/core'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { EVAL_FOLDER } from '../eval/recall.ts'
import { generateCorpus, generateLedger } from '../support/corpus.ts'
import { measure } from './measure.ts'

const MB = 1024 * 1024

/** The corpus's ledger plus, per ten entries, one reworded-sentence and one stale correction. */
function benchLedger(markdown: string, entries: number): Ledger {
  const ledger = generateLedger(markdown, 'corpus.md', entries)
  const attached = Object.values(ledger.corrections)
  attached.forEach((correction, index) => {
    const gone = fingerprint(`An earlier draft of sentence ${index}.`)
    const moved = index % 2 === 0
    // Reworded: the quote (the claim's first words) still occurs; stale: it never does.
    const quote = moved ? correction.quote : `a quote removed in draft ${index}`
    const id = correctionId('corpus.md', gone, quote)
    ledger.corrections[id] = { ...correction, id, claim: gone, quote }
  })
  return ledger
}

function pipelines(ledger: Ledger) {
  const baseline = unified().use(remarkParse).use(remarkDirective).use(remarkRehype).use(rehypeStringify).freeze()
  const vetted = unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkVetted, { ledger })
    .use(remarkRehype)
    .use(rehypeStringify)
    .freeze()
  return { baseline, vetted }
}

/** The real post, its frontmatter blanked, repeated to `bytes`; each copy's numbers shifted by its index. */
function realProse(bytes: number): string {
  const post = blankFrontmatter(readFileSync(join(EVAL_FOLDER, 'posts/gradient-hacking.md'), 'utf8')).body
  const copies: string[] = []
  let size = 0
  for (let copy = 0; size < bytes; copy++) {
    const shifted = post.replace(/\d+/g, (digits) => String(Number(digits) + copy))
    copies.push(shifted)
    size += Buffer.byteLength(shifted) + 2
  }
  return copies.join('\n\n')
}

// Garbage-collection pauses, to tell the plugin's own work from the collection of
// a heap that grows with the corpus (at 10x, gigabytes of tree).
// Observed only around the plugin's own runs: an observer costs every collection an entry.
const pauses: Array<{ start: number; end: number }> = []
const pauseObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration })
})

/** Milliseconds of collection pauses between `start` and `end` (the observer reports them a turn later). */
async function pausesBetween(start: number, end: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 10))
  let total = 0
  for (const pause of pauses) total += Math.max(0, Math.min(pause.end, end) - Math.max(pause.start, start))
  pauses.length = 0
  return total
}

async function run(markdown: string, entries: number, rounds: number) {
  const ledger = benchLedger(markdown, entries)
  const { baseline, vetted } = pipelines(ledger)
  const file = () => new VFile({ value: markdown, path: 'corpus.md' })
  const checked = file()
  const html = String(await vetted.process(checked))
  const data = checked.data.vetted!
  const shown = (html.match(/class="vetted-card"/g) ?? []).length
  const result = await measure(rounds, {
    baseline: () => baseline.process(file()),
    vetted: () => vetted.process(file()),
  })
  // The plugin alone, on a tree parsed beforehand (the tree is changed by the run, so one parse per round).
  const plugin = unified().use(remarkParse).use(remarkDirective).use(remarkVetted, { ledger }).freeze()
  const alone: number[] = []
  const working: number[] = []
  pauseObserver.observe({ entryTypes: ['gc'] })
  for (let round = 0; round < rounds; round++) {
    const input = file()
    const tree = plugin.parse(input)
    const start = performance.now()
    await plugin.run(tree, input)
    const end = performance.now()
    alone.push(end - start)
    working.push(end - start - (await pausesBetween(start, end)))
  }
  pauseObserver.disconnect()
  alone.sort((a, b) => a - b)
  working.sort((a, b) => a - b)
  return {
    bytes: Buffer.byteLength(markdown),
    claimRecords: Object.keys(ledger.claims).length,
    corrections: Object.keys(ledger.corrections).length,
    stale: data.stale.length,
    claims: data.claims.length,
    shown,
    plugin: alone[Math.floor(alone.length / 2)]!,
    pluginWorking: working[Math.floor(working.length / 2)]!,
    ...result,
  }
}

export async function benchPipeline(quick = false) {
  const small = await run(generateCorpus(1.05 * MB, 7), 1000, 9)
  const prose = await run(realProse(1.05 * MB), 1000, 9)
  const large = quick ? undefined : await run(generateCorpus(10.5 * MB, 7), 10_000, 1)
  const mbps = (bytes: number, ms: number) => (bytes / MB / (ms / 1000)).toFixed(2)
  console.log('pipeline: parse -> remark-directive -> remark-vetted -> remark-rehype -> rehype-stringify, against the same without remark-vetted')
  const rows: Array<[string, typeof small]> = [['1x generated', small], ['1x real prose', prose]]
  if (large) rows.push(['10x generated', large])
  for (const [label, r] of rows) {
    console.log(
      `  ${label}: ${(r.bytes / MB).toFixed(2)} MB, ${r.claims} claims detected; ledger: ${r.claimRecords} claim records + ${r.corrections} corrections ` +
        `(${r.shown} cards, ${r.stale} stale) | baseline ${r.baseline.toFixed(0)} ms (${mbps(r.bytes, r.baseline)} MB/s), ` +
        `vetted ${r.vetted.toFixed(0)} ms (${mbps(r.bytes, r.vetted)} MB/s) | ratio ${(r.vetted / r.baseline).toFixed(3)}x (target <= 1.3x)`,
    )
  }
  const perMb = (r: typeof small) => r.plugin / (r.bytes / MB)
  const workingPerMb = (r: typeof small) => r.pluginWorking / (r.bytes / MB)
  console.log(
    `  plugin alone: ${perMb(small).toFixed(0)} ms/MB generated, ${perMb(prose).toFixed(0)} ms/MB real prose ` +
      `(outside collection pauses: ${workingPerMb(small).toFixed(0)} and ${workingPerMb(prose).toFixed(0)})`,
  )
  if (large) {
    // remark's own time per MB grows on one huge document (collection over a bigger
    // heap: see the baseline's MB/s), and the plugin's with it; its own work is read
    // outside the collection pauses.
    console.log(
      `  growth: plugin alone ${perMb(large).toFixed(0)} ms/MB at 10x against ${perMb(small).toFixed(0)} at 1x (${(perMb(large) / perMb(small)).toFixed(2)}); ` +
        `outside collection pauses ${workingPerMb(large).toFixed(0)} against ${workingPerMb(small).toFixed(0)} ` +
        `(growth ${(workingPerMb(large) / workingPerMb(small)).toFixed(2)}; linear = 1); ratio at 10x ${(large.vetted / large.baseline).toFixed(3)}x`,
    )
  }
  return { small, prose, large }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline(process.argv.includes('--quick'))
