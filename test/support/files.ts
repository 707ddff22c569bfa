import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new empty folder under the system's temp folder. */
export function temporaryFolder(prefix = 'vetted-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** SHA-256 of every file below `folder`, by relative path: to prove nothing changed. */
export function checksums(folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`)
      else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(full)).digest('hex')
    }
  }
  walk(folder, '')
  return out
}
