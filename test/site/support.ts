// Real `astro build`s for tests and benchmarks: of a copy of the sample site on
// the content you give it, and of small generated sites. Both live under
// test/.sites/, so that they resolve the workspace's packages (test/node_modules)
// and keep their caches to themselves.

import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { correctionId, emptyLedger, fingerprint, serializeLedger, type Correction, type CorrectionStatus } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import { removedAfterTests } from '../support/files.ts'

const require = createRequire(import.meta.url)
export const ASTRO_BIN = join(dirname(require.resolve('astro/package.json')), 'bin/astro.mjs')
export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const SAMPLE_SITE = join(REPO, 'site')
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url))
const SITES = join(REPO, 'test/.sites')

/** A new folder under test/.sites/, removed after the test file. */
export function temporarySiteFolder(prefix: string): string {
  mkdirSync(SITES, { recursive: true })
  return removedAfterTests(mkdtempSync(join(SITES, prefix)))
}

export interface BuildResult {
  code: number
  output: string
  outDir: string
}

/** `astro build` of `root` into a fresh folder, as a subprocess (as a user runs it). */
export function astroBuild(root: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const outDir = temporarySiteFolder('out-')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--root', root, '--outDir', outDir], {
      cwd: root,
      env: { ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output, outDir }))
  })
}

export interface DevServer {
  /** `http://127.0.0.1:<port>`, once Astro listens. */
  origin: string
  /** What the server printed so far. */
  output: () => string
  stop: () => void
}

/** `astro dev` of `root` on `port` (or the next free one: Astro moves on and prints the one it uses), as a user runs it. */
export async function astroDev(root: string, port: number, env: Record<string, string> = {}): Promise<DevServer> {
  const server = spawn(process.execPath, [ASTRO_BIN, 'dev', '--root', root, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...userEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
  })
  let output = ''
  const stop = () => server.kill()
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        output += chunk
        const match = /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
        if (match) resolve(match[1]!)
      })
      server.stderr.on('data', (chunk) => (output += chunk))
      server.on('exit', () => reject(new Error(`astro dev exited:\n${output}`)))
    })
    return { origin, output: () => output, stop }
  } catch (error) {
    stop()
    throw error
  }
}

/** The environment of a user's shell: Astro serves no pages under vitest's NODE_ENV=test. */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'),
  )
}

/** A copy of site/ (its code, not its build) under test/.sites/, to build on any content folder. */
export function copyOfSampleSite(): string {
  const root = temporarySiteFolder('sample-')
  for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src']) {
    cpSync(join(SAMPLE_SITE, name), join(root, name), { recursive: true })
  }
  return root
}

/** A folder of posts (file name -> text) under test/.sites/. */
export function contentFolder(files: Record<string, string>): string {
  const dir = temporarySiteFolder('content-')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

export interface CorrectionSpec {
  quote: string
  status: CorrectionStatus
  summary: string
  reasoning?: string
  sources?: Correction['sources']
  checker?: Correction['checker']
  note?: string
  history?: Correction['history']
  /** For a fixed correction: the sentence that held the quote before the author rewrote it. */
  sentence?: string
}

const EDITOR = { model: 'manual', prompt: 'manual', date: '2026-03-02' }

/**
 * The ledger of `post` as a published site has it: every claim judged, and a
 * correction for each spec, filed under the claim that holds its quote.
 */
export function ledgerFor(post: string, markdown: string, specs: CorrectionSpec[]): string {
  // Read as its name says (an `.mdx` post as MDX), as `vetted check` reads it.
  const claims = detectClaims(markdown, undefined, post)
  const ledger = emptyLedger(post)
  for (const claim of claims) ledger.claims[claim.fingerprint] = { text: claim.text, verdict: 'supported', checker: 'manual' }
  for (const spec of specs) {
    const claim = spec.sentence
      ? { text: spec.sentence, fingerprint: fingerprint(spec.sentence) }
      : claims.find((candidate) => candidate.text.includes(spec.quote))
    if (!claim) throw new Error(`fixture: no claim of ${post} holds "${spec.quote}"`)
    const checker = spec.checker ?? EDITOR
    ledger.claims[claim.fingerprint] = {
      text: claim.text,
      verdict: 'incorrect',
      checker: checker.model === 'manual' ? 'manual' : `${checker.model}@${checker.prompt}`,
    }
    const id = correctionId(post, claim.fingerprint, spec.quote)
    ledger.corrections[id] = {
      id,
      claim: claim.fingerprint,
      quote: spec.quote,
      summary: spec.summary,
      reasoning: spec.reasoning ?? spec.summary,
      sources: spec.sources ?? [],
      checker,
      status: spec.status,
      ...(spec.note ? { note: spec.note } : {}),
      history: spec.history ?? [],
    }
  }
  return serializeLedger(ledger)
}

/** The id `ledgerFor` gives a correction. */
export function idOf(ledgerText: string, quote: string): string {
  const ledger = JSON.parse(ledgerText) as { corrections: Record<string, { quote: string }> }
  const entry = Object.entries(ledger.corrections).find(([, correction]) => correction.quote === quote)
  if (!entry) throw new Error(`fixture: no correction quotes "${quote}"`)
  return entry[0]
}

export interface FixtureSiteOptions {
  /** Add @vetted/astro (default true); without it the same processor runs alone. */
  vetted?: boolean
  openCorrections?: 'error' | 'warn'
  /** The Markdown processor: `unified()` (default), or Astro's default (Sätteri) when false. */
  unified?: boolean
  /** Posts may be MDX too (`*.{md,mdx}`, with @astrojs/mdx); default false. */
  mdx?: boolean
  /** Render posts as modules in each build (default true), as the sample site does. */
  deferRender?: boolean
}

const PAGE = `---
import { articleJsonLd, jsonLdScript, vettedPageData } from '@vetted/astro'
import { getCollection, render } from 'astro:content'

export async function getStaticPaths() {
  return (await getCollection('posts')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }))
}
const { entry } = Astro.props
const { Content, remarkPluginFrontmatter } = await render(entry)
const { title, date } = entry.data
const jsonLd = jsonLdScript(articleJsonLd({ title, date: date.toISOString().slice(0, 10), url: new URL(Astro.url.pathname, 'https://example.org').href, vetted: vettedPageData(remarkPluginFrontmatter) }))
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{title}</title>
    <script type="application/ld+json" set:html={jsonLd} /></head>
  <body><main><h1>{title}</h1><Content /></main></body>
</html>
`

/** A small Astro site with `posts` (file name -> text) under test/.sites/: one collection, one page template. */
export function fixtureSite(posts: Record<string, string>, options: FixtureSiteOptions = {}): string {
  const root = temporarySiteFolder('site-')
  const vetted = options.vetted ?? true
  writeFileSync(
    join(root, 'astro.config.mjs'),
    `${options.unified === false ? '' : "import { unified } from '@astrojs/markdown-remark'\n"}${options.mdx ? "import mdx from '@astrojs/mdx'\n" : ''}${vetted ? "import vetted from '@vetted/astro'\n" : ''}import { defineConfig } from 'astro/config'
export default defineConfig({
  ${options.unified === false ? '' : 'markdown: { processor: unified() },'}
  integrations: [${[...(options.mdx ? ['mdx()'] : []), ...(vetted ? [`vetted({ openCorrections: '${options.openCorrections ?? 'error'}' })`] : [])].join(', ')}],
  devToolbar: { enabled: false },
  vite: { build: { rollupOptions: { onwarn(warning, warn) { if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning) } } } },
})
`,
  )
  mkdirSync(join(root, 'src/pages'), { recursive: true })
  writeFileSync(
    join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { z } from 'astro/zod'
export const collections = {
  posts: defineCollection({
    loader: glob({ base: './posts', pattern: '${options.mdx ? '*.{md,mdx}' : '*.md'}', deferRender: ${options.deferRender ?? true} }),
    schema: z.object({ title: z.string(), date: z.coerce.date() }),
  }),
}
`,
  )
  writeFileSync(join(root, 'src/pages/[slug].astro'), PAGE)
  mkdirSync(join(root, 'posts'))
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(root, 'posts', name), text)
  return root
}

/** Every built HTML page under `outDir`, by path relative to it. */
export function htmlPages(outDir: string): Record<string, string> {
  const pages: Record<string, string> = {}
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`)
      else if (name.endsWith('.html')) pages[`${prefix}${name}`] = readFileSync(full, 'utf8')
    }
  }
  walk(outDir, '')
  return pages
}

/** Bytes of JavaScript files in a build. */
export function javascriptBytes(outDir: string): number {
  let bytes = 0
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.m?js$/.test(name)) bytes += statSync(full).size
    }
  }
  walk(outDir)
  return bytes
}

/** Every `id` attribute of a page, in order. */
export function idsOf(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!)
}

/** The page's JSON-LD, parsed. */
export function jsonLdOf(html: string): Record<string, unknown> & { correction: Array<Record<string, unknown>> } {
  const script = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  if (!script) throw new Error('no JSON-LD on the page')
  return JSON.parse(script[1]!)
}
