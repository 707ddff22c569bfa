// Build and pack every package once per test run, as `pnpm publish` would: the
// packaging tests install these tarballs into projects outside the repository.

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

const root = fileURLToPath(new URL('../..', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    /** Each package's packed tarball and the vetted packages it depends on. */
    packed: Record<string, { tarball: string; dependsOn: string[] }>
  }
}

function pnpm(args: string[], cwd: string): string {
  const result = spawnSync('pnpm', args, { cwd, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

/** Two test runs at once (a terminal's and an editor's) must not build over each other's dist/. */
function withBuildLock<T>(work: () => T): T {
  const lock = join(tmpdir(), `vetted-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`)
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than ten minutes was left by a run that died.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 600_000) rmSync(lock, { recursive: true, force: true })
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    return work()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

export default function setup(project: TestProject): () => void {
  const destination = mkdtempSync(join(tmpdir(), 'vetted-packs-'))
  withBuildLock(() => packInto(destination, project))
  return () => rmSync(destination, { recursive: true, force: true })
}

function packInto(destination: string, project: TestProject): void {
  pnpm(['run', 'build'], root)
  const packed: Record<string, { tarball: string; dependsOn: string[] }> = {}
  for (const folder of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', folder)
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    const { name, filename } = JSON.parse(pnpm(['pack', '--json', '--pack-destination', destination], dir)) as {
      name: string
      filename: string
    }
    const dependsOn = Object.entries(manifest.dependencies ?? {})
      .filter(([, range]) => range.startsWith('workspace:'))
      .map(([dependency]) => dependency)
    packed[name] = { tarball: filename, dependsOn }
  }
  project.provide('packed', packed)
}
