// The folders that hold the site's posts and their ledgers, found without
// running Astro's content layer: the `base` of each `glob()` loader written in
// the content config (src/content.config.ts; src/content/config.ts before Astro
// 5), and the integration's `content` option. The build gate reads every ledger
// in them, and a change to any of them re-renders the posts Astro cached.

import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const CONFIG_FILES = [
  'content.config.ts',
  'content.config.mts',
  'content.config.js',
  'content.config.mjs',
  'content/config.ts',
  'content/config.mjs',
  'content/config.js',
]

export interface SiteDirs {
  root: URL
  srcDir: URL
}

/**
 * Absolute paths of the content folders that exist. Only a `base` written as a
 * string literal is known before Astro runs the config: name a computed one
 * (`process.env.CONTENT ?? '../content'`) in the `content` option. Without
 * any, `src/content`.
 */
export function contentFolders({ root, srcDir }: SiteDirs, configured: string[] = []): string[] {
  const rootPath = fileURLToPath(root)
  const folders = new Set(configured.map((folder) => resolve(rootPath, folder)))
  for (const name of CONFIG_FILES) {
    const file = join(fileURLToPath(srcDir), name)
    if (!existsSync(file)) continue
    for (const base of globBases(readFileSync(file, 'utf8'))) folders.add(resolve(rootPath, base))
  }
  if (folders.size === 0) folders.add(join(fileURLToPath(srcDir), 'content'))
  return [...folders].filter((folder) => existsSync(folder)).sort()
}

/** Each `base: './folder'` of a content config's source. */
function globBases(source: string): string[] {
  return [...source.matchAll(/\bbase\s*:\s*(['"])([^'"\n]*)\1\s*[,}\n]/g)].map((match) => match[2]!)
}

/** Every `*.vetted.json` below the folders (not in node_modules or hidden folders), sorted. */
export function ledgersIn(folders: string[]): string[] {
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && entry.name.endsWith('.vetted.json')) found.add(full)
    }
  }
  for (const folder of folders) walk(folder)
  return [...found].sort()
}

const POST_EXTENSIONS = ['.md', '.mdx', '.markdown']

/** The post beside a ledger (`x.vetted.json` -> `x.md`, `x.mdx` or `x.markdown`), if there is one. */
export function postOfLedger(ledger: string): string | undefined {
  const stem = ledger.slice(0, -'.vetted.json'.length)
  return POST_EXTENSIONS.map((extension) => stem + extension).find((post) => existsSync(post))
}

/**
 * One digest of every ledger's path and bytes: it changes when any ledger is
 * written, added or removed. Astro clears its content cache when the site's
 * config changes; the integration puts this digest in the config it hashes, so
 * that a post it rendered before and cached is rendered again with its new ledger.
 */
export function ledgersDigest(folders: string[]): string {
  const hash = createHash('sha256')
  for (const ledger of ledgersIn(folders)) {
    hash.update(`${ledger}\0`)
    try {
      hash.update(readFileSync(ledger))
    } catch {
      hash.update('(unreadable)')
    }
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}
