// `pnpm eval:detect [FOLDER]`: how well claim detection picks the check-worthy
// sentences. A folder may hold two kinds of labelled posts:
// - `<name>.labels.json`: every sentence labelled check-worthy or not (our
//   development set, eval/detection/, the default): recall, precision and F1 per
//   post and overall, against the targets of issue 15 (recall >= 0.9 with at most a
//   third of the non-check-worthy sentences selected);
// - `<name>.flags.json`: quotes a public fact-checker flagged in a post none of us
//   wrote (e.g. ../shared/eval, which stays out of the repository): is every flag
//   covered, and is at most 60% of the post selected?
// Exits 1 when a target is missed, 2 when the folder holds neither.
// `--verbose` lists each missed check-worthy sentence and each false alarm.

import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { VettedInputError } from '@vetted/core'
import { evaluateLabels, scoresOf, type LabelledEval, type Scores } from './labels.ts'
import { evaluateFlags } from './recall.ts'

const RECALL_TARGET = 0.9
const FALSE_ALARM_LIMIT = 1 / 3
const SHARE_LIMIT = 0.6

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const folder = args.find((arg) => !arg.startsWith('--')) ?? join(import.meta.dirname, '../../eval/detection')
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(
    `eval:detect: ${folder} is not a folder; expected a folder of <name>.labels.json or <name>.flags.json files, e.g. pnpm eval:detect ../shared/eval`,
  )
  process.exit(2)
}
const files = readdirSync(folder).sort()
const labelFiles = files.filter((file) => file.endsWith('.labels.json'))
const flagFiles = files.filter((file) => file.endsWith('.flags.json'))
if (labelFiles.length === 0 && flagFiles.length === 0) {
  console.error(`eval:detect: ${resolve(folder)} holds no <name>.labels.json or <name>.flags.json file`)
  process.exit(2)
}

let failed = false
try {
  if (labelFiles.length > 0) failed = reportLabelled(labelFiles.map((name) => evaluateLabels(join(folder, name)))) || failed
  for (const name of flagFiles) failed = reportFlags(join(folder, name)) || failed
  process.exitCode = failed ? 1 : 0
} catch (error) {
  if (!(error instanceof VettedInputError)) throw error
  console.error(`eval:detect: ${error.message}`)
  process.exitCode = 2
}

/** Prints the table; true when a target is missed or a sentence has no label. */
function reportLabelled(results: LabelledEval[]): boolean {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(8)
  const row = (name: string, counts: string, scores: Scores) =>
    `${name.padEnd(22)}${counts.padStart(12)}${percent(scores.recall)}${percent(scores.precision)}${percent(scores.f1)}${percent(scores.falseAlarmRate)}`
  console.log(
    `${'post'.padEnd(22)}${'caught'.padStart(12)}${'recall'.padStart(8)}${'precis.'.padStart(8)}${'F1'.padStart(8)}${'alarms'.padStart(8)}`,
  )
  for (const result of results) {
    console.log(row(result.genre, `${result.caught}/${result.checkworthy}`, scoresOf([result])))
  }
  const overall = scoresOf(results)
  const caught = results.reduce((sum, result) => sum + result.caught, 0)
  const checkworthy = results.reduce((sum, result) => sum + result.checkworthy, 0)
  console.log(row('overall', `${caught}/${checkworthy}`, overall))
  console.log(
    `alarms: share of the sentences that are not check-worthy which detection selects. Targets: recall >= ${RECALL_TARGET}, alarms <= ${(FALSE_ALARM_LIMIT * 100).toFixed(1)}%.`,
  )
  if (verbose) {
    for (const result of results) {
      for (const sentence of result.sentences) {
        if (sentence.checkworthy === sentence.selected) continue
        const kind = sentence.checkworthy ? 'missed' : 'alarm '
        console.log(`  ${kind} ${result.genre}: [${sentence.reasons.join(', ')}] ${sentence.text}  (label: ${sentence.reason})`)
      }
    }
  }
  let failed = overall.recall < RECALL_TARGET || overall.falseAlarmRate > FALSE_ALARM_LIMIT
  for (const result of results) {
    for (const text of result.unlabelled) {
      console.error(
        `eval:detect: ${result.post}: no label for the sentence "${text}"; the splitting changed, so revisit the labels by hand`,
      )
      failed = true
    }
  }
  return failed
}

/** Prints the coverage of each flag; true when a flag is missed or too much is selected. */
function reportFlags(flagsFile: string): boolean {
  const result = evaluateFlags(flagsFile)
  const covered = result.flags.filter((flag) => flag.covered).length
  console.log(`${result.post}`)
  for (const flag of result.flags) {
    console.log(`  ${flag.covered ? 'covered' : 'MISSED '} ${flag.key}: ${flag.quote.slice(0, 90)}${flag.quote.length > 90 ? '…' : ''}`)
    for (const sentence of flag.sentences) {
      console.log(`      ${sentence.selected ? 'claim' : 'not  '} [${sentence.reasons.join(', ')}] ${sentence.text.slice(0, 80)}…`)
    }
  }
  console.log(`  recall ${covered}/${result.flags.length} (${(result.recall * 100).toFixed(0)}%)`)
  console.log(
    `  selected ${result.selected} of ${result.sentences} sentences (${(result.share * 100).toFixed(1)}%; target <= ${SHARE_LIMIT * 100}%)`,
  )
  return result.recall < 1 || result.share > SHARE_LIMIT
}
