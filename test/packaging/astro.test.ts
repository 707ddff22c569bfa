// @vetted/astro as a user installs it: the packed tarballs (compiled dist/, no
// TypeScript sources) in a minimal Astro 7 site outside the repository, whose
// astro.config.mjs says nothing but `integrations: [vetted()]` (fixtures/astro-site).

import { spawn } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idOf, ledgerFor } from '../site/support.ts'
import { userEnv, userProject, type UserProject } from './support.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/astro-site', import.meta.url))
const POSTS = 'src/content/posts'
const ASTRO_ENV = userEnv({ ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' })

let project: UserProject
let site: string
let ledger: string

beforeAll(async () => {
  project = await userProject(['@vetted/astro'], ['astro@^7.3', 'typescript'])
  site = project.dir
  cpSync(FIXTURE, site, { recursive: true })
  const post = readFileSync(join(site, POSTS, 'telegraph.md'), 'utf8')
  ledger = ledgerFor('telegraph.md', post, [
    {
      quote: 'completed in 1866',
      status: 'annotate',
      summary: 'The first cable was completed in 1858; it failed after three weeks.',
      sources: [{ url: 'https://example.org/atlantic-cable/1858', title: 'The 1858 cable' }],
      checker: { model: 'manual', prompt: 'manual', date: '2026-03-03' },
    },
  ])
  writeFileSync(join(site, POSTS, 'telegraph.vetted.json'), ledger)
})
afterAll(() => project?.remove())

const astro = (args: string[], timeout = 240_000) => project.bin('astro', args, { env: ASTRO_ENV, timeout })
const output = (result: { stdout: string; stderr: string }) => `${result.stdout}\n${result.stderr}`

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`]
  })
}

function jsonLdOf(html: string): { correction: Array<Record<string, unknown>> } & Record<string, unknown> {
  const script = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  if (!script) throw new Error(`no JSON-LD on the page:\n${html}`)
  return JSON.parse(script[1]!)
}

describe('@vetted/astro installed from its tarball', () => {
  it('installs compiled JavaScript and declarations, no TypeScript sources', () => {
    for (const name of ['@vetted/astro', '@vetted/core', 'remark-vetted']) {
      const files = filesUnder(join(site, 'node_modules', name))
      expect(files, name).toContain('dist/index.js')
      expect(files, name).toContain('dist/index.d.ts')
      expect(
        files.filter((file) => /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file)),
        name,
      ).toEqual([])
    }
  })

  it('astro build on Astro’s defaults: the site keeps its processor (Sätteri), the card and the JSON-LD are on the page', async () => {
    const result = await astro(['build'])
    expect(result.code, output(result)).toBe(0)
    expect(output(result)).not.toMatch(/unified processor|markdown-remark/)

    const html = readFileSync(join(site, 'dist/posts/telegraph/index.html'), 'utf8')
    expect(html).toContain('<mark class="vetted-claim" id="telegraph-claim-1">completed in 1866')
    expect(html).toContain(`data-vetted-id="${idOf(ledger, 'completed in 1866')}" data-vetted-status="annotate"`)
    expect(html).toContain('The first cable was completed in 1858')
    const article = jsonLdOf(html)
    expect(article).toMatchObject({
      '@type': 'Article',
      headline: 'The first transatlantic cable',
      datePublished: '2026-03-01',
      description: 'How a cable crossed the Atlantic.',
    })
    expect(article.correction).toEqual([
      expect.objectContaining({
        '@type': 'CorrectionComment',
        datePublished: '2026-03-03',
        url: expect.stringMatching(/\/posts\/telegraph\/#telegraph-correction-1$/),
        citation: ['https://example.org/atlantic-cable/1858'],
      }),
    ])

    // The cards' stylesheet, from the package's dist/, is in the page's CSS; no JavaScript ships.
    const built = filesUnder(join(site, 'dist'))
    const css = [html, ...built.filter((file) => file.endsWith('.css')).map((file) => readFileSync(join(site, 'dist', file), 'utf8'))].join(
      '\n',
    )
    expect(css).toMatch(/:where\(\.vetted-card\)\s*\{/)
    expect(built.filter((file) => /\.m?js$/.test(file))).toEqual([])

    const feed = JSON.parse(readFileSync(join(site, 'dist/corrections.json'), 'utf8')) as Array<{ correction: unknown[] }>
    expect(feed).toHaveLength(1)
    expect(feed[0]!.correction).toHaveLength(1)
  })

  it('astro dev answers the post page with its card, and renders it again when its ledger changes', async () => {
    const port = await freePort()
    const server = spawn(join(site, 'node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: site,
      env: ASTRO_ENV,
      detached: true,
    })
    let log = ''
    server.stdout.on('data', (chunk) => (log += chunk))
    server.stderr.on('data', (chunk) => (log += chunk))
    const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()))
    try {
      // Astro moves on from a port taken meanwhile, and prints the one it uses.
      const origin = await within(
        120_000,
        'astro dev to start',
        async () => /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1],
        exited,
        () => log,
      )
      const response = await fetch(`${origin}/posts/telegraph/`, { signal: AbortSignal.timeout(60_000) })
      const html = await response.text()
      expect(response.status, `${html}\n${log}`).toBe(200)
      expect(html).toContain('<mark class="vetted-claim" id="telegraph-claim-1">completed in 1866')
      expect(html).toContain('class="vetted-card"')
      expect(jsonLdOf(html).correction).toHaveLength(1)
      // The stylesheet comes from the installed package's dist/ (exports "./styles.css").
      expect(html).toContain('node_modules/@vetted/astro/dist/styles/vetted.css')

      // A ledger change (vetted resolve, vetted check) renders the post again.
      writeFileSync(
        join(site, POSTS, 'telegraph.vetted.json'),
        ledger.replaceAll('it failed after three weeks', 'it failed within a month'),
      )
      const reloaded = await within(
        30_000,
        'the page to show the changed ledger',
        async () => {
          const page = await fetch(`${origin}/posts/telegraph/`, { signal: AbortSignal.timeout(30_000) }).then((answer) => answer.text())
          return page.includes('it failed within a month') ? page : undefined
        },
        exited,
        () => log,
      )
      expect(reloaded).not.toContain('it failed after three weeks')
      expect(log).not.toMatch(/ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING|\[ERROR\]/)
    } finally {
      writeFileSync(join(site, POSTS, 'telegraph.vetted.json'), ledger)
      await stop(server.pid!, exited)
    }
  })

  it('fails astro build while a post has an open correction, naming file:line and the correction’s id', async () => {
    const draft = '---\ntitle: Draft\ndate: 2026-03-05\n---\n\nThe Eiffel Tower was completed in 1899 for the World Fair.\n'
    const draftLedger = ledgerFor('draft.md', draft, [{ quote: 'completed in 1899', status: 'open', summary: 'It was completed in 1889.' }])
    writeFileSync(join(site, POSTS, 'draft.md'), draft)
    writeFileSync(join(site, POSTS, 'draft.vetted.json'), draftLedger)
    try {
      const result = await astro(['build'])
      expect(result.code).not.toBe(0)
      expect(output(result)).toMatch(
        new RegExp(`src/content/posts/draft\\.md:6:\\d+ ${idOf(draftLedger, 'completed in 1899')} It was completed in 1889\\.`),
      )
    } finally {
      rmSync(join(site, POSTS, 'draft.md'))
      rmSync(join(site, POSTS, 'draft.vetted.json'))
    }
  })

  it('type-checks under astro/tsconfigs/strictest with tsc: no errors, none in our declarations either', async () => {
    const sync = await astro(['sync'])
    expect(sync.code, output(sync)).toBe(0)
    expect(existsSync(join(site, '.astro/types.d.ts'))).toBe(true)

    const tsc = await project.bin('tsc', ['--noEmit', '-p', 'tsconfig.json'], { timeout: 240_000 })
    expect(output(tsc).trim(), 'tsc --noEmit').toBe('')
    expect(tsc.code).toBe(0)

    // astro's tsconfig skips libraries' declarations; read ours too (others' errors are theirs).
    const strict = await project.bin('tsc', ['--noEmit', '-p', 'tsconfig.json', '--skipLibCheck', 'false', '--listFiles'], {
      timeout: 240_000,
    })
    const lines = strict.stdout.split('\n')
    // What the site's code reaches: the integration and the model its page data is typed with.
    for (const name of ['@vetted/astro', '@vetted/core'])
      expect(lines, name).toContainEqual(expect.stringMatching(new RegExp(`node_modules/${name}/dist/index\\.d\\.ts$`)))
    expect(lines.filter((line) => /node_modules\/(@vetted\/|remark-vetted\/).*error TS/.test(line))).toEqual([])
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Poll `probe` every 200 ms until it gives a value; fail after `ms`, or as soon as the process exits. */
async function within<T>(
  ms: number,
  what: string,
  probe: () => Promise<T | undefined>,
  exited: Promise<void>,
  log: () => string,
): Promise<T> {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (gone) throw new Error(`${what}: the process exited\n${log()}`)
    if (Date.now() > deadline) throw new Error(`${what}: nothing after ${ms} ms\n${log()}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** SIGTERM to the server's process group, SIGKILL if it is still there after 10 s. */
async function stop(pid: number, exited: Promise<void>): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name)
    } catch {
      // already gone
    }
  }
  signal('SIGTERM')
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000))
  if ((await Promise.race([exited.then(() => 'done' as const), timer])) === 'late') {
    signal('SIGKILL')
    await exited
  }
}
