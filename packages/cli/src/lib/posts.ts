// Which posts a command works on: the paths given on the command line (files or
// folders, taken literally: `[draft] post.md` and `{a,b}.md` are file names), else
// the config's `content` entries (folders, files or globs: the one place globs are
// read). Folders are searched recursively for Markdown and MDX, skipping node_modules, dot
// folders and README files (a folder's notes, not a post). Each post maps to its
// own ledger: two posts that would share one are refused before anything runs.

import { existsSync, globSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { VettedInputError, ledgerPathFor } from '@vetted/core'
import { POST_FILE, unreadFormatOf } from '@vetted/post'
import type { LoadedConfig } from './config.ts'
import { InputError } from './errors.ts'

const GLOB = /[*?[{]/

/**
 * The posts a command works on: the paths given, else the config's `content`.
 * With no paths, no config file and no `content` folder, the error says how to
 * name posts: "say which posts to {verb} (vetted {command} posts/)".
 */
export function postsToWorkOn(paths: string[], loaded: LoadedConfig, cwd: string, usage: { command: string; verb: string }): string[] {
  if (paths.length > 0) return findPosts(paths, cwd)
  if (!loaded.path && !existsSync(join(loaded.root, 'content'))) {
    throw new InputError(
      `content: does not exist; say which posts to ${usage.verb} (vetted ${usage.command} posts/) or set "content" in vetted.config.json`,
    )
  }
  return findPosts(loaded.config.content, loaded.root, { globs: true })
}

/** `globs`: whether entries may be globs (the config's `content`); otherwise every entry is a literal path. */
export function findPosts(entries: string[], base: string, options: { globs?: boolean } = {}): string[] {
  const posts = new Set<string>()
  for (const entry of entries) {
    const found = options.globs && GLOB.test(entry) ? globSync(entry, { cwd: base }).map((path) => resolve(base, path)) : [resolve(base, entry)]
    if (found.length === 0) throw new VettedInputError(entry, 'matches no file', { expected: 'a Markdown file, a folder of them, or a glob that matches some' })
    for (const path of found) {
      let stats
      try {
        stats = statSync(path)
      } catch {
        throw new VettedInputError(entry, 'does not exist', { expected: 'a Markdown file or a folder of Markdown files' })
      }
      if (stats.isDirectory()) {
        const inFolder = markdownIn(path)
        if (inFolder.length === 0) throw new VettedInputError(entry, 'has no Markdown files (*.md, *.markdown, *.mdx)', { expected: 'a folder of posts' })
        for (const post of inFolder) posts.add(post)
      } else if (POST_FILE.test(path)) posts.add(path)
      else throw new VettedInputError(entry, notAPost(path), { expected: 'a Markdown or MDX file: .md, .markdown or .mdx' })
    }
  }
  const sorted = [...posts].sort()
  refuseSharedLedgers(sorted)
  return sorted
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
      throw new VettedInputError(post, `and ${sameLedger} would share one ledger (${basename(ledger)}); rename one of them`, { expected: 'one ledger per post' })
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

function markdownIn(folder: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) out.push(...markdownIn(path))
    else if (POST_FILE.test(entry.name) && !/^readme\./i.test(entry.name)) out.push(path)
  }
  return out
}

/** Why a file named as a post is not read: its format, when it is one blogs write posts in. */
function notAPost(path: string): string {
  const format = unreadFormatOf(path)
  return format ? `is ${format}, which vetted does not read (it reads Markdown and MDX)` : 'is not a Markdown or MDX file'
}
