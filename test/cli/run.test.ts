// How a `vetted check` run treats its ledgers: one ledger per post, found out
// before anything runs; the ledger lock taken before the first request and held
// for the run; stale locks and a killed writer's temp files cleaned up; paths on
// the command line read literally. The real CLI against the fake OpenAI server.

import { spawn } from 'node:child_process'
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { describe, expect, it } from 'vitest'
import { expectRefused, POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

/** A process that is alive for the test and then gone: its PID holds locks. */
function sleeper(): { pid: number; stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
  return { pid: child.pid!, stop: () => new Promise((resolve) => (child.kill('SIGKILL'), child.on('exit', () => resolve()))) }
}

const verdicts = (ledgerPath: string, post: string) =>
  Object.values(readLedger(ledgerPath, post)?.claims ?? {}).filter((record) => record.verdict).length

describe('one ledger per post', () => {
  it('a.md and a.markdown (one a.vetted.json) are refused naming both, before anything is sent or written', async () => {
    const cwd = project({ 'content/a.md': POST, 'content/a.markdown': POST })
    const sent = fake.requests.length
    await expectRefused(cwd, ['check'], /content\/a\.md.*content\/a\.markdown|content\/a\.markdown.*content\/a\.md/, { env: online })
    expect(fake.requests.length).toBe(sent)
    // The second run says the same: the first one wrote nothing.
    await expectRefused(cwd, ['check'], /share one ledger \(a\.vetted\.json\)/, { env: online })
  })

  it('the same post reached by two paths (a symlink) is refused naming both', async () => {
    const cwd = project({ 'content/a.md': POST })
    symlinkSync(join(cwd, 'content/a.md'), join(cwd, 'content/b.md'))
    await expectRefused(cwd, ['check'], /content\/b\.md: is the same file as .*content\/a\.md/, { env: online })
  })
})

describe('the ledger lock', () => {
  it('a lock held by a live process refuses the run with exit 2 before any request, naming the lock file and the PID', async () => {
    const cwd = project({ 'content/towns.md': POST })
    const holder = sleeper()
    try {
      writeFileSync(join(cwd, 'content/towns.vetted.json.lock'), String(holder.pid))
      const sent = fake.requests.length
      await expectRefused(cwd, ['check'], new RegExp(`locked by vetted process ${holder.pid} \\(content/towns\\.vetted\\.json\\.lock\\)`), {
        env: online,
      })
      expect(fake.requests.length).toBe(sent)
    } finally {
      await holder.stop()
    }
  })

  it('a lock whose process is gone, or whose PID now names another process, is taken over and removed after the run', async () => {
    const cwd = project({ 'content/dead.md': POST, 'content/reused.md': POST })
    const gone = sleeper()
    await gone.stop()
    writeFileSync(join(cwd, 'content/dead.vetted.json.lock'), JSON.stringify({ pid: gone.pid, start: '1' }))
    // This test's own PID is alive, but it did not start at clock tick 1: a reused PID.
    writeFileSync(join(cwd, 'content/reused.vetted.json.lock'), JSON.stringify({ pid: process.pid, start: '1' }))
    const result = await vettedInProcess(['check'], { cwd, env: online })
    expect(result.stderr).not.toContain('locked')
    expect(result.code).toBe(1) // one correction open in each post
    expect(verdicts(join(cwd, 'content/dead.vetted.json'), 'dead.md')).toBe(3)
    expect(verdicts(join(cwd, 'content/reused.vetted.json'), 'reused.md')).toBe(3)
    expect(readdirSync(join(cwd, 'content')).filter((name) => name.endsWith('.lock'))).toEqual([])
  })

  it('temp files a killed writer left beside the ledger are removed when the lock is taken; a live writer’s are kept', async () => {
    const cwd = project({ 'content/towns.md': POST })
    const gone = sleeper()
    await gone.stop()
    const live = sleeper()
    try {
      const dead = `.towns.vetted.json.${gone.pid}.0a1b2c3d.tmp`
      const alive = `.towns.vetted.json.${live.pid}.0a1b2c3d.tmp`
      writeFileSync(join(cwd, 'content', dead), '{"half": ')
      writeFileSync(join(cwd, 'content', alive), '{"half": ')
      expect((await vettedInProcess(['check'], { cwd })).code).toBe(1) // offline: the lock is still taken
      const left = readdirSync(join(cwd, 'content'))
      expect(left).not.toContain(dead)
      expect(left).toContain(alive)
    } finally {
      await live.stop()
    }
  })
})

describe('paths on the command line are literal', () => {
  it('"[draft] post.md" and "{a,b}.md" are file names, not patterns', async () => {
    const cwd = project({ 'posts/[draft] post.md': POST, 'posts/{a,b}.md': POST, 'posts/d.md': POST })
    const bracket = await vettedInProcess(['check', '--ci', 'posts/[draft] post.md'], { cwd })
    expect(bracket.stdout).toContain('posts/[draft] post.md')
    expect(bracket.stdout).toContain('1 post, 3 claims')
    const braces = await vettedInProcess(['check', '--ci', 'posts/{a,b}.md'], { cwd })
    expect(braces.stdout).toContain('posts/{a,b}.md')
    expect(braces.stdout).toContain('1 post, 3 claims')
  })

  it('a pattern that names no file is a missing path: one line, exit 2', async () => {
    const cwd = project({ 'posts/d.md': POST })
    await expectRefused(cwd, ['check', '--ci', 'posts/*.md'], /^vetted: posts\/\*\.md: does not exist/)
  })

  it('a folder on the command line means its Markdown files', async () => {
    const cwd = project({ 'posts/one.md': POST, 'posts/deeper/two.markdown': POST, 'posts/notes.txt': 'not a post' })
    const result = await vettedInProcess(['check', '--ci', 'posts'], { cwd })
    expect(result.stdout).toContain('2 posts, 6 claims')
  })
})

describe('a request budget', () => {
  it('a claim investigated before the budget ran out keeps its investigation: the next run sends only its validation', async () => {
    const cwd = project({ 'content/towns.md': POST, 'vetted.config.json': '{ "budget": { "requests": 1 } }\n' })
    const sent = fake.requests.length
    const first = await vettedInProcess(['check'], { cwd, env: online })
    expect(first.stderr).toContain('1 not sent (budget spent; next run)')
    expect(fake.requests.slice(sent).map((request) => request.kind)).toEqual(['investigate'])

    writeFileSync(join(cwd, 'vetted.config.json'), '{}\n')
    const again = fake.requests.length
    const second = await vettedInProcess(['check'], { cwd, env: online })
    expect(second.code).toBe(1) // the correction is open now
    expect(fake.requests.slice(again).map((request) => request.kind)).toEqual(['validate'])
    const ledger = readLedger(join(cwd, 'content/towns.vetted.json'), 'towns.md')!
    expect(Object.values(ledger.corrections).map((correction) => correction.status)).toEqual(['open'])
    expect(Object.values(ledger.claims).filter((record) => record.awaitingValidation)).toEqual([])
  })
})
