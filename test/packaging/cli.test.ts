// The CLI as a user installs it from npm: its compiled bin in a project outside
// the repository.

import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { run, userEnv, userProject, type UserProject } from './support.ts'

const content = new URL('../../content/', import.meta.url)

let project: UserProject
let commonjs: UserProject

beforeAll(async () => {
  ;[project, commonjs] = await Promise.all([userProject(['@vetted/cli']), userProject(['@vetted/cli'], [], { type: 'commonjs' })])
})
afterAll(() => {
  project?.remove()
  commonjs?.remove()
})

/** A blog folder inside the project with the sample post about GPS clocks and its ledger (one published correction). */
function blogWithLedger(dir: string): string {
  const blog = join(dir, `blog-${Math.random().toString(16).slice(2, 8)}`)
  mkdirSync(join(blog, 'content'), { recursive: true })
  for (const file of ['why-gps-clocks-run-fast.md', 'why-gps-clocks-run-fast.vetted.json'])
    cpSync(new URL(file, content), join(blog, 'content', file))
  return blog
}

describe('@vetted/cli installed from its tarball', () => {
  it('prints its help through npx', async () => {
    // --no: the installed bin or nothing (npm's unrelated `vetted` is never fetched).
    const result = await run('npx', ['--no', '--', 'vetted', '--help'], { cwd: project.dir })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('vetted check')
  })

  it('vetted init sets up a blog in the project, and a second run changes nothing', async () => {
    const blog = join(project.dir, 'my-blog')
    mkdirSync(join(blog, 'src/content/blog'), { recursive: true })
    cpSync(new URL('the-double-helix.md', content), join(blog, 'src/content/blog/the-double-helix.md'))
    writeFileSync(join(blog, 'package-lock.json'), '{}\n')
    const vetted = join(project.dir, 'node_modules/.bin/vetted')
    const first = await run(vetted, ['init'], { cwd: blog })
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.stdout).toContain('Posts in src/content/blog (1 post).')
    expect(JSON.parse(readFileSync(join(blog, 'vetted.config.json'), 'utf8'))).toEqual({ content: ['src/content/blog'] })
    expect(readFileSync(join(blog, '.github/workflows/vetted.yml'), 'utf8')).toContain(
      '      - run: npm ci\n      - run: npx --no vetted check --ci --format github\n',
    )
    const after = checksums(blog)
    const second = await run(vetted, ['init'], { cwd: blog })
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/^vetted init: nothing changed/)
    expect(checksums(blog)).toEqual(after)
  })

  it('vetted.config.ts loads in a "type": "commonjs" project', async () => {
    expect(JSON.parse(readFileSync(join(commonjs.dir, 'package.json'), 'utf8')).type).toBe('commonjs')
    const blog = blogWithLedger(commonjs.dir)
    writeFileSync(
      join(commonjs.dir, 'vetted.config.ts'),
      `import type { VettedConfigInput } from '@vetted/cli'\n\nconst content: string[] = ['${blog.slice(commonjs.dir.length + 1)}/content']\nexport default { content } satisfies VettedConfigInput\n`,
    )
    const result = await commonjs.bin('vetted', ['check', '--ci'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    // --ci lists only what needs attention; the published correction is summed up.
    expect(result.stdout).toMatch(
      /^1 post, \d+ claims: 0 unchecked, 0 open, 1 published, 0 dismissed, 0 fixed\.\nNot listed: 1 published /m,
    )

    // The compiled bin needs no type stripping of its own; vetted reads its config as TypeScript even when it is turned off.
    const stripless = await commonjs.bin('vetted', ['check', '--ci'], { env: userEnv({ NODE_OPTIONS: '--no-experimental-strip-types' }) })
    expect(stripless).toMatchObject({ code: 0, stderr: '' })
    rmSync(join(commonjs.dir, 'vetted.config.ts'))
  })

  it('the gate: a settled ledger passes, an open correction fails naming file:line and id, and resolve settles it', async () => {
    const blog = blogWithLedger(project.dir)
    const vetted = join(project.dir, 'node_modules/.bin/vetted')
    const settled = await run(vetted, ['check', '--ci'], { cwd: blog })
    expect(settled.code).toBe(0)
    expect(settled.stdout).toContain('Everything is settled.')

    // The same correction, as `vetted check` first recorded it: open.
    const ledgerPath = join(blog, 'content/why-gps-clocks-run-fast.vetted.json')
    const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'))
    const [id] = Object.keys(ledger.corrections) as [string]
    ledger.corrections[id].status = 'open'
    ledger.corrections[id].history = []
    writeFileSync(ledgerPath, `${JSON.stringify(ledger, null, 2)}\n`)
    const open = await run(vetted, ['check', '--ci'], { cwd: blog })
    expect(open.code).toBe(1)
    expect(open.stdout).toMatch(new RegExp(`content/why-gps-clocks-run-fast\\.md:30:\\d+ +\\[open: not settled\\] +${id}`))

    const github = await run(vetted, ['check', '--ci', '--format', 'github'], { cwd: blog })
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(new RegExp(`^::error file=content/why-gps-clocks-run-fast\\.md,line=30,.*${id}`, 'm'))

    const resolved = await run(vetted, ['resolve', id, '--annotate'], { cwd: blog })
    expect(resolved).toMatchObject({ code: 0, stdout: `${id}: open -> annotate (content/why-gps-clocks-run-fast.vetted.json)\n` })
    expect((await run(vetted, ['check', '--ci'], { cwd: blog })).code).toBe(0)
  })

  it('on a Node older than 22.18 the bin says so in one line and exits 2', async () => {
    const node = await oldNode()
    try {
      const result = await run(node.path, [join(project.dir, 'node_modules/@vetted/cli/dist/bin.js'), 'check', '--ci'], {
        cwd: project.dir,
      })
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^vetted: needs Node 22\.18 or newer; this is Node (\d+)\.\d+\.\d+\n$/)
      expect(result.code).toBe(2)
    } finally {
      node.remove()
    }
  })
})

/** A Node older than 22.18: the system's (Node 20 on this machine and in CI), else node@20 from npm in a temp folder. */
async function oldNode(): Promise<{ path: string; remove(): void }> {
  const old = (path: string) => {
    const [major = 0, minor = 0] = (/^v(\d+)\.(\d+)/.exec(readVersion(path)) ?? []).slice(1).map(Number)
    return major > 0 && (major < 22 || (major === 22 && minor < 18))
  }
  const candidates = ['/usr/bin/node', ...(process.env['PATH'] ?? '').split(':').map((dir) => join(dir, 'node'))]
  const found = candidates.find((path) => existsSync(path) && old(path))
  if (found) return { path: found, remove: () => undefined }
  const prefix = mkdtempSync(join(tmpdir(), 'vetted-old-node-'))
  const install = await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', 'node@20'], {
    cwd: prefix,
  })
  if (install.code !== 0) throw new Error(`npm install node@20 failed:\n${install.stderr}`)
  return { path: join(prefix, 'node_modules/.bin/node'), remove: () => rmSync(prefix, { recursive: true, force: true }) }
}

function readVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}
