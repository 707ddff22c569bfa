// .github/workflows/eval.yml, run here: its `run:` steps in order, as the runner
// would (bash -eo pipefail, the step's env, $GITHUB_OUTPUT, `if:` on earlier
// outputs), in a temporary clone of the files they use, against the fake OpenAI
// server with a fake key in place of the secret. Its `uses:` steps cannot run
// here, so they are checked by shape: pinned to a commit, and the pull request
// takes exactly the files the run changed.

import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cleanEnv, useFakeOpenAI } from '../cli/support.ts'
import { temporaryFolder } from '../support/files.ts'
import { scriptedModel } from './scripted-model.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WORKFLOW = '.github/workflows/eval.yml'
const FAKE_KEY = 'sk-fake-key-for-the-workflow-test'
// The test package has no YAML parser of its own; @vetted/post's is the one the workspace pins.
const { parse: parseYaml } = createRequire(join(ROOT, 'packages/post/package.json'))('yaml') as { parse(text: string): unknown }

interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  with?: Record<string, string | number | boolean>
  env?: Record<string, string>
  run?: string
  shell?: string
}
interface Workflow {
  on: { schedule?: Array<{ cron: string }>; workflow_dispatch?: unknown }
  permissions: Record<string, string>
  defaults?: { run?: { shell?: string } }
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>
}

const workflowText = readFileSync(join(ROOT, WORKFLOW), 'utf8')
const workflow = parseYaml(workflowText) as Workflow
const job = workflow.jobs['eval']!
const stepName = (step: Step) => step.name ?? step.uses ?? step.run!.split('\n')[0]!

/** What the runner has for the job's steps: the repository, a clone of it with its dependencies beside it. */
function cloneForTheWorkflow(): string {
  const clone = temporaryFolder('vetted-eval-workflow-')
  for (const file of ['run', 'package.json', 'pnpm-workspace.yaml', 'README.md', '.gitignore', 'scripts/eval-table.ts', WORKFLOW]) {
    mkdirSync(dirname(join(clone, file)), { recursive: true })
    cpSync(join(ROOT, file), join(clone, file))
  }
  // Older than the install it stands beside, so that ./run installs nothing: an install from
  // here would relink the checkout's own packages (node_modules and packages are its own, linked)
  // into this clone, and break the checkout once the clone is gone.
  cpSync(join(ROOT, 'pnpm-lock.yaml'), join(clone, 'pnpm-lock.yaml'))
  utimesSync(join(clone, 'pnpm-lock.yaml'), 0, 0)
  cpSync(join(ROOT, 'eval/corpus'), join(clone, 'eval/corpus'), { recursive: true })
  // The installed workspace stands in for the install step: the packages and their dependencies.
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'))
  symlinkSync(join(ROOT, 'packages'), join(clone, 'packages'))
  const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, stdio: 'pipe' })
  git('init', '--quiet')
  writeFileSync(join(clone, '.git/info/exclude'), 'node_modules\npackages\n')
  git('add', '.')
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'the repository')
  return clone
}

/** `${{ ... }}` in a step's env, from the only context the workflow may use there. */
function expand(value: string, secrets: Record<string, string>): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const secret = /^secrets\.(\w+)$/.exec(expression)
    if (!secret) throw new Error(`${WORKFLOW}: this test cannot evaluate \${{ ${expression} }} in a step's env`)
    return secrets[secret[1]!] ?? '' // GitHub gives an unset secret as the empty string
  })
}

/** A step's `if:`, of the one form the workflow uses: an earlier step's output compared with a string. */
function shouldRun(step: Step, outputs: Record<string, Record<string, string>>): boolean {
  if (step.if === undefined) return true
  const condition = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'$/.exec(step.if.trim())
  if (!condition) throw new Error(`${WORKFLOW}: this test cannot evaluate the condition "${step.if}" of "${stepName(step)}"`)
  const [, id, name, value] = condition
  return outputs[id!]?.[name!] === value
}

interface JobRun {
  log: string
  /** The `uses:` steps the runner would have run, in order. */
  actionsReached: string[]
  outputs: Record<string, Record<string, string>>
}

/**
 * A command's exit code and output. Asynchronous: the fake server answering it
 * lives in this process, so a synchronous spawn would wait on itself for ever.
 */
function command(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, options)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** Run the job's `run:` steps in `clone` as the runner would; a step that fails throws, naming it. */
async function runJob(clone: string, secrets: Record<string, string>, extraEnv: Record<string, string>): Promise<JobRun> {
  const outputs: Record<string, Record<string, string>> = {}
  const actionsReached: string[] = []
  let log = ''
  for (const [index, step] of job.steps.entries()) {
    if (!shouldRun(step, outputs)) continue
    if (step.uses) {
      actionsReached.push(step.uses)
      continue
    }
    if (step.run === undefined) throw new Error(`${WORKFLOW}: step ${index + 1} has neither uses nor run`)
    // An expression in a script is pasted into it before bash reads it: the workflow keeps them in env.
    expect(step.run, `"${stepName(step)}" puts an expression in its script`).not.toContain('${{')
    const outputFile = join(clone, `.github-output-${index}`)
    writeFileSync(outputFile, '')
    const env = cleanEnv({
      // This Node (and the pnpm beside it) first, as setup-node would put it.
      PATH: [dirname(process.execPath), join(ROOT, '.tools/node_modules/.bin'), process.env['PATH'] ?? ''].join(':'),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: clone,
      GITHUB_OUTPUT: outputFile,
      ...Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([name, value]) => [name, expand(String(value), secrets)])),
      ...extraEnv,
    })
    // GitHub's `shell: bash` runs a step's script as this.
    const result = await command('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: clone, env })
    log += result.stdout + result.stderr
    if (result.status !== 0) throw new Error(`step "${stepName(step)}" failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
    if (step.id) {
      const written: Record<string, string> = (outputs[step.id] = {})
      for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
        const [name, ...value] = line.split('=')
        if (value.length === 0)
          throw new Error(`step "${stepName(step)}" wrote "${line}" to $GITHUB_OUTPUT: this test reads name=value lines only`)
        written[name!] = value.join('=')
      }
    }
  }
  return { log, actionsReached, outputs }
}

/** Files the job changed in the clone (git's view: what a pull request would hold). */
function changedFiles(clone: string): string[] {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, encoding: 'utf8' })
  return status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !path.startsWith('.github-output-'))
    .sort()
}

/** Every labelled error of eval/corpus, flagged whenever detection sends its sentence. */
const corpusLabels = readdirSync(join(ROOT, 'eval/corpus'))
  .filter((name) => name.endsWith('.flags.json'))
  .flatMap((name) =>
    (JSON.parse(readFileSync(join(ROOT, 'eval/corpus', name), 'utf8')) as { flags: Array<{ quote: string }> }).flags.map(
      (flag) => flag.quote,
    ),
  )
const { fake, online } = await useFakeOpenAI({
  handler: scriptedModel((claim) => corpusLabels.find((quote) => claim.text.includes(quote))),
})

describe(WORKFLOW, () => {
  it('runs weekly and on demand, may write contents and pull requests, and pins every action to a commit', () => {
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/)
    expect(workflow.on).toHaveProperty('workflow_dispatch')
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' })
    expect(workflow.defaults?.run?.shell ?? job.steps.find((step) => step.run)?.shell).toBe('bash')
    const actions = job.steps.flatMap((step) => (step.uses ? [step.uses] : []))
    expect(actions.map((uses) => uses.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node', 'peter-evans/create-pull-request'])
    for (const uses of actions) expect(uses, `${uses} is not pinned to a commit`).toMatch(/@[0-9a-f]{40}$/)
  })

  it('gives the key to the step that scores and to no other', () => {
    expect(workflowText.match(/secrets\./g)).toHaveLength(1)
    const holding = job.steps.filter((step) =>
      Object.values(step.env ?? {}).some((value) => String(value).includes('secrets.OPENAI_API_KEY')),
    )
    expect(holding.map(stepName)).toEqual(['Score the checker on eval/corpus and record the run'])
    expect(holding[0]!.env).toEqual({ OPENAI_API_KEY: '${{ secrets.OPENAI_API_KEY }}' })
    expect(holding[0]!.run).toContain('./run vetted eval eval/corpus --record eval/recordings/live')
    expect(job.env ?? {}).toEqual({})
  })

  it('with a key, scores eval/corpus with the default model, records it, writes the table and proposes both', {
    timeout: 180_000,
  }, async () => {
    const clone = cloneForTheWorkflow()
    const before = fake.requests.length
    const run = await runJob(clone, { OPENAI_API_KEY: FAKE_KEY }, { OPENAI_BASE_URL: online['OPENAI_BASE_URL']! })

    // The run reached OpenAI's API (the fake) with the key and the default model.
    const requests = fake.requests.slice(before)
    expect(requests.length).toBeGreaterThan(50)
    expect(new Set(requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${FAKE_KEY}`]))
    expect(new Set(requests.map((request) => request.body.model))).toEqual(new Set(['gpt-5.1']))

    // The recording replays, and the README's table is its output under the line naming model and day.
    const recording = JSON.parse(readFileSync(join(clone, 'eval/recordings/live/recording.json'), 'utf8')) as {
      model: string
      today: string
      responses: object
    }
    expect(recording.model).toBe('gpt-5.1')
    expect(recording.today).toBe(new Date().toISOString().slice(0, 10))
    expect(Object.keys(recording.responses)).toHaveLength(requests.length)
    const replay = await command(process.execPath, [join(ROOT, 'packages/cli/src/bin.ts'), 'eval', '--replay', 'eval/recordings/live'], {
      cwd: clone,
      env: cleanEnv(),
    })
    expect(replay.status, replay.stderr).toBe(0)
    expect(replay.stdout).toMatch(/^\| Errors caught \| (\d+) of 77 \| \1 of 77 \|$/m)
    const readme = readFileSync(join(clone, 'README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('<!-- the evaluation table:'), readme.indexOf('<!-- end of the evaluation table -->'))
    expect(table).toContain(
      `Model gpt-5.1, answered by OpenAI's API, in the scheduled eval workflow, recorded on ${recording.today}; the table is \`vetted eval --replay eval/recordings/live\`.`,
    )
    expect(table).toContain(replay.stdout.trim())
    const check = await command(process.execPath, ['scripts/eval-table.ts', '--check'], { cwd: clone, env: cleanEnv() })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)

    // The pull request: reached, titled from the recording, and holding exactly what the run changed.
    expect(run.outputs['table']).toEqual({ title: `eval: gpt-5.1 on eval/corpus, recorded ${recording.today}` })
    const pullRequest = job.steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request@'))!
    expect(run.actionsReached).toContain(pullRequest.uses)
    const addPaths = String(pullRequest.with?.['add-paths']).split('\n').filter(Boolean)
    expect(changedFiles(clone)).toEqual(['README.md', 'eval/recordings/live/recording.json'])
    for (const file of changedFiles(clone))
      expect(
        addPaths.some((path) => file === path || file.startsWith(`${path}/`)),
        `${file} is not in add-paths`,
      ).toBe(true)
    for (const path of addPaths)
      expect(
        changedFiles(clone).some((file) => file === path || file.startsWith(`${path}/`)),
        `add-paths names ${path}, which the run does not write`,
      ).toBe(true)
    expect(pullRequest.with).toMatchObject({
      title: '${{ steps.table.outputs.title }}',
      'commit-message': '${{ steps.table.outputs.title }}',
    })
  })

  it('without the secret, says so in a notice, sends nothing, changes nothing and succeeds', { timeout: 60_000 }, async () => {
    const clone = cloneForTheWorkflow()
    const before = fake.requests.length
    const run = await runJob(clone, {}, { OPENAI_BASE_URL: online['OPENAI_BASE_URL']! })
    expect(run.log).toMatch(/^::notice title=eval skipped::This repository has no OPENAI_API_KEY secret, so no model was scored\./m)
    expect(run.outputs).toEqual({ eval: { scored: 'false' } })
    expect(run.actionsReached.map((uses) => uses.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node'])
    expect(fake.requests.length).toBe(before)
    expect(changedFiles(clone)).toEqual([])
  })
})
