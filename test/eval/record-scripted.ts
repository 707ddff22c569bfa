// Make eval/recordings/scripted: `vetted eval --record` over eval/corpus against
// the fake server with a scripted model, a check of the harness (not of any
// model). Run it again when the corpus, detection or the prompts change:
//   node test/eval/record-scripted.ts
// then paste its table into README.md ("Evaluation"); test/eval/recording.test.ts
// checks that the replay's output equals the README's table.

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { vetted } from '../cli/support.ts'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { scriptedModel } from './scripted-model.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = `${ROOT}eval/corpus/`

/**
 * The script: every labelled error whose sentence is sent is flagged (its
 * labelled words quoted), except every fourth label (in file order), which the
 * model judges fine; and a correct sentence is flagged when the first hex digit
 * two hex digits of its SHA-256 are 00 (about one in 256), quoting its first three words.
 */
const labels = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.flags.json'))
  .sort()
  .flatMap((name) => (JSON.parse(readFileSync(CORPUS + name, 'utf8')) as { flags: Array<{ quote: string }> }).flags)
const caught = labels.filter((_, index) => index % 4 !== 3).map((label) => label.quote)

const fake = await startFakeOpenAI()
fake.setHandler(scriptedModel((claim) => {
  const label = labels.find((l) => claim.text.includes(l.quote))
  if (label) return caught.includes(label.quote) ? label.quote : undefined
  if (createHash('sha256').update(claim.text).digest('hex').startsWith('00')) return claim.text.split(' ').slice(0, 3).join(' ')
  return undefined
}))
try {
  const result = await vetted(['eval', 'eval/corpus', '--record', 'eval/recordings/scripted'], {
    cwd: ROOT,
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL },
  })
  process.stderr.write(result.stderr)
  process.stdout.write(result.stdout)
  process.exitCode = result.code
} finally {
  await fake.close()
}
