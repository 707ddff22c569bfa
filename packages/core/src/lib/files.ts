// Writing a file vetted owns (a ledger, init's files): complete or absent. The
// bytes go to a temporary file beside the target, every one of them (a write may
// be short), flushed to the disk, then renamed over the target, and the folder is
// flushed so the rename survives a crash. On any failure the temporary file goes,
// the target is as it was, and the error names the file and what happened.
//
// A file being replaced keeps its mode. One the user would not expect vetted to
// replace is refused: no write permission (for this user, or for anyone: root may
// write anywhere, but a 0444 ledger says "do not change me"), or owned by another
// user (the new file would belong to whoever ran vetted). Root keeps the owner instead.

import { randomBytes } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { VettedInputError } from './errors.ts'

/** What went wrong, in words, for the file-system codes a user can act on. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder is not a folder',
  EISDIR: 'it is a folder',
}

/**
 * A file vetted did not write: `reason` says why; the file as it was is kept.
 * `lost`, when given, says what the caller could not save ("the verdicts on 2 claims …").
 */
export class FileWriteError extends VettedInputError {
  readonly reason: string
  constructor(file: string, reason: string, options: { cause?: unknown; lost?: string } = {}) {
    super(file, `not written: ${reason}; the file is as it was${options.lost ? `; ${options.lost}` : ''}`, { cause: options.cause })
    this.name = 'FileWriteError'
    this.reason = reason
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code !== 'string') return String((error as Error | undefined)?.message ?? error)
  return REASONS[code] ? `${REASONS[code]} (${code})` : code
}

/**
 * Refuse to replace `file` when the user would not expect it: see the top of
 * this file. Returns its stats (undefined when it does not exist yet).
 */
function replaceable(file: string): Stats | undefined {
  let stats: Stats
  try {
    stats = statSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new FileWriteError(file, describe(error), { cause: error })
  }
  const mode = (stats.mode & 0o7777).toString(8).padStart(4, '0')
  if ((stats.mode & 0o222) === 0) throw new FileWriteError(file, `it is read-only (mode ${mode}); make it writable to let vetted change it`)
  const uid = process.geteuid?.()
  // Root keeps the owner (writeFileAtomic gives the new file the old one's owner), as a CI
  // container running as root on a checkout of uid 1001 expects; anyone else cannot.
  if (uid !== undefined && uid !== 0 && stats.uid !== uid) {
    throw new FileWriteError(
      file,
      `it belongs to another user (uid ${stats.uid}, not ${uid}), and rewriting it would make it yours; run vetted as its owner`,
    )
  }
  try {
    accessSync(file, constants.W_OK)
  } catch (error) {
    throw new FileWriteError(file, `you may not write it (mode ${mode}, ${describe(error)})`, { cause: error })
  }
  return stats
}

/**
 * Write `content` to `file` atomically (see the top of this file). Throws a
 * FileWriteError (a VettedInputError: the CLI exits 2) naming the file and why.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const existing = replaceable(file)
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  const folder = dirname(file)
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let fd: number | undefined
  let created = false
  try {
    fd = openSync(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o666)
    created = true
    // The umask applies when a file is created: the rewritten file gets the old mode exactly.
    if (existing) fchmodSync(fd, existing.mode & 0o7777)
    if (existing && process.geteuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) fchownSync(fd, existing.uid, existing.gid)
    for (let written = 0; written < bytes.byteLength; ) {
      const count = writeSync(fd, bytes, written, bytes.byteLength - written)
      // A write that makes no progress would loop forever: the file system is full or broken.
      if (count <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
      written += count
    }
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temporary, file)
    created = false
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd)
      } catch {}
    }
    if (created) rmSync(temporary, { force: true })
    throw new FileWriteError(file, describe(error), { cause: error })
  }
  syncFolder(folder)
}

/** Flush a folder's entries (the rename) to the disk; where a folder cannot be opened so, the rename stands as done. */
function syncFolder(folder: string): void {
  let fd: number
  try {
    fd = openSync(folder, constants.O_RDONLY | constants.O_DIRECTORY)
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch {
  } finally {
    closeSync(fd)
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
