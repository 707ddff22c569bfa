import { createHash } from 'node:crypto'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new empty folder under the system's temp folder. */
export function temporaryFolder(prefix = 'vetted-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
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
