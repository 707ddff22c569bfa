// `pnpm eval:detect`: recall of claim detection on the real posts in ../shared/eval
// (quotes a public fact-checker flagged) and the share of sentences selected.

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { EVAL_FOLDER, evaluateFlags } from './recall.ts'

let failed = false
for (const name of readdirSync(EVAL_FOLDER).filter((file) => file.endsWith('.flags.json'))) {
  const result = evaluateFlags(join(EVAL_FOLDER, name))
  const covered = result.flags.filter((flag) => flag.covered).length
  console.log(`${result.post}`)
  for (const flag of result.flags) {
    console.log(`  ${flag.covered ? 'covered' : 'MISSED '} ${flag.key}: ${flag.quote.slice(0, 90)}${flag.quote.length > 90 ? '…' : ''}`)
    for (const sentence of flag.sentences) {
      console.log(`      ${sentence.selected ? 'claim' : 'not  '} [${sentence.reasons.join(', ')}] ${sentence.text.slice(0, 80)}…`)
    }
  }
  console.log(`  recall ${covered}/${result.flags.length} (${(result.recall * 100).toFixed(0)}%)`)
  console.log(`  selected ${result.selected} of ${result.sentences} sentences (${(result.share * 100).toFixed(1)}%; target <= 60%)`)
  if (result.recall < 1 || result.share > 0.6) failed = true
}
process.exitCode = failed ? 1 : 0
