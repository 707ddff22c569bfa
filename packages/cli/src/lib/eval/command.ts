// `vetted eval [folder] [options]` and `vetted eval --compare a.json b.json`.

import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { VettedInputError, plain } from '@vetted/core'
import { parseJsonAs, readRegularText } from '@vetted/core/internal'
import { EvalResultSchema, type EvalResult } from '../../schemas/eval.ts'
import { formatOption, parse } from '../args.ts'
import type { Io } from '../cli.ts'
import { loadConfig, withConfirmedEndpoint } from '../config.ts'
import { UsageError } from '../errors.ts'
import { EVAL_HELP } from '../help.ts'
import { displayPath } from '../report/build.ts'
import { compareMarkdown, evalMarkdown } from './markdown.ts'
import { EvalInterrupted, runEval } from './run.ts'

const FORMATS = ['markdown', 'json'] as const

export async function evalCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    json: { type: 'string' },
    runs: { type: 'string' },
    record: { type: 'string' },
    replay: { type: 'string' },
    compare: { type: 'boolean' },
    config: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(EVAL_HELP)
    return 0
  }
  const format = formatOption(values.format, FORMATS)

  if (values.compare) {
    if (positionals.length !== 2)
      throw new UsageError('--compare takes two results of vetted eval --json: vetted eval --compare a.json b.json')
    const [a, b] = positionals.map((path) => readResult(resolve(io.cwd, path), io.cwd)) as [EvalResult, EvalResult]
    io.stdout.write(compareMarkdown(a, b, [positionals[0]!, positionals[1]!]))
    return 0
  }
  if (positionals.length > 1) throw new UsageError('eval takes one corpus folder (default: eval/corpus)')
  if (values.record && values.replay) throw new UsageError('--record keeps live responses; --replay serves kept ones: give one')
  let runs: number | undefined
  if (values.runs !== undefined) {
    runs = Number(values.runs)
    if (!Number.isInteger(runs) || runs < 1 || runs > 100)
      throw new UsageError(`--runs takes a whole number from 1 to 100, not "${values.runs}"`)
  }

  const loaded = await loadConfig(io.cwd, values.config)
  const { root } = loaded
  // A committed config never takes the key elsewhere (config.ts).
  const config = withConfirmedEndpoint(loaded, io.env)
  const corpus = positionals[0] !== undefined ? resolve(io.cwd, positionals[0]) : join(root, 'eval', 'corpus')
  const evaluation = runEval({
    corpus,
    corpusName: displayPath(corpus, io.cwd) || '.',
    config,
    env: io.env,
    ...(runs !== undefined ? { runs } : {}),
    ...(values.record ? { record: resolve(io.cwd, values.record) } : {}),
    ...(values.replay ? { replay: resolve(io.cwd, values.replay) } : {}),
    log: (line) => io.stderr.write(`${plain(line)}\n`),
    ...(io.interrupt ? { signal: io.interrupt } : {}),
  })
  let result: EvalResult
  try {
    result = await evaluation
  } catch (error) {
    if (!(error instanceof EvalInterrupted)) throw error
    io.stderr.write(`vetted: ${error.message}\n`)
    return 130
  }
  const json = `${JSON.stringify(result, null, 2)}\n`
  if (values.json) writeFileSync(resolve(io.cwd, values.json), json)
  io.stdout.write(format === 'json' ? json : evalMarkdown(result))
  return 0
}

/** The most a result may hold: a result of the twelve-post corpus is 11 KB. */
const MAX_RESULT_BYTES = 4 * 1024 * 1024

function readResult(path: string, root: string): EvalResult {
  const text = readRegularText(path, { maxBytes: MAX_RESULT_BYTES, what: 'a result of vetted eval --json FILE', root })
  if (text === undefined) throw new VettedInputError(path, 'does not exist', { expected: 'a result of vetted eval --json FILE' })
  return parseJsonAs(EvalResultSchema, text, path, { json: 'a result of vetted eval --json FILE', lead: 'not a vetted eval result at' })
}
