// Make eval/recordings/scripted: `vetted eval --record` over eval/corpus against
// the fake server with a scripted model, a check of the harness (not of any
// model), and put the replay's output in README.md ("Evaluation") with
// scripts/eval-table.ts, where test/eval/recording.test.ts checks it. Run it
// again when the corpus, detection or the prompts change:
//   node test/eval/record-scripted.ts

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { vetted } from '../cli/support.ts'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { scriptedModel } from './scripted-model.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = `${ROOT}eval/corpus/`
/** What the README's table says answered: not a model. */
const ANSWERED_BY =
  "a scripted model on the test suite's fake server (test/eval/record-scripted.ts), a check of the harness and not of any model"

/**
 * The script: every labelled error whose sentence is sent is flagged (its
 * labelled words quoted), except every fourth label (in file order), which the
 * model judges fine; the screen calls no sentence check-worthy (so errors in
 * sentences detection does not select are screened out); and a correct sentence
 * is flagged when the first two hex digits of its SHA-256 are 00 (about one in
 * 256), quoting its first three words.
 */
const labels = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.flags.json'))
  .sort()
  .flatMap((name) => (JSON.parse(readFileSync(CORPUS + name, 'utf8')) as { flags: Array<{ quote: string }> }).flags)
const caught = labels.filter((_, index) => index % 4 !== 3).map((label) => label.quote)

const fake = await startFakeOpenAI()
fake.setHandler(
  scriptedModel((claim) => {
    const label = labels.find((l) => claim.text.includes(l.quote))
    if (label) return caught.includes(label.quote) ? label.quote : undefined
    if (createHash('sha256').update(claim.text).digest('hex').startsWith('00')) return claim.text.split(' ').slice(0, 3).join(' ')
    return undefined
  }),
)
try {
  const result = await vetted(['eval', 'eval/corpus', '--record', 'eval/recordings/scripted'], {
    cwd: ROOT,
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL },
  })
  process.stderr.write(result.stderr)
  if (result.code !== 0) throw new Error(`vetted eval --record exited ${result.code}`)
  // The README's table, written the one way it is written (it replays the recording).
  execFileSync(process.execPath, ['scripts/eval-table.ts', 'eval/recordings/scripted', '--answered-by', ANSWERED_BY], {
    cwd: ROOT,
    stdio: 'inherit',
  })
} finally {
  await fake.close()
}
