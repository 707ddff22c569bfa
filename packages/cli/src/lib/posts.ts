// Which posts a command works on: the paths given (files or folders), else the
// config's `content` entries (folders, files or globs). Folders are searched
// recursively for Markdown, skipping node_modules, dot folders and README files
// (a folder's notes, not a post).

import { globSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { VettedInputError } from '@vetted/core'

const MARKDOWN = /\.(md|markdown)$/i

export function findPosts(entries: string[], base: string): string[] {
  const posts = new Set<string>()
  for (const entry of entries) {
    const found = /[*?[{]/.test(entry) ? globSync(entry, { cwd: base }).map((path) => resolve(base, path)) : [resolve(base, entry)]
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
        if (inFolder.length === 0) throw new VettedInputError(entry, 'has no Markdown files (*.md, *.markdown)', { expected: 'a folder of posts' })
        for (const post of inFolder) posts.add(post)
      } else if (MARKDOWN.test(path)) posts.add(path)
      else throw new VettedInputError(entry, 'is not a Markdown file', { expected: 'a file ending in .md or .markdown' })
    }
  }
  return [...posts].sort()
}

function markdownIn(folder: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) out.push(...markdownIn(path))
    else if (MARKDOWN.test(entry.name) && !/^readme\./i.test(entry.name)) out.push(path)
  }
  return out
}
