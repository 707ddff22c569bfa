// Which posts a command works on: the paths given on the command line (files or
// folders, taken literally: `[draft] post.md` and `{a,b}.md` are file names), else
// the config's `content` entries (folders, files or globs: the one place globs are
// read). Folders are searched recursively for Markdown and MDX, skipping node_modules, dot
// folders and README files (a folder's notes, not a post). Each post maps to its
// own ledger: two posts that would share one are refused before anything runs.

import { existsSync, globSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { VettedInputError, ledgerPathFor } from '@vetted/core'
import { POST_FILE, unreadFormatOf } from '@vetted/post/internal'
import type { LoadedConfig } from './config.ts'
import { InputError } from './errors.ts'

const GLOB = /[*?[{]/

/**
 * The posts a command works on: the paths given, else the config's `content`.
 * With no paths, no config file and no `content` folder, the error says how to
 * name posts: "say which posts to {verb} (vetted {command} posts/)".
 */
export function postsToWorkOn(
  paths: string[],
  loaded: LoadedConfig,
  cwd: string,
  usage: { command: string; verb: string },
  unusable?: UnusablePost[],
): string[] {
  const options = unusable ? { unusable } : {}
  if (paths.length > 0) return findPosts(paths, cwd, options)
  if (!loaded.path && !existsSync(join(loaded.root, 'content'))) {
    throw new InputError(
      `content: does not exist; say which posts to ${usage.verb} (vetted ${usage.command} posts/) or set "content" in vetted.config.json`,
    )
  }
  return findPosts(loaded.config.content, loaded.root, { globs: true, ...options })
}

/** A post vetted cannot work on because of its name: one finding in the report, and the run goes on with the rest. */
export interface UnusablePost {
  /** Its path; bytes of the name that are not UTF-8 written as `\xNN`. */
  path: string
  reason: 'name is not valid UTF-8' | 'name too long for its ledger' | `${string}, a format vetted does not read`
}

/**
 * The longest name a file system takes (Linux, macOS and Windows alike), and how
 * much longer than a ledger's name is the longest name vetted writes beside it:
 * the temporary file `.<ledger>.<pid>.<8 hex digits>.tmp` (core's files.ts).
 */
const NAME_MAX_BYTES = 255
const TEMPORARY_NAME_EXTRA_BYTES = 22

/**
 * `globs`: whether entries may be globs (the config's `content`); otherwise every entry is a literal path.
 * `unusable`: where to list the posts whose names vetted cannot handle (`vetted check` reports each
 * and goes on); without it such a post is refused, naming it and why.
 */
export function findPosts(entries: string[], base: string, options: { globs?: boolean; unusable?: UnusablePost[] } = {}): string[] {
  const posts = new Set<string>()
  const setAside = (post: UnusablePost) => {
    if (!options.unusable)
      throw new VettedInputError(post.path, `cannot be checked: ${post.reason}`, {
        expected: 'a post whose name is UTF-8 and leaves room for its ledger',
      })
    options.unusable.push(post)
  }
  for (const entry of entries) {
    const found =
      options.globs && GLOB.test(entry) ? globSync(entry, { cwd: base }).map((path) => resolve(base, path)) : [resolve(base, entry)]
    if (found.length === 0)
      throw new VettedInputError(entry, 'matches no file', { expected: 'a Markdown file, a folder of them, or a glob that matches some' })
    for (const path of found) {
      let stats: ReturnType<typeof statSync>
      try {
        stats = statSync(path)
      } catch {
        // A name that is not UTF-8 reaches us (from a glob or the command line) with U+FFFD in its place, and is not found as such.
        if (path.includes('\ufffd')) {
          setAside({ path, reason: 'name is not valid UTF-8' })
          continue
        }
        throw new VettedInputError(entry, 'does not exist', { expected: 'a Markdown file or a folder of Markdown files' })
      }
      if (stats.isDirectory()) {
        const setAsideBefore = options.unusable?.length ?? 0
        const inFolder = markdownIn(path, setAside, options.unusable !== undefined)
        if (inFolder.length === 0 && (options.unusable?.length ?? 0) === setAsideBefore)
          throw new VettedInputError(entry, 'has no Markdown files (*.md, *.markdown, *.mdx)', { expected: 'a folder of posts' })
        for (const post of inFolder) posts.add(post)
      } else if (POST_FILE.test(path)) posts.add(path)
      else throw new VettedInputError(entry, notAPost(path), { expected: 'a Markdown or MDX file: .md, .markdown or .mdx' })
    }
  }
  const usable: string[] = []
  for (const post of [...posts].sort()) {
    if (Buffer.byteLength(basename(ledgerPathFor(post))) + TEMPORARY_NAME_EXTRA_BYTES > NAME_MAX_BYTES)
      setAside({ path: post, reason: 'name too long for its ledger' })
    else usable.push(post)
  }
  refuseSharedLedgers(usable)
  return usable
}

/**
 * A post maps to exactly one ledger and a ledger to one post: `a.md` and
 * `a.markdown` (one `a.vetted.json`), or one post reached by two paths (a
 * symlink), are refused naming both.
 */
function refuseSharedLedgers(posts: string[]): void {
  const byPost = new Map<string, string>()
  const byLedger = new Map<string, string>()
  for (const post of posts) {
    // A post that cannot be resolved (a dangling link) is named by its own path; reading it says what is wrong.
    const real = realPath(post)
    const ledger = join(realPath(dirname(post)), basename(ledgerPathFor(post)))
    const samePost = byPost.get(real)
    if (samePost !== undefined) {
      throw new VettedInputError(post, `is the same file as ${samePost}; give each post once`, { expected: 'each post once' })
    }
    const sameLedger = byLedger.get(ledger)
    if (sameLedger !== undefined) {
      throw new VettedInputError(post, `and ${sameLedger} would share one ledger (${basename(ledger)}); rename one of them`, {
        expected: 'one ledger per post',
      })
    }
    byPost.set(real, post)
    byLedger.set(ledger, post)
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/**
 * The posts in `folder` and below; a post or folder whose name is not UTF-8 goes to
 * `setAside`, and so does (`unread`: when the command reports what it did not read)
 * a file in a post format vetted does not read (Markdoc, AsciiDoc…).
 */
function markdownIn(folder: string, setAside: (post: UnusablePost) => void, unread: boolean): string[] {
  const out: string[] = []
  // Names as bytes: read as text, a name that is not UTF-8 would become U+FFFD and then not be found.
  for (const entry of readdirSync(folder, { withFileTypes: true, encoding: 'buffer' })) {
    const name = utf8(entry.name)
    if (name === undefined) {
      const shown = withBytesEscaped(entry.name)
      if (!shown.startsWith('.') && (entry.isDirectory() || POST_FILE.test(shown)))
        setAside({ path: join(folder, shown), reason: 'name is not valid UTF-8' })
      continue
    }
    if (name.startsWith('.') || name === 'node_modules') continue
    const path = join(folder, name)
    if (entry.isDirectory()) out.push(...markdownIn(path, setAside, unread))
    else if (POST_FILE.test(name) && !/^readme\./i.test(name)) out.push(path)
    else if (unread && unreadFormatOf(name)) setAside({ path, reason: `${unreadFormatOf(name)!}, a format vetted does not read` })
  }
  return out
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** `bytes` as text, or undefined when they are not UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/** A name with its valid UTF-8 characters as they are and every other byte as `\xNN`. */
function withBytesEscaped(bytes: Uint8Array): string {
  let out = ''
  let at = 0
  while (at < bytes.length) {
    // The shortest run of one to four bytes here that is one whole character.
    let length = 1
    while (length <= 4 && utf8(bytes.subarray(at, at + length)) === undefined) length++
    if (length <= 4 && at + length <= bytes.length) {
      out += utf8(bytes.subarray(at, at + length))
      at += length
    } else {
      out += `\\x${bytes[at]!.toString(16).padStart(2, '0')}`
      at++
    }
  }
  return out
}

/** Why a file named as a post is not read: its format, when it is one blogs write posts in. */
function notAPost(path: string): string {
  const format = unreadFormatOf(path)
  return format ? `is ${format}, which vetted does not read (it reads Markdown and MDX)` : 'is not a Markdown or MDX file'
}
