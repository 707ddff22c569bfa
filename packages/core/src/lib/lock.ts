// One process at a time changes a ledger: a lock file beside it (`x.vetted.json.lock`)
// names its owner: the PID and that process's start time, so a lock left by a
// killed process is recognised even when the PID was reused by another, and taken over.
//
// withLock takes it around one write. holdLock takes it for a whole run (vetted
// check holds every ledger before it reads them); while this process holds a lock
// so, its own withLock calls on that file run at once instead of waiting on
// themselves, and updateLedgerFrom (ledger.ts) writes what the run read without
// reading the file again: no other vetted writes it meanwhile.

import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { VettedInputError } from './errors.ts'
import { removeLeftoverTemporaries } from './files.ts'
import { readRegularText } from './read-file.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The process's start time in clock ticks since boot (Linux /proc), or undefined where there is none. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (the command name) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

interface Owner {
  pid: number
  /** From /proc/<pid>/stat; absent where the system has no /proc. */
  start?: string
}

const OWN: Owner = { pid: process.pid, ...(startTimeOf(process.pid) ? { start: startTimeOf(process.pid)! } : {}) }

/** The owner a lock file names: `{"pid":…,"start":"…"}`, or a bare PID (older vetted). */
function ownerIn(lockText: string): Owner | undefined {
  const text = lockText.trim()
  if (/^\d+$/.test(text)) return { pid: Number(text) }
  try {
    const data = JSON.parse(text) as { pid?: unknown; start?: unknown }
    if (Number.isInteger(data.pid) && (data.pid as number) > 0) {
      return { pid: data.pid as number, ...(typeof data.start === 'string' ? { start: data.start } : {}) }
    }
  } catch {}
  return undefined
}

/** The live owner of `lockFile`, or undefined when it is gone or the lock is stale. */
function liveOwner(lockFile: string): Owner | undefined {
  // A regular file of a few bytes: a FIFO named like a lock is refused, not waited on.
  const text = readRegularText(lockFile, { maxBytes: 4096, what: 'a ledger lock written by vetted' })
  if (text === undefined) return undefined
  const owner = ownerIn(text)
  if (!owner) {
    // Being written this instant, or garbage: give a writer a moment.
    try {
      return Date.now() - statSync(lockFile).mtimeMs > 10_000 ? undefined : { pid: 0 }
    } catch {
      return undefined
    }
  }
  if (!isRunning(owner.pid)) return undefined
  // The PID runs, but a different process may have it now: compare start times.
  if (owner.start !== undefined) {
    const start = startTimeOf(owner.pid)
    if (start !== undefined && start !== owner.start) return undefined
  }
  return owner
}

/** Lock files this process holds for a run, and how many holds each has. */
const held = new Map<string, number>()

process.on('exit', () => {
  for (const lockFile of held.keys()) {
    try {
      unlinkSync(lockFile)
    } catch {}
  }
})

/** Take `${file}.lock`, waiting up to `timeoutMs` (0: refuse at once) for a live holder. */
async function acquire(file: string, timeoutMs: number): Promise<string> {
  const lockFile = `${file}.lock`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx')
      try {
        writeSync(fd, JSON.stringify(OWN))
      } finally {
        closeSync(fd)
      }
      removeLeftoverTemporaries(file, isRunning)
      return lockFile
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = liveOwner(lockFile)
      if (!owner) {
        try {
          unlinkSync(lockFile)
        } catch {}
        continue
      }
      if (Date.now() >= deadline) {
        const who = owner.pid > 0 ? `vetted process ${owner.pid}` : 'another vetted process'
        throw new VettedInputError(
          file,
          `is locked by ${who} (${lockFile}); wait for it to finish, or delete the lock file if that process is not vetted`,
        )
      }
      await sleep(15 + Math.random() * 35)
    }
  }
}

/** Run `fn` holding `${file}.lock`, waiting up to `timeoutMs` for another holder. */
export async function withLock<T>(file: string, fn: () => T, options: { timeoutMs?: number } = {}): Promise<Awaited<T>> {
  if (held.has(`${file}.lock`)) return await fn()
  const lockFile = await acquire(file, options.timeoutMs ?? 30_000)
  try {
    return await fn()
  } finally {
    try {
      unlinkSync(lockFile)
    } catch {}
  }
}

export interface HeldLock {
  release(): void
}

/** Whether this process holds `${file}.lock` for a run (holdLock): no other vetted writes the file meanwhile. */
export function holdsLock(file: string): boolean {
  return held.has(`${file}.lock`)
}

/**
 * Hold `${file}.lock` until `release()`: for a run that writes the file several
 * times and must not start when another process has it. A live holder is
 * refused at once unless `timeoutMs` says to wait; a stale lock is taken over.
 */
export async function holdLock(file: string, options: { timeoutMs?: number } = {}): Promise<HeldLock> {
  const lockFile = `${file}.lock`
  const holds = held.get(lockFile)
  if (holds === undefined) await acquire(file, options.timeoutMs ?? 0)
  held.set(lockFile, (holds ?? 0) + 1)
  let released = false
  return {
    release() {
      if (released) return
      released = true
      const left = held.get(lockFile)! - 1
      if (left > 0) return void held.set(lockFile, left)
      held.delete(lockFile)
      try {
        unlinkSync(lockFile)
      } catch {}
    },
  }
}
