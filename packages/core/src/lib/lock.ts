// One process at a time changes a ledger: a lock file beside it holds the
// owner's PID; a lock whose process is dead is taken over.

import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { VettedInputError } from './errors.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function lockIsStale(lockFile: string): boolean {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'))
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lockFile).mtimeMs > 10_000
    process.kill(pid, 0)
    return false
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ESRCH' || code === 'ENOENT'
  }
}

/** Run `fn` holding `${file}.lock`, waiting up to `timeoutMs` for another holder. */
export async function withLock<T>(file: string, fn: () => T, options: { timeoutMs?: number } = {}): Promise<Awaited<T>> {
  const lockFile = `${file}.lock`
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (lockIsStale(lockFile)) {
        try {
          unlinkSync(lockFile)
        } catch {}
        continue
      }
      if (Date.now() > deadline) throw new VettedInputError(file, `is locked by another vetted process (${lockFile})`)
      await sleep(15 + Math.random() * 35)
    }
  }
  try {
    return await fn()
  } finally {
    try {
      unlinkSync(lockFile)
    } catch {}
  }
}
