// `pnpm eval:detect FOLDER`: recall of claim detection on labelled posts none of us
// wrote (e.g. ../shared/eval: quotes a public fact-checker flagged, in
// `<name>.flags.json` beside each post) and the share of sentences selected. Such
// text stays out of the repository, so its folder is an argument.

import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { evaluateFlags } from './recall.ts'

const folder = process.argv[2]
if (!folder || !existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(`eval:detect: ${folder ? `${folder} is not a folder` : 'no folder given'}; expected a folder of <name>.flags.json files, e.g. pnpm eval:detect ../shared/eval`)
  process.exit(2)
}
const flagFiles = readdirSync(folder).filter((file) => file.endsWith('.flags.json'))
if (flagFiles.length === 0) {
  console.error(`eval:detect: ${resolve(folder)} holds no <name>.flags.json file`)
  process.exit(2)
}

let failed = false
for (const name of flagFiles) {
  const result = evaluateFlags(join(folder, name))
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
