// Files that are not files (issue 14, item 3): a post, a ledger or a config that
// is a pipe, a device or a symlink out of the project is refused with one line
// and exit 2, quickly and in bounded memory, and nothing is read from it. Before
// the safe reader, a FIFO named .md blocked forever, a .md symlink to /dev/zero
// grew by about 450 MB/s until the process died, and a symlink to /etc/passwd
// printed that file as "unchecked claims".

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { temporaryFolder } from '../support/files.ts'
import { MEMORY_LIMIT_KB, POST, project, vetted, vettedBounded } from './support.ts'

/** Every entry below `folder` by kind, regular files by content: support's checksums would block reading a FIFO. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const path = join(folder, name)
    const stats = lstatSync(path)
    if (stats.isFile()) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex')
    else out[name] = stats.isSymbolicLink() ? `symlink -> ${readlinkSync(path)}` : stats.isFIFO() ? 'fifo' : 'folder'
  }
  return out
}

/** How long vetted takes to start, check one small post and exit on this machine now: a refusal still running 10 s after that is a hang, and is killed. */
async function baselineMs(): Promise<number> {
  const cwd = project({ 'content/a.md': POST })
  const started = performance.now()
  await vetted(['check', '--ci'], { cwd })
  return performance.now() - started
}

async function expectRefusal(cwd: string, args: string[], line: RegExp, baseline: number): Promise<void> {
  const before = snapshot(cwd)
  const run = await vettedBounded(args, { cwd, deadlineMs: baseline + 10_000 })
  expect(run.killed).toBeUndefined()
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr).toMatch(line)
  expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  expect(run.peakKb).toBeLessThan(MEMORY_LIMIT_KB)
  expect(snapshot(cwd)).toEqual(before)
}

describe('files that are not regular files', () => {
  it('a post that is a FIFO, a symlink to /dev/zero or to /etc/passwd is refused at once, in bounded memory', {
    timeout: 120_000,
  }, async () => {
    const baseline = await baselineMs()
    const cwd = project({ 'content/a.md': POST })
    execFileSync('mkfifo', [join(cwd, 'content/pipe.md')])
    await expectRefusal(
      cwd,
      ['check', '--ci', 'content/pipe.md'],
      /^vetted: content\/pipe\.md: is a named pipe \(FIFO\), not a regular file\n$/,
      baseline,
    )

    const zero = project({ 'content/a.md': POST })
    symlinkSync('/dev/zero', join(zero, 'content/zero.md'))
    await expectRefusal(
      zero,
      ['check', '--ci', 'content/zero.md'],
      /^vetted: content\/zero\.md: is a symlink to \/dev\/zero, outside the project root; refused\n$/,
      baseline,
    )

    const passwd = project({ 'content/a.md': POST })
    symlinkSync('/etc/passwd', join(passwd, 'content/users.md'))
    // Found in the content folder, not named: the folder search hands it to the same reader.
    await expectRefusal(
      passwd,
      ['check', '--ci'],
      /^vetted: content\/users\.md: is a symlink to \/etc\/passwd, outside the project root; refused\n$/,
      baseline,
    )
  })

  it('a ledger or a config that is a FIFO is refused, not waited on', { timeout: 120_000 }, async () => {
    const baseline = await baselineMs()
    const ledger = project({ 'content/a.md': POST })
    execFileSync('mkfifo', [join(ledger, 'content/a.vetted.json')])
    await expectRefusal(
      ledger,
      ['check', '--ci'],
      /^vetted: content\/a\.vetted\.json: is a named pipe \(FIFO\), not a regular file\n$/,
      baseline,
    )

    const config = project({ 'content/a.md': POST })
    execFileSync('mkfifo', [join(config, 'vetted.config.json')])
    await expectRefusal(
      config,
      ['check', '--ci'],
      /^vetted: vetted\.config\.json: is a named pipe \(FIFO\), not a regular file\n$/,
      baseline,
    )
  })

  it('a config that is a symlink out of the project is refused; one to a file inside it is read', { timeout: 60_000 }, async () => {
    const elsewhere = temporaryFolder('vetted-elsewhere-')
    writeFileSync(join(elsewhere, 'shared.json'), '{ "content": ["writing"] }\n')
    const outside = project({ 'writing/a.md': POST })
    symlinkSync(join(elsewhere, 'shared.json'), join(outside, 'vetted.config.json'))
    const refused = await vetted(['check', '--ci'], { cwd: outside })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^vetted: vetted\.config\.json: is a symlink to \S+shared\.json, outside the project root; refused\n$/)

    const inside = project({ 'config/shared.json': '{ "content": ["writing"] }\n', 'writing/a.md': POST })
    symlinkSync('config/shared.json', join(inside, 'vetted.config.json'))
    symlinkSync('a.md', join(inside, 'writing/b.md'))
    const read = await vetted(['check', '--ci', 'writing/b.md'], { cwd: inside })
    expect(read.stderr).toBe('')
    expect(read.stdout).toContain('writing/b.md — 0 corrections found, 3 claims, 3 unchecked')
  })
})
