// Merges: two branches that each ran `vetted check` on one post merge without a
// conflict once `vetted init` has registered the ledger merge driver (and the user
// has run the one `git config` line it prints), and a ledger left with git's
// conflict markers is named as such. A real git repository in a temp folder, the
// real CLI (in-process; git runs the driver as a process), the fake server.

import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fingerprint, parseLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { manualCorrection } from '../support/ledgers.ts'
import { BIN, POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const ON_BRANCH_A = 'In 1860, Ashford built 2 mills on the river.'
const ON_BRANCH_B = 'In 1840, Millbrook held its first market with 40 stalls.'
const CANDIDATES = [
  ON_BRANCH_B,
  'In 1838, Ashford opened a school for 60 pupils.',
  'In 1845, the river flooded 12 farms near Millbrook.',
  'In 1847, Millbrook built its 4th bridge.',
]

const { online } = await useFakeOpenAI()

const postPath = (cwd: string) => join(cwd, 'content/towns.md')
const ledgerPath = (cwd: string) => join(cwd, 'content/towns.vetted.json')

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A repository on `main` with the post checked and committed, set up by `vetted init`; returns the printed `git config` line. */
async function checkedRepository(): Promise<{ cwd: string; gitConfigLine: string }> {
  const cwd = project({ 'content/towns.md': POST })
  git(cwd, 'init', '-q', '-b', 'main')
  git(cwd, 'config', 'user.name', 'Test Author')
  git(cwd, 'config', 'user.email', 'author@example.com')
  const init = await vettedInProcess(['init', 'content'], { cwd })
  expect(init.code).toBe(0)
  expect(readFileSync(join(cwd, '.gitattributes'), 'utf8')).toBe('*.vetted.json merge=vetted\n.vetted/usage.jsonl merge=union\n')
  const gitConfigLine = /git config merge\.vetted\.driver "npx vetted merge-driver %O %A %B"/.exec(init.stdout)?.[0]
  expect(gitConfigLine).toBeDefined()
  expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(1) // the "flat" sentence: one open correction
  git(cwd, 'add', '.')
  git(cwd, 'commit', '-q', '-m', 'checked')
  return { cwd, gitConfigLine: gitConfigLine! }
}

/** Run the line `vetted init` printed, with this checkout's vetted in place of `npx vetted` (npx would fetch another package). */
function runGitConfigLine(cwd: string, line: string): void {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`
  const driver = /"(.+)"$/.exec(line)![1]!.replace(/^npx vetted /, `${quote(process.execPath)} ${quote(BIN)} `)
  git(cwd, 'config', 'merge.vetted.driver', driver)
}

async function checkOnBranch(cwd: string, branch: string, edit: (post: string) => string): Promise<void> {
  git(cwd, 'checkout', '-q', '-b', branch, 'main')
  writeFileSync(postPath(cwd), edit(readFileSync(postPath(cwd), 'utf8')))
  const check = await vettedInProcess(['check'], { cwd, env: online })
  expect(check.stderr).toMatch(/content\/towns\.md: checked 1 claim/)
  git(cwd, 'commit', '-q', '-am', `checked on ${branch}`)
}

/** The post's one correction published on branch `a` and dismissed on branch `b`: its id. */
async function decideOnTwoBranches(cwd: string): Promise<string> {
  const id = Object.keys(JSON.parse(readFileSync(ledgerPath(cwd), 'utf8')).corrections)[0]!
  git(cwd, 'checkout', '-q', '-b', 'a')
  expect((await vettedInProcess(['resolve', id, '--annotate'], { cwd })).code).toBe(0)
  git(cwd, 'commit', '-q', '-am', 'published')
  git(cwd, 'checkout', '-q', '-b', 'b', 'main')
  expect((await vettedInProcess(['resolve', id, '--dismiss', '--note', 'The survey said so.'], { cwd })).code).toBe(0)
  git(cwd, 'commit', '-q', '-am', 'dismissed')
  return id
}

const addSentencesOnTwoBranches = async (cwd: string) => {
  await checkOnBranch(cwd, 'a', (post) => `${post}\n${ON_BRANCH_A}\n`)
  await checkOnBranch(cwd, 'b', (post) => post.replace('# Towns of the plain\n', `# Towns of the plain\n\n${ON_BRANCH_B}\n`))
}

it('two branches that checked different sentences of one post merge without a conflict, with what vetted init set up', async () => {
  const { cwd, gitConfigLine } = await checkedRepository()
  runGitConfigLine(cwd, gitConfigLine)
  await addSentencesOnTwoBranches(cwd)

  const merge = spawnSync('git', ['merge', '--no-edit', 'a'], { cwd, encoding: 'utf8' })
  expect(merge.stdout + merge.stderr).not.toMatch(/CONFLICT/)
  expect(merge.status).toBe(0)
  const text = readFileSync(ledgerPath(cwd), 'utf8')
  const ledger = parseLedger(text, 'towns.vetted.json', 'towns.md')
  const judged = Object.values(ledger.claims)
    .filter((record) => record.verdict)
    .map((record) => record.text)
  expect(judged).toEqual(expect.arrayContaining([ON_BRANCH_A, ON_BRANCH_B]))
  // What each check spent is in the usage log, outside the ledger: the check on main and one on each branch.
  expect(ledger.usage).toEqual([])
  const logged = readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(logged.map((record) => record.post)).toEqual(['content/towns.md', 'content/towns.md', 'content/towns.md'])
  expect(git(cwd, 'status', '--porcelain')).toBe('')

  // Both verdicts count: nothing is unchecked; the one open correction is the one committed on main.
  const gate = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
  expect(JSON.parse(gate.stdout).summary).toMatchObject({ unchecked: 0, open: 1 })
})

it('the merge driver leaves conflict markers where the branches decided differently, and every command names them with their line', async () => {
  const { cwd, gitConfigLine } = await checkedRepository()
  runGitConfigLine(cwd, gitConfigLine)
  const id = await decideOnTwoBranches(cwd)

  const merge = spawnSync('git', ['merge', '--no-edit', 'a'], { cwd, encoding: 'utf8' })
  expect(merge.status).not.toBe(0)
  expect(merge.stdout + merge.stderr).toMatch(
    new RegExp(`correction ${id}: dismiss \\(note: The survey said so\\.\\) on one branch, annotate on the other`),
  )
  const text = readFileSync(ledgerPath(cwd), 'utf8')
  const line = text.split('\n').findIndex((l) => l.startsWith('<<<<<<<')) + 1
  expect(line).toBeGreaterThan(0)
  // Only inside the record both decided: the rest of the ledger is merged.
  const markers = [...text.matchAll(/^(?:<{7}|={7}|>{7})/gm)].map((marker) => marker.index)
  expect(Math.min(...markers)).toBeGreaterThan(text.indexOf(`"${id}": {`))
  expect(Math.max(...markers)).toBeLessThan(text.indexOf('"usage"'))

  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.code).toBe(2)
  expect(gate.stderr).toBe(
    `vetted: content/towns.vetted.json:${line}:1: has merge conflict markers at line ${line}: resolve the merge (or run with the vetted merge driver)\n`,
  )
})

it('without the merge driver, two new verdicts whose records sort apart touch different lines: git merges them line by line', async () => {
  const { cwd } = await checkedRepository()
  // Records are keyed by fingerprint and sorted: a new one goes between the two records its key falls between.
  const keys = Object.keys(JSON.parse(readFileSync(ledgerPath(cwd), 'utf8')).claims)
  const gap = (sentence: string) => keys.filter((key) => key < fingerprint(sentence)).length
  const onB = CANDIDATES.find((sentence) => gap(sentence) !== gap(ON_BRANCH_A))!
  await checkOnBranch(cwd, 'a', (post) => `${post}\n${ON_BRANCH_A}\n`)
  await checkOnBranch(cwd, 'b', (post) => post.replace('# Towns of the plain\n', `# Towns of the plain\n\n${onB}\n`))
  // Without the `git config` line, git merges the ledger as lines, and the usage log with its union driver.
  const merge = spawnSync('git', ['merge', '--no-edit', 'a'], { cwd, encoding: 'utf8' })
  expect(merge.stdout + merge.stderr).not.toMatch(/CONFLICT/)
  expect(merge.status).toBe(0)
  const ledger = parseLedger(readFileSync(ledgerPath(cwd), 'utf8'), 'towns.vetted.json', 'towns.md')
  expect(Object.values(ledger.claims).map((record) => record.text)).toEqual(expect.arrayContaining([ON_BRANCH_A, onB]))
  expect(readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)
  expect((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout).toMatch(/"unchecked": 0/)
})

it('a ledger that git merged line by line, conflict markers and all, is named as such by every command', async () => {
  const { cwd } = await checkedRepository()
  await decideOnTwoBranches(cwd)
  // Without the `git config` line, git merges the JSON as lines: the status line conflicts.
  const merge = spawnSync('git', ['merge', '--no-edit', 'a'], { cwd, encoding: 'utf8' })
  expect(merge.status).not.toBe(0)
  const text = readFileSync(ledgerPath(cwd), 'utf8')
  const line = text.split('\n').findIndex((l) => l.startsWith('<<<<<<<')) + 1
  expect(line).toBeGreaterThan(0)
  for (const args of [['check', '--ci'], ['claims'], ['resolve', 'c-0123456789', '--reopen']]) {
    const result = await vettedInProcess(args, { cwd })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      new RegExp(
        `content/towns\\.vetted\\.json:${line}:1: has merge conflict markers at line ${line}: resolve the merge \\(or run with the vetted merge driver\\)`,
      ),
    )
  }
})

it('vetted init adds the merge driver to an existing .gitattributes, keeping its lines, and only once', async () => {
  const cwd = project({ 'content/towns.md': POST, '.gitattributes': '*.png binary' })
  const first = await vettedInProcess(['init'], { cwd })
  expect(first.code).toBe(0)
  expect(first.stdout).toMatch(/ {2}edited {3}\.gitattributes +ledgers merge record by record: \*\.vetted\.json merge=vetted/)
  expect(readFileSync(join(cwd, '.gitattributes'), 'utf8')).toBe(
    '*.png binary\n*.vetted.json merge=vetted\n.vetted/usage.jsonl merge=union\n',
  )
  const again = await vettedInProcess(['init'], { cwd })
  expect(again.stdout).toMatch(/ {2}kept {5}\.gitattributes +it already merges ledgers with vetted merge-driver/)
  expect(readFileSync(join(cwd, '.gitattributes'), 'utf8')).toBe(
    '*.png binary\n*.vetted.json merge=vetted\n.vetted/usage.jsonl merge=union\n',
  )
})

it('the merge driver keeps a correction published on one branch and the new verdicts of the other', async () => {
  const { cwd, gitConfigLine } = await checkedRepository()
  runGitConfigLine(cwd, gitConfigLine)
  const id = Object.keys(JSON.parse(readFileSync(ledgerPath(cwd), 'utf8')).corrections)[0]!
  git(cwd, 'checkout', '-q', '-b', 'a')
  expect((await vettedInProcess(['resolve', id, '--annotate'], { cwd })).code).toBe(0)
  git(cwd, 'commit', '-q', '-am', 'published')
  await checkOnBranch(cwd, 'b', (post) => `${post}\n${ON_BRANCH_A}\n`)

  const merge = spawnSync('git', ['merge', '--no-edit', 'a'], { cwd, encoding: 'utf8' })
  expect(merge.status).toBe(0)
  const ledger = parseLedger(readFileSync(ledgerPath(cwd), 'utf8'), 'towns.vetted.json', 'towns.md')
  expect(ledger.corrections[id]).toMatchObject({ status: 'annotate' })
  expect(ledger.corrections[id]!.history.map((event) => event.status)).toEqual(['open', 'annotate'])
  expect(Object.values(ledger.claims).map((record) => record.text)).toContain(ON_BRANCH_A)
  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.code).toBe(0)
})

it("vetted merge-driver, run as git runs it: a failed check never contradicts a verdict, and a correction keeps both branches' history by date", async () => {
  const claim = '0123456789abcdef'
  const history = [
    { date: '2026-03-02', status: 'open' as const },
    { date: '2026-03-03', status: 'annotate' as const },
  ]
  const correction = manualCorrection({ post: 'towns.md', claim, quote: 'perfectly flat', status: 'annotate', date: '2026-03-02', history })
  const ledger = (claims: object, history: object[]) =>
    JSON.stringify({ version: 2, post: 'towns.md', claims, corrections: { [correction.id]: { ...correction, history } }, usage: [] })
  const text = 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.'
  const cwd = project({
    base: ledger({}, correction.history),
    // One branch's check failed; it also recorded the sentence leaving the post.
    ours: ledger({ [claim]: { text, error: 'the server did not answer' } }, [
      ...correction.history,
      { date: '2026-03-05', status: 'fixed' },
    ]),
    // The other judged it, and recorded the sentence coming back earlier.
    theirs: ledger({ [claim]: { text, verdict: 'incorrect', checker: 'gpt-5.1@v3', checkedAt: '2026-03-04' } }, [
      ...correction.history,
      { date: '2026-03-04', status: 'back' },
    ]),
  })
  const result = await vettedInProcess(['merge-driver', 'base', 'ours', 'theirs'], { cwd })
  expect(result).toMatchObject({ code: 0, stderr: '' })
  const merged = parseLedger(readFileSync(join(cwd, 'ours'), 'utf8'), 'ours', 'towns.md')
  expect(merged.claims[claim]).toMatchObject({ verdict: 'incorrect', checker: 'gpt-5.1@v3' })
  expect(merged.corrections[correction.id]!.history.map((event) => `${event.date} ${event.status}`)).toEqual([
    '2026-03-02 open',
    '2026-03-03 annotate',
    '2026-03-04 back',
    '2026-03-05 fixed',
  ])
})
