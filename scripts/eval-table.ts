// `node scripts/eval-table.ts RECORDING [--answered-by TEXT]`: write README.md's
// evaluation table from a recording of `vetted eval` on eval/corpus (a folder
// made by `vetted eval --record RECORDING`). The table is the recording's replay,
// under a line saying which model answered, through what, and on which day. This
// is the one way the table is written: by hand after a run with a key, by the
// scheduled workflow (.github/workflows/eval.yml) and by
// test/eval/record-scripted.ts.
//
// `node scripts/eval-table.ts --check` replays the recording the README names and
// exits 1 unless the table is still exactly its output (test/eval/recording.test.ts).
//
// Run it from the repository's root; it changes nothing but README.md, and that
// only when the replay succeeded. Exit 2: a usage error, a README without the
// table's markers, or a recording that does not replay.

import { readFileSync, writeFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { run } from '../packages/cli/src/index.ts'

const README_START =
  '<!-- the evaluation table: written by node scripts/eval-table.ts RECORDING, checked by test/eval/recording.test.ts -->\n'
const README_END = '<!-- end of the evaluation table -->'
/** Who answered when --answered-by is not given: the provider `vetted eval` calls by default. */
const DEFAULT_ANSWERED_BY = "OpenAI's API"
// The line above the table, read back by --check.
const HEADER =
  /^Model (?<model>.+), answered by (?<answeredBy>.+), recorded on (?<date>\d{4}-\d{2}-\d{2}); the table is `vetted eval --replay (?<folder>[^`]+)`\.$/m

const USAGE = 'usage: node scripts/eval-table.ts RECORDING [--answered-by TEXT] | node scripts/eval-table.ts --check'

class TableError extends Error {}

/** The README's block for a recording: the line naming model, source and day, then the replay's output. */
async function tableFor(folder: string, answeredBy: string, cwd: string): Promise<string> {
  if (/[\n`]|, recorded on /.test(answeredBy))
    throw new TableError(`--answered-by takes one line without backticks or ", recorded on", not "${answeredBy}"`)
  let stdout = ''
  let stderr = ''
  // No key and no endpoint from the caller's environment: a replay needs neither.
  const code = await run(['eval', '--replay', folder], {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  })
  if (code !== 0) throw new TableError(`vetted eval --replay ${folder} failed (exit ${code}), README.md left as it was:\n${stderr.trim()}`)
  // run() has read and checked the recording; these two fields are what the line needs.
  const recording = JSON.parse(readFileSync(resolve(cwd, folder, 'recording.json'), 'utf8')) as { model: string; today: string }
  const model = recording.model.replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`)
  const header = `Model ${model}, answered by ${answeredBy}, recorded on ${recording.today}; the table is \`vetted eval --replay ${folder}\`.`
  return `${header}\n\n${stdout.trim()}\n`
}

/** README.md split around the table's markers. */
function readReadme(path: string): { before: string; table: string; after: string } {
  let readme: string
  try {
    readme = readFileSync(path, 'utf8')
  } catch {
    throw new TableError(`${path}: cannot be read; run this from the repository's root`)
  }
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start < 0 || end < start)
    throw new TableError(
      `${path}: no place for the evaluation table: expected a line "${README_START.trim()}" and, below it, "${README_END}"`,
    )
  const from = start + README_START.length
  return { before: readme.slice(0, from), table: readme.slice(from, end).trim(), after: readme.slice(end) }
}

async function main(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'answered-by': { type: 'string' }, check: { type: 'boolean' } },
  })
  const readmePath = resolve(cwd, 'README.md')
  const readme = readReadme(readmePath)
  if (values.check) {
    if (positionals.length > 0 || values['answered-by'] !== undefined)
      throw new TableError(`--check takes nothing else: it replays the recording README.md names\n${USAGE}`)
    const named = HEADER.exec(readme.table)?.groups
    if (!named)
      throw new TableError(
        `${readmePath}: the evaluation table has no line "Model ..., answered by ..., recorded on YYYY-MM-DD; the table is \`vetted eval --replay FOLDER\`."`,
      )
    const expected = (await tableFor(named['folder']!, named['answeredBy']!, cwd)).trim()
    if (expected === readme.table) return 0
    process.stderr.write(
      `${readmePath}: the evaluation table is not the output of vetted eval --replay ${named['folder']}: the corpus, detection or the prompts changed since it was recorded. Record again (test/eval/record-scripted.ts for the scripted recording; the eval workflow or vetted eval --record for a model's), then run node scripts/eval-table.ts FOLDER\n`,
    )
    return 1
  }
  if (positionals.length !== 1) throw new TableError(USAGE)
  // The README names the folder as it is from the root, with forward slashes.
  const folder = relative(cwd, resolve(cwd, positionals[0]!)).split(sep).join('/')
  const table = await tableFor(folder, values['answered-by'] ?? DEFAULT_ANSWERED_BY, cwd)
  writeFileSync(readmePath, `${readme.before}\n${table}\n${readme.after}`)
  process.stdout.write(table)
  return 0
}

try {
  process.exitCode = await main(process.argv.slice(2), process.cwd())
} catch (error) {
  const badArgument = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  if (!(error instanceof TableError) && !badArgument) throw error
  process.stderr.write(`eval-table: ${error.message}\n`)
  process.exitCode = 2
}
