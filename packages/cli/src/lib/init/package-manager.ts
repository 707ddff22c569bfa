// Which package manager a project uses, from its lockfile: the nearest one from
// the blog's folder up to the top of its repository (a workspace keeps one
// lockfile at its root). The workflow installs with it and the next steps speak it.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

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
      const pinned = pinnedVersion(dir, name)
      const berry =
        name === 'yarn' &&
        (existsSync(join(dir, '.yarnrc.yml')) || (pinned !== undefined && !pinned.startsWith('1.')) || readFileSync(join(dir, lockfile), 'utf8').includes('__metadata:'))
      return { name, root: dir, lockfile, version: pinned, berry }
    }
    if (dir === top || dirname(dir) === dir) break
  }
  return { name: 'npm', root: cwd, lockfile: undefined, version: undefined, berry: false }
}

/** `"packageManager": "pnpm@10.12.1+sha512…"` → `10.12.1`, when it names `name`. */
function pinnedVersion(dir: string, name: string): string | undefined {
  try {
    const field = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { packageManager?: unknown }).packageManager
    if (typeof field !== 'string') return undefined
    const match = /^([a-z]+)@(\d+\.\d+\.\d+[\w.-]*)/.exec(field)
    return match && match[1] === name ? match[2] : undefined
  } catch {
    return undefined
  }
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
