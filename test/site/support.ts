// Real `astro build`s for tests and benchmarks: of the sample site, and of small
// generated sites (a config, one page template, the posts you give) written
// under test/.sites/ so that they resolve the workspace's packages.

import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
export const ASTRO_BIN = join(dirname(require.resolve('astro/package.json')), 'bin/astro.mjs')
export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const SAMPLE_SITE = join(REPO, 'site')

export interface BuildResult {
  code: number
  output: string
  outDir: string
}

/** `astro build` of `root` into a fresh temp folder, as a subprocess. */
export function astroBuild(root: string, env: Record<string, string> = {}): Promise<BuildResult> {
  mkdirSync(join(REPO, 'test/.sites'), { recursive: true })
  const outDir = mkdtempSync(join(REPO, 'test/.sites', 'out-'))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--root', root, '--outDir', outDir], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output, outDir }))
  })
}

export interface FixtureSiteOptions {
  /** Add @vetted/astro (default true); without it the same unified processor runs alone. */
  vetted?: boolean
  openCorrections?: 'error' | 'warn'
}

const PAGE = `---
import { articleJsonLd, jsonLdScript } from '@vetted/astro'

export function getStaticPaths() {
  const posts = import.meta.glob('../../posts/*.md', { eager: true })
  return Object.entries(posts).map(([path, post]) => ({ params: { slug: path.split('/').pop().replace(/\\.md$/, '') }, props: { post } }))
}
const { post } = Astro.props
const { title, date, vetted } = post.frontmatter
const jsonLd = jsonLdScript(articleJsonLd({ title, date: String(date).slice(0, 10), url: new URL(Astro.url.pathname, 'https://example.org').href, vetted }))
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{title}</title>
    <script type="application/ld+json" set:html={jsonLd} /></head>
  <body><main><h1>{title}</h1><post.Content /></main></body>
</html>
`

/** A small Astro site with `posts` (file name -> text) under test/.sites/. */
export function fixtureSite(posts: Record<string, string>, options: FixtureSiteOptions = {}): string {
  mkdirSync(join(REPO, 'test/.sites'), { recursive: true })
  const root = mkdtempSync(join(REPO, 'test/.sites', 'site-'))
  const vetted = options.vetted ?? true
  writeFileSync(
    join(root, 'astro.config.mjs'),
    `import { unified } from '@astrojs/markdown-remark'
${vetted ? "import vetted from '@vetted/astro'\n" : ''}import { defineConfig } from 'astro/config'
export default defineConfig({
  markdown: { processor: unified() },
  integrations: [${vetted ? `vetted({ openCorrections: '${options.openCorrections ?? 'error'}' })` : ''}],
  devToolbar: { enabled: false },
})
`,
  )
  mkdirSync(join(root, 'src/pages'), { recursive: true })
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
