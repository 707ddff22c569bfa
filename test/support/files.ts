import { createHash } from 'node:crypto'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const created: string[] = []
// In a test file, every folder made here goes when the file is done. Outside one
// (a benchmark, a test's child process) there is no suite to hook: the caller
// cleans up.
try {
  afterAll(() => removeFolders(created.splice(0)))
} catch {}

export function removeFolders(folders: string[]): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
}

/** A new empty folder under the system's temp folder, removed after the test file. */
export function temporaryFolder(prefix = 'vetted-'): string {
  return removedAfterTests(mkdtempSync(join(tmpdir(), prefix)))
}

/** Remove `folder` when the current test file is done. */
export function removedAfterTests(folder: string): string {
  created.push(folder)
  return folder
}

/** SHA-256 of every file below `folder` (symlinks by target), by relative path: to prove nothing changed. */
export function checksums(folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      const stats = lstatSync(full)
      if (stats.isDirectory()) walk(full, `${prefix}${name}/`)
      else if (stats.isSymbolicLink()) out[`${prefix}${name}`] = `symlink -> ${readlinkSync(full)}`
      else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(full)).digest('hex')
    }
  }
  walk(folder, '')
  return out
}
