// Issue 2's benchmark: parse -> remark-vetted -> rehype-stringify on a >= 1 MB
// corpus with a 1,000-entry ledger, against the same pipeline without the plugin,
// in the same run; then again on a corpus ten times larger (cost must stay linear).

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

function pipelines(ledger: ReturnType<typeof generateLedger>) {
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
  const ledger = generateLedger(markdown, 'corpus.md', entries)
  const { baseline, vetted } = pipelines(ledger)
  const file = () => new VFile({ value: markdown, path: 'corpus.md' })
  const cards = Object.keys(ledger.corrections).length
  const html = String(await vetted.process(file()))
  const shown = (html.match(/class="vetted-card"/g) ?? []).length
  const result = await measure(rounds, {
    baseline: () => baseline.process(file()),
    vetted: () => vetted.process(file()),
  })
  return { bytes: Buffer.byteLength(markdown), entries: Object.keys(ledger.claims).length + Object.keys(ledger.corrections).length, cards, shown, ...result }
}

export async function benchPipeline() {
  const small = await run(1.05 * MB, 1000, 5)
  const large = await run(10.5 * MB, 10_000, 1)
  const mbps = (bytes: number, ms: number) => (bytes / MB / (ms / 1000)).toFixed(2)
  console.log('pipeline: parse -> remark-vetted -> rehype-stringify')
  for (const [label, r] of [['1x', small], ['10x', large]] as const) {
    console.log(
      `  ${label}: ${(r.bytes / MB).toFixed(2)} MB, ${r.entries} ledger entries (claims + corrections), ${r.shown}/${r.cards} cards | ` +
        `baseline ${r.baseline.toFixed(0)} ms (${mbps(r.bytes, r.baseline)} MB/s), ` +
        `vetted ${r.vetted.toFixed(0)} ms (${mbps(r.bytes, r.vetted)} MB/s) | ratio ${(r.vetted / r.baseline).toFixed(3)}x (target <= 1.3x)`,
    )
  }
  // remark's own parse grows faster than linearly on one huge document; what the
  // plugin adds is (vetted - baseline), and that should grow with the size.
  const addedPerMb = (r: typeof small) => (r.vetted - r.baseline) / (r.bytes / MB)
  console.log(
    `  growth: time the plugin adds per MB: ${addedPerMb(small).toFixed(0)} ms at 1x, ${addedPerMb(large).toFixed(0)} ms at 10x ` +
      `(ratio ${(addedPerMb(large) / addedPerMb(small)).toFixed(2)}; linear ~ 1)`,
  )
  return { small, large }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline()
