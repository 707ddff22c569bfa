import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Write atomically: a temporary file beside the target, flushed, then renamed over it. */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(temporary, 'w')
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * Remove the temporary files writeFileAtomic left beside `file` when its
 * process died mid-write (`kill -9`): `.<name>.<pid>.<hex>.tmp` whose PID is
 * not running. Call it holding the file's lock, so no live writer is racing.
 */
export function removeLeftoverTemporaries(file: string, isRunning: (pid: number) => boolean): string[] {
  const name = basename(file)
  const folder = dirname(file)
  const removed: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(folder)
  } catch {
    return removed
  }
  for (const entry of entries) {
    if (!entry.startsWith(`.${name}.`) || !entry.endsWith('.tmp')) continue
    const match = /^\.(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(name.length + 1))
    if (!match) continue
    const pid = Number(match[1])
    if (pid === process.pid || isRunning(pid)) continue
    rmSync(join(folder, entry), { force: true })
    removed.push(join(folder, entry))
  }
  return removed
}
