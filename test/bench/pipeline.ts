// Issue 2's benchmark: parse -> remark-vetted -> rehype-stringify on a >= 1 MB
// corpus with a 1,000-entry ledger, against the same pipeline without the plugin,
// in the same run; then again on a corpus ten times larger (cost must stay linear).
//
// The ledger holds what a real one holds: verdicts, corrections attached in their
// claim, corrections whose sentence was reworded (found anywhere in the post) and
// stale ones (their quote is gone). `node test/bench/pipeline.ts [--quick]`
// (--quick: the 1x corpus only).

import { correctionId, fingerprint, type Ledger } from '@vetted/core'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
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

async function run(size: number, entries: number, rounds: number) {
  const markdown = generateCorpus(size, 7)
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
  for (let round = 0; round < rounds; round++) {
    const input = file()
    const tree = plugin.parse(input)
    const start = performance.now()
    await plugin.run(tree, input)
    alone.push(performance.now() - start)
  }
  alone.sort((a, b) => a - b)
  return {
    bytes: Buffer.byteLength(markdown),
    claimRecords: Object.keys(ledger.claims).length,
    corrections: Object.keys(ledger.corrections).length,
    stale: data.stale.length,
    claims: data.claims.length,
    shown,
    plugin: alone[Math.floor(alone.length / 2)]!,
    ...result,
  }
}

export async function benchPipeline(quick = false) {
  const small = await run(1.05 * MB, 1000, 9)
  const large = quick ? undefined : await run(10.5 * MB, 10_000, 1)
  const mbps = (bytes: number, ms: number) => (bytes / MB / (ms / 1000)).toFixed(2)
  console.log('pipeline: parse -> remark-directive -> remark-vetted -> remark-rehype -> rehype-stringify, against the same without remark-vetted')
  const rows = large ? ([['1x', small], ['10x', large]] as const) : ([['1x', small]] as const)
  for (const [label, r] of rows) {
    console.log(
      `  ${label}: ${(r.bytes / MB).toFixed(2)} MB, ${r.claims} claims detected; ledger: ${r.claimRecords} claim records + ${r.corrections} corrections ` +
        `(${r.shown} cards, ${r.stale} stale) | baseline ${r.baseline.toFixed(0)} ms (${mbps(r.bytes, r.baseline)} MB/s), ` +
        `vetted ${r.vetted.toFixed(0)} ms (${mbps(r.bytes, r.vetted)} MB/s) | ratio ${(r.vetted / r.baseline).toFixed(3)}x (target <= 1.3x)`,
    )
  }
  const perMb = (r: typeof small) => r.plugin / (r.bytes / MB)
  if (large) {
    // remark's own parse grows faster than linearly on one huge document (GC over a
    // bigger heap), so the growth of the plugin is read from its own time per MB.
    console.log(
      `  plugin alone: ${perMb(small).toFixed(0)} ms/MB at 1x, ${perMb(large).toFixed(0)} ms/MB at 10x ` +
        `(growth ${(perMb(large) / perMb(small)).toFixed(2)}; linear = 1); ratio at 10x ${(large.vetted / large.baseline).toFixed(3)}x`,
    )
  } else {
    console.log(`  plugin alone: ${perMb(small).toFixed(0)} ms/MB`)
  }
  return { small, large }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline(process.argv.includes('--quick'))
