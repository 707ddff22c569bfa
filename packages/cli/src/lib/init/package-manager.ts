// Which package manager a project uses, from its lockfile: the nearest one from
// the blog's folder up to the top of its repository (a workspace keeps one
// lockfile at its root). The workflow installs with it and the next steps speak it.

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readProjectText } from './read.ts'

export interface PackageManager {
  name: 'npm' | 'pnpm' | 'yarn' | 'bun'
  /** The folder holding the lockfile (the blog's folder when there is none). */
  root: string
  lockfile: string | undefined
  /** The version `packageManager` in that folder's package.json pins, if it names this manager. */
  version: string | undefined
  /** Yarn 2 or newer (`.yarnrc.yml`, or a lockfile with `__metadata`). */
  berry: boolean
}

const LOCKFILES: Array<[string, PackageManager['name']]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
]

/** Looks in `cwd` and its parents up to `top` (the repository's folder), nearest first. */
export function detectPackageManager(cwd: string, top: string): PackageManager {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const found = LOCKFILES.find(([file]) => existsSync(join(dir, file)))
    if (found) {
      const [lockfile, name] = found
      const pinned = pinnedVersion(readManifest(dir, top), name)
      const berry =
        name === 'yarn' &&
        (existsSync(join(dir, '.yarnrc.yml')) ||
          (pinned !== undefined && !pinned.startsWith('1.')) ||
          yarnLockHead(join(dir, lockfile), top).includes('__metadata:'))
      return { name, root: dir, lockfile, version: pinned, berry }
    }
    if (dir === top || dirname(dir) === dir) break
  }
  return { name: 'npm', root: cwd, lockfile: undefined, version: undefined, berry: false }
}

/**
 * `dir`'s package.json as an object; `undefined` when there is none or it is not a
 * JSON object (init only looks in it, the package manager validates it). A pipe, a
 * device or a symlink out of the repository is refused (`VettedInputError`).
 */
export function readManifest(dir: string, top: string): Record<string, unknown> | undefined {
  const text = readProjectText(join(dir, 'package.json'), top, 'a package.json')
  if (text === undefined) return undefined
  try {
    const manifest: unknown = JSON.parse(text)
    return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? (manifest as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The start of a yarn.lock, where Yarn 2 and newer write `__metadata:`; a lock file may be megabytes long. */
function yarnLockHead(path: string, top: string): string {
  return readProjectText(path, top, 'a yarn.lock', { maxBytes: 64 * 1024, head: true }) ?? ''
}

/** `"packageManager": "pnpm@10.12.1+sha512…"` → `10.12.1`, when it names `name`. */
function pinnedVersion(manifest: Record<string, unknown> | undefined, name: string): string | undefined {
  const field = manifest?.['packageManager']
  if (typeof field !== 'string') return undefined
  const match = /^([a-z]+)@(\d+\.\d+\.\d+[\w.-]*)/.exec(field)
  return match && match[1] === name ? match[2] : undefined
}

/**
 * How the project's own commands run vetted's bin. In CI (`ci`), npx is told never
 * to fetch a package: without @vetted/cli installed it would run whatever the
 * registry calls `vetted`.
 */
export function runner(manager: PackageManager, ci = false): string {
  switch (manager.name) {
    case 'pnpm':
      return 'pnpm exec vetted'
    case 'yarn':
      return 'yarn vetted'
    default:
      return ci ? 'npx --no vetted' : 'npx vetted'
  }
}

/** The command that adds `packages` to the project (`dev`: as development dependencies). */
export function addCommand(manager: PackageManager, packages: string[], dev: boolean): string {
  const list = packages.join(' ')
  switch (manager.name) {
    case 'pnpm':
      return `pnpm add ${dev ? '-D ' : ''}${list}`
    case 'yarn':
      return `yarn add ${dev ? '-D ' : ''}${list}`
    case 'bun':
      return `bun add ${dev ? '-d ' : ''}${list}`
    case 'npm':
      return `npm install ${dev ? '--save-dev ' : ''}${list}`
  }
}
