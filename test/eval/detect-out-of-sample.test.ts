// Claim detection on eval/detection-out-of-sample/: five posts in genres the
// development set lacks, labelled before detection was first run on them (issue
// 25). The figures asserted are those of that first scoring, reported in
// README.md: a change to detection that moves them fails here, and the README's
// out-of-sample line must then be measured again (never tune on this folder).

import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { evaluateLabels } from './labels.ts'

const SCRIPT = fileURLToPath(new URL('./detect.ts', import.meta.url))
const FOLDER = fileURLToPath(new URL('../../eval/detection-out-of-sample/', import.meta.url))
const MOVED =
  'detection scores differently on the out-of-sample posts: measure them again (pnpm eval:detect eval/detection-out-of-sample) and update README.md and this test'

it('detection scores the out-of-sample posts as first measured, missing the targets it meets in-sample', () => {
  const run = spawnSync(process.execPath, [SCRIPT, FOLDER], { encoding: 'utf8' })
  expect(run.stderr).toBe('')
  for (const genre of ['recipe', 'travel guide', 'release notes', 'sports match report', 'interview']) {
    expect(run.stdout).toMatch(new RegExp(`^${genre} +\\d+/\\d+ `, 'm'))
  }
  // Recall 0.855 (under the 0.9 target) and half the other sentences selected
  // (over the third allowed): so the script exits 1.
  expect(run.stdout, MOVED).toMatch(/^overall +65\/76 +85\.5% +63\.7% +73\.0% +50\.0%$/m)
  expect(run.status).toBe(1)
})

it('detection selects 102 of the 150 out-of-sample sentences (68.0%)', () => {
  const results = readdirSync(FOLDER)
    .filter((name) => name.endsWith('.labels.json'))
    .map((name) => evaluateLabels(join(FOLDER, name)))
  expect(results.flatMap((result) => result.unlabelled)).toEqual([])
  const sentences = results.flatMap((result) => result.sentences)
  expect(sentences).toHaveLength(150)
  expect(sentences.filter((sentence) => sentence.checkworthy)).toHaveLength(76)
  expect(sentences.filter((sentence) => sentence.selected).length, MOVED).toBe(102)
})
