// Does remark-vetted's work grow in step with the post? The plugin alone, on a
// tree parsed beforehand, over a generated document of 1 MB (1,000 ledger
// entries) and of 10 MB (10,000): its time per MB at 10x must stay within 1.3
// times its time per MB at 1x. Nobody writes a 10 MB post; this only guards
// against work that is quadratic in the post or the ledger (the quote search, the
// ledger lookups). What users wait for is in pipeline.ts.
// `node --expose-gc test/bench/linearity.ts`

import { correctionId, fingerprint, type Ledger } from '@vetted/core'
import { VFile } from 'vfile'
import { generateCorpus, generateLedger } from '../support/corpus.ts'
import { median } from './measure.ts'
import { markdownToTree } from './processors.ts'

const MB = 1024 * 1024
const TARGET = 1.3

/** The corpus's ledger plus, per ten entries, one correction whose sentence was reworded and one whose quote is gone. */
function ledgerOf(markdown: string, entries: number): Ledger {
  const ledger = generateLedger(markdown, 'corpus.md', entries)
  Object.values(ledger.corrections).forEach((correction, index) => {
    const gone = fingerprint(`An earlier draft of sentence ${index}.`)
    // Reworded: the quote still occurs somewhere in the prose; stale: it never does.
    const quote = index % 2 === 0 ? correction.quote : `a quote removed in draft ${index}`
    const id = correctionId('corpus.md', gone, quote)
    ledger.corrections[id] = { ...correction, id, claim: gone, quote }
  })
  return ledger
}

/** Milliseconds per MB of the plugin's own run, the median of `rounds` (each on a freshly parsed tree: the run changes it). */
function pluginMsPerMb(megabytes: number, rounds: number): number {
  const markdown = generateCorpus(megabytes * MB, 7)
  const processor = markdownToTree({ ledger: ledgerOf(markdown, megabytes * 1000) })
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const file = new VFile({ value: markdown, path: 'corpus.md' })
    const tree = processor.parse(file)
    globalThis.gc?.()
    const start = performance.now()
    processor.runSync(tree, file)
    times.push(performance.now() - start)
  }
  return median(times) / (Buffer.byteLength(markdown) / MB)
}

pluginMsPerMb(1, 2) // warm-up: module loading, JIT
const small = pluginMsPerMb(1, 5)
const large = pluginMsPerMb(10, 3)
const growth = large / small
console.log('linearity: remark-vetted alone on a parsed tree, generated corpus of 1 MB (1,000 ledger entries) and 10 MB (10,000)')
console.log(
  `  ${small.toFixed(0)} ms/MB at 1x (median of 5) | ${large.toFixed(0)} ms/MB at 10x (median of 3) | ` +
    `growth ${growth.toFixed(2)}, target <= ${TARGET}: ${growth <= TARGET ? 'met' : 'NOT MET'}`,
)
if (growth > TARGET) process.exitCode = 1
