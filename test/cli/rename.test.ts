// A ledger follows its post: a post renamed or moved (with git mv, by hand, or
// with `vetted mv`) keeps its verdicts and its correction ids, so nothing is
// paid for again and readers' links to a correction keep working; a ledger whose
// post is gone is named by every check and the gate until it is moved or pruned.
// The real CLI, in a real git repository where it matters, against the fake
// OpenAI server.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ReportSchema } from '@vetted/cli'
import { readLedger } from '@vetted/core'
import { describe, expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

/** A post the fake model finds nothing wrong in. */
const BRIDGES = `---
title: Bridges
date: 2026-03-02
---

In 1850, Millbrook had 3 bridges over the river.

In 1860, a fourth bridge was built of stone over 2 years.
`

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.org',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.org',
    },
  })
}

/** A project whose two posts are checked, the correction found in towns.md published, all committed. */
async function checkedProject(): Promise<{ cwd: string; id: string }> {
  const cwd = project({ 'content/towns.md': POST, 'content/bridges.md': BRIDGES })
  const checked = await vettedInProcess(['check'], { cwd, env: online })
  expect(checked.code, checked.stderr).toBe(1)
  const [id, ...others] = Object.keys(readLedger(join(cwd, 'content/towns.vetted.json'), 'towns.md')!.corrections)
  expect(others).toEqual([])
  const published = await vettedInProcess(['resolve', id!, '--annotate'], { cwd })
  expect(published.code, published.stderr).toBe(0)
  git(cwd, 'init', '-q')
  git(cwd, 'add', 'content')
  git(cwd, 'commit', '-q', '-m', 'posts')
  return { cwd, id: id! }
}

describe('a renamed post', () => {
  it('moved with git mv: check names the vetted mv command and pays nothing; after it, every verdict and id is kept', async () => {
    const { cwd, id } = await checkedProject()
    git(cwd, 'mv', 'content/towns.md', 'content/plain-towns.md')

    const ci = await vettedInProcess(['check', '--ci'], { cwd })
    expect(ci.code).toBe(1)
    expect(ci.stdout).toContain('content/towns.vetted.json has no post: content/plain-towns.md holds its sentences (3 of 3)')
    expect(ci.stdout).toContain('vetted mv content/towns.md content/plain-towns.md')
    expect(ci.stdout).toMatch(/Not settled yet\.\n$/)

    // A check before the move sends nothing for the renamed post, and says why.
    let before = fake.requests.length
    const early = await vettedInProcess(['check'], { cwd, env: online })
    expect(fake.requests.length - before).toBe(0)
    expect(early.code).toBe(1)
    expect(early.stdout).toContain('vetted mv content/towns.md content/plain-towns.md')

    const moved = await vettedInProcess(['mv', 'content/towns.md', 'content/plain-towns.md'], { cwd })
    expect(moved.stderr).toBe('')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain('content/towns.vetted.json -> content/plain-towns.vetted.json')
    expect(existsSync(join(cwd, 'content/towns.vetted.json'))).toBe(false)
    const ledger = readLedger(join(cwd, 'content/plain-towns.vetted.json'), 'plain-towns.md')!
    expect(Object.keys(ledger.corrections)).toEqual([id])
    expect(ledger.corrections[id]!.status).toBe('annotate')

    before = fake.requests.length
    const after = await vettedInProcess(['check'], { cwd, env: online })
    expect(fake.requests.length - before).toBe(0)
    expect(after.code, after.stdout + after.stderr).toBe(0)
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
    // git sees a rename of the ledger too once it is staged.
    git(cwd, 'add', '-A', 'content')
    expect(git(cwd, 'status', '--porcelain')).toMatch(/^R {2}content\/towns\.vetted\.json -> content\/plain-towns\.vetted\.json$/m)
  })

  it('not moved yet: vetted mv moves the post and its ledger, into a new folder too', async () => {
    const { cwd, id } = await checkedProject()
    const moved = await vettedInProcess(['mv', 'content/towns.md', 'content/2026/towns.md'], { cwd })
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toContain('content/towns.md -> content/2026/towns.md')
    expect(readFileSync(join(cwd, 'content/2026/towns.md'), 'utf8')).toBe(POST)
    expect(existsSync(join(cwd, 'content/towns.md'))).toBe(false)
    expect(Object.keys(readLedger(join(cwd, 'content/2026/towns.vetted.json'), 'towns.md')!.corrections)).toEqual([id])
    const before = fake.requests.length
    expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(0)
    expect(fake.requests.length - before).toBe(0)
  })

  it('with its ledger renamed by hand beside it: the error says to run vetted mv, which repairs it', async () => {
    const { cwd, id } = await checkedProject()
    renameSync(join(cwd, 'content/towns.md'), join(cwd, 'content/plain-towns.md'))
    renameSync(join(cwd, 'content/towns.vetted.json'), join(cwd, 'content/plain-towns.vetted.json'))
    const refused = await vettedInProcess(['check', '--ci'], { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('belongs to "towns.md", not to "plain-towns.md"')
    expect(refused.stderr).toContain('vetted mv content/towns.md content/plain-towns.md')

    const moved = await vettedInProcess(['mv', 'content/towns.md', 'content/plain-towns.md'], { cwd })
    expect(moved.code, moved.stderr).toBe(0)
    expect(Object.keys(readLedger(join(cwd, 'content/plain-towns.vetted.json'), 'plain-towns.md')!.corrections)).toEqual([id])
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
  })

  it('refuses to move onto a post that exists, changing nothing', async () => {
    const { cwd } = await checkedProject()
    const refused = await vettedInProcess(['mv', 'content/towns.md', 'content/bridges.md'], { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/content\/bridges\.md: exists/)
    expect(readFileSync(join(cwd, 'content/towns.md'), 'utf8')).toBe(POST)
    expect(git(cwd, 'status', '--porcelain', 'content')).toBe('')
  })
})

describe('a deleted post', () => {
  it('leaves a ledger the gate names with both fixes, until vetted prune removes it after saying which', async () => {
    const { cwd } = await checkedProject()
    rmSync(join(cwd, 'content/towns.md'))

    const ci = await vettedInProcess(['check', '--ci'], { cwd })
    expect(ci.code).toBe(1)
    expect(ci.stdout).toContain('content/towns.vetted.json has no post (content/towns.md is gone)')
    expect(ci.stdout).toContain('vetted mv content/towns.md NEW.md')
    expect(ci.stdout).toContain('vetted prune')
    expect(ci.stdout).toMatch(/Not settled yet\.\n$/)
    // Every report format names it, in its own shape.
    const json = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
    expect(json.code).toBe(1)
    const report = ReportSchema.parse(JSON.parse(json.stdout))
    expect(report.summary.orphans).toBe(1)
    expect(report.orphans).toEqual([
      { ledger: 'content/towns.vetted.json', post: 'content/towns.md', renamedTo: null, message: expect.stringContaining('vetted prune') },
    ])
    const sarif = await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })
    expect(sarif.code).toBe(1)
    const results = JSON.parse(sarif.stdout).runs[0].results as {
      ruleId: string
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[]
    }[]
    expect(
      results
        .filter((result) => result.ruleId === 'orphan-ledger')
        .map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri),
    ).toEqual(['content/towns.vetted.json'])
    const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(/^::error file=content\/towns\.vetted\.json,.*title=vetted%3A ledger without its post::.*vetted prune/m)

    const dry = await vettedInProcess(['prune', '--dry-run'], { cwd })
    expect(dry.code).toBe(0)
    expect(dry.stdout).toBe('would remove content/towns.vetted.json (content/towns.md is gone)\n')
    expect(existsSync(join(cwd, 'content/towns.vetted.json'))).toBe(true)

    const pruned = await vettedInProcess(['prune'], { cwd })
    expect(pruned.code).toBe(0)
    expect(pruned.stdout).toBe('removed content/towns.vetted.json (content/towns.md is gone)\n')
    expect(existsSync(join(cwd, 'content/towns.vetted.json'))).toBe(false)
    expect(existsSync(join(cwd, 'content/bridges.vetted.json'))).toBe(true)
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
    expect((await vettedInProcess(['prune'], { cwd })).stdout).toBe('no ledger without its post\n')
  })

  it('prune keeps a ledger whose post was renamed, naming vetted mv', async () => {
    const { cwd } = await checkedProject()
    git(cwd, 'mv', 'content/towns.md', 'content/plain-towns.md')
    const pruned = await vettedInProcess(['prune'], { cwd })
    expect(pruned.code).toBe(0)
    expect(pruned.stdout).toContain(
      'kept content/towns.vetted.json: content/plain-towns.md holds its sentences; run vetted mv content/towns.md content/plain-towns.md',
    )
    expect(existsSync(join(cwd, 'content/towns.vetted.json'))).toBe(true)
  })
})

it('vetted mv and vetted prune explain themselves', async () => {
  const cwd = project({})
  const mv = await vettedInProcess(['mv', '--help'], { cwd })
  expect(mv.code).toBe(0)
  expect(mv.stdout).toMatch(/^vetted mv OLD NEW/)
  const prune = await vettedInProcess(['prune', '--help'], { cwd })
  expect(prune.code).toBe(0)
  expect(prune.stdout).toMatch(/^vetted prune/)
  expect((await vettedInProcess(['--help'], { cwd })).stdout).toMatch(/mv .*\n(.*\n)*.*prune/)
})
