// Reading a file someone else controls (a post, a ledger, a config): only a
// regular file, or a symlink to one inside the project root, and never more than
// a cap. A `.md` that is a symlink to /dev/zero reports size 0 and never ends; a
// FIFO blocks a plain read forever; a symlink to /etc/passwd would print that
// file as a post. The file is opened without blocking, checked with fstat (what
// was opened, not what the path named a moment earlier) and read up to the cap
// plus one byte, so going past the cap is seen without reading on.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { VettedInputError } from './errors.ts'

export interface ReadFileOptions {
  /** The most bytes accepted; one more is an error. */
  maxBytes: number
  /** What the file should be, for the error ("a Markdown post"). */
  what: string
  /**
   * The project root: a symlink may point only inside it. The working folder by
   * default (where `vetted` runs), whichever config is read.
   */
  root?: string
  /**
   * Only the first `maxBytes` are wanted (a lock file's header): a longer file is
   * read that far and no further, not refused.
   */
  head?: boolean
}

/**
 * The bytes of `file`, or `undefined` when it does not exist (a Uint8Array,
 * so that the declarations need no Node types in a site's type check). Anything that is
 * not a regular file, a symlink that leaves the project root, or a file larger
 * than `maxBytes` is a VettedInputError naming the file and what was expected.
 */
export function readRegularFile(file: string, options: ReadFileOptions): Uint8Array | undefined {
  const root = options.root ?? process.cwd()
  const expected = `${options.what}: a regular file, or a symlink to one inside the project root (${root})`
  let real: string
  try {
    real = realpathSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new VettedInputError(file, `cannot be read (${code ?? String(error)})`, { expected, cause: error })
  }
  // A symlink may go anywhere: what it reaches must lie inside the root when the
  // path is inside the root or is itself a symlink. A plain file elsewhere
  // (`vetted check ../notes/post.md`) is the user's own choice.
  const escapes = !inside(real, realRoot(root)) && (inside(resolve(file), resolve(root)) || lstatSync(file).isSymbolicLink())
  if (escapes) {
    throw new VettedInputError(file, `is a symlink to ${real}, outside the project root; refused`, { expected })
  }
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new VettedInputError(file, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, {
      expected,
      cause: error,
    })
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new VettedInputError(file, `is ${kindOf(stats)}, not a regular file`, { expected })
    const bytes = readAtMost(fd, file, options.maxBytes, expected)
    if (bytes.length > options.maxBytes) {
      if (options.head) return bytes.subarray(0, options.maxBytes)
      throw new VettedInputError(file, `is larger than ${formatBytes(options.maxBytes)}; refused`, {
        expected: `${expected}, of at most ${options.maxBytes} bytes`,
      })
    }
    return bytes
  } finally {
    closeSync(fd)
  }
}

/**
 * `readRegularFile` decoded as UTF-8 (a byte order mark dropped, as a JSON or a
 * JavaScript file may start with one): the text of a JSON file, a package manifest,
 * a lock file, an Astro config.
 */
export function readRegularText(file: string, options: ReadFileOptions): string | undefined {
  const bytes = readRegularFile(file, options)
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes)
}

/** At most `maxBytes` plus one bytes: one more than the cap says the file is past it. */
function readAtMost(fd: number, file: string, maxBytes: number, expected: string): Buffer {
  // The size fstat reports only sizes the first buffer: a file may grow while it is read.
  const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(fstatSync(fd).size + 1, 64 * 1024)))
  let length = 0
  let grown = buffer
  for (;;) {
    if (length === grown.length) {
      if (length > maxBytes) break
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, grown.length * 2))
      grown.copy(bigger, 0, 0, length)
      grown = bigger
    }
    let read: number
    try {
      read = readSync(fd, grown, length, grown.length - length, null)
    } catch (error) {
      throw new VettedInputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
        expected,
        cause: error,
      })
    }
    if (read === 0) break
    length += read
  }
  return grown.subarray(0, length)
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a file'
}

function realRoot(root: string): string {
  try {
    return realpathSync(root)
  } catch {
    return resolve(root)
  }
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** 5242880 -> "5 MiB" (one decimal where it is not whole). */
function formatBytes(bytes: number): string {
  if (bytes >= 1048576) return `${Number((bytes / 1048576).toFixed(1))} MiB`
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`
  return `${bytes} bytes`
}
