// Every file `vetted eval` and `vetted init` open, and a ledger's lock, goes through
// the one safe reader, as posts, ledgers and configs do: a FIFO named like a labels
// file, a package.json, a yarn.lock, an Astro config or a ledger lock is refused at
// once (before, the command waited on it forever), a symlink out of the project is
// refused with its target (before, a `*.flags.json` linked to /etc/passwd was read),
// and a device is never read (before, a link to /dev/zero grew the process by
// gigabytes). One line, exit 2.

import { execFileSync } from 'node:child_process'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedBounded, vettedInProcess, type CliResult } from './support.ts'

const { online } = await useFakeOpenAI()

/** Far more than a refusal takes even on a loaded machine; a command waiting on a FIFO is killed at it. */
const DEADLINE_MS = 20_000

const bounded = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  vettedBounded(args, { cwd, env, deadlineMs: DEADLINE_MS })

/** Refused in one line and exit 2, neither killed nor anything on stdout. */
function expectOneLine(run: CliResult & { killed?: string }, line: RegExp): void {
  expect(run.killed).toBeUndefined()
  expect(run.stderr).toMatch(line)
  expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
}

const LABELS = JSON.stringify({ post: 'posts/towns.md', flags: [{ key: 'E1', quote: '1,200 residents' }] })

/** A labelled corpus of one post; `corpus/x.flags.json` is added by each test. */
const corpusProject = () => project({ 'corpus/posts/towns.md': POST, 'corpus/towns.flags.json': LABELS })

/** A blog `vetted init` sets up, without the file each test makes strange. */
const blog = () => project({ 'content/posts/towns.md': POST })

describe('vetted eval reads only regular files of bounded size', () => {
  it('a labels file that is a FIFO is refused at once, not waited on', { timeout: 60_000 }, async () => {
    const cwd = corpusProject()
    execFileSync('mkfifo', [join(cwd, 'corpus/x.flags.json')])
    expectOneLine(
      await bounded(['eval', 'corpus'], cwd),
      /^vetted: corpus\/x\.flags\.json: is a named pipe \(FIFO\), not a regular file\n$/,
    )
  })

  it('a labels file linked to /etc/passwd is refused, naming where it points', async () => {
    const cwd = corpusProject()
    symlinkSync('/etc/passwd', join(cwd, 'corpus/x.flags.json'))
    const run = await vettedInProcess(['eval', 'corpus'], { cwd })
    expectOneLine(run, /^vetted: corpus\/x\.flags\.json: is a symlink to \/etc\/passwd, outside the project root; refused\n$/)
    expect(run.stderr).not.toContain('root:')
  })

  it('a labels file larger than its cap is refused by size', async () => {
    const cwd = corpusProject()
    writeFileSync(join(cwd, 'corpus/x.flags.json'), `{"post": "posts/towns.md", "flags": [], "about": "${'a'.repeat(2 * 1024 * 1024)}"}`)
    expectOneLine(await vettedInProcess(['eval', 'corpus'], { cwd }), /^vetted: corpus\/x\.flags\.json: is larger than 1 MiB; refused\n$/)
  })

  it('a recording to replay that is a link to /dev/zero is refused without reading it', { timeout: 60_000 }, async () => {
    const cwd = corpusProject()
    execFileSync('mkdir', [join(cwd, 'recorded')])
    symlinkSync('/dev/zero', join(cwd, 'recorded/recording.json'))
    expectOneLine(
      await bounded(['eval', 'corpus', '--replay', 'recorded'], cwd),
      /^vetted: recorded\/recording\.json: is a symlink to \/dev\/zero, outside the project root; refused\n$/,
    )
  })

  it('--compare given /dev/zero by name refuses it as a device, without reading it', { timeout: 60_000 }, async () => {
    const cwd = corpusProject()
    writeFileSync(join(cwd, 'b.json'), '{}\n')
    expectOneLine(
      await bounded(['eval', '--compare', '/dev/zero', 'b.json'], cwd),
      /^vetted: \/dev\/zero: is a character device, not a regular file\n$/,
    )
  })
})

describe('vetted init reads only regular files of bounded size', () => {
  for (const name of ['package.json', 'yarn.lock', 'astro.config.mjs']) {
    it(`${name} as a FIFO is refused at once, not waited on`, { timeout: 60_000 }, async () => {
      const cwd = blog()
      execFileSync('mkfifo', [join(cwd, name)])
      const escaped = name.replaceAll('.', '\\.')
      expectOneLine(
        await bounded(['init', 'content/posts'], cwd),
        new RegExp(`^vetted: ${escaped}: is a named pipe \\(FIFO\\), not a regular file\\n$`),
      )
    })
  }

  it('a package.json linked to /dev/zero is refused without reading it, and nothing is created', { timeout: 60_000 }, async () => {
    const cwd = blog()
    symlinkSync('/dev/zero', join(cwd, 'package.json'))
    expectOneLine(
      await bounded(['init', 'content/posts'], cwd),
      /^vetted: package\.json: is a symlink to \/dev\/zero, outside the project root; refused\n$/,
    )
    expect(() => readFileSync(join(cwd, 'vetted.config.json'))).toThrow(/ENOENT/)
  })

  it('a package.json linked to a file inside the project is read as the project manifest', async () => {
    const cwd = project({
      'content/posts/towns.md': POST,
      'config/manifest.json': '{ "name": "blog", "devDependencies": { "@vetted/cli": "^1.0.0" } }\n',
      'package-lock.json': '{ "lockfileVersion": 3 }\n',
    })
    symlinkSync('config/manifest.json', join(cwd, 'package.json'))
    const run = await vettedInProcess(['init', 'content/posts'], { cwd })
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).not.toContain('npm install --save-dev @vetted/cli')
  })
})

describe('vetted check reads a ledger lock only if it is a regular file', () => {
  it('a lock beside a ledger that is a FIFO is refused at once, not waited on', { timeout: 60_000 }, async () => {
    const cwd = project({ 'content/towns.md': POST })
    execFileSync('mkfifo', [join(cwd, 'content/towns.vetted.json.lock')])
    const run = await bounded(['check'], cwd, online)
    expect(run.killed).toBeUndefined()
    expect(run.stderr).toMatch(/^vetted: content\/towns\.vetted\.json\.lock: is a named pipe \(FIFO\), not a regular file$/m)
    expect(run.code).toBe(2)
  })
})
