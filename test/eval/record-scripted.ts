// Make eval/recordings/scripted: `vetted eval --record` over eval/corpus against
// the fake server with a scripted model, a check of the harness (not of any
// model), and put the replay's output in README.md ("Evaluation"), where
// test/eval/recording.test.ts checks it. Run it again when the corpus, detection
// or the prompts change:
//   node test/eval/record-scripted.ts

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { vetted } from '../cli/support.ts'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { README_END, README_START, scriptedModel } from './scripted-model.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = `${ROOT}eval/corpus/`

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
  if (result.code !== 0) throw new Error(`vetted eval --record exited ${result.code}`)
  const replay = await vetted(['eval', '--replay', 'eval/recordings/scripted'], { cwd: ROOT })
  if (replay.code !== 0) throw new Error(`the replay failed: ${replay.stderr}`)
  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const start = readme.indexOf(README_START) + README_START.length
  const end = readme.indexOf(README_END)
  if (start < README_START.length || end < start) throw new Error('README.md has no place for the table (its markers are gone)')
  writeFileSync(`${ROOT}README.md`, `${readme.slice(0, start)}\n${replay.stdout.trim()}\n\n${readme.slice(end)}`)
  process.stdout.write(replay.stdout)
} finally {
  await fake.close()
}
