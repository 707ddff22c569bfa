// Where a blog keeps its posts, for `vetted init`. First the folders a site
// generator found by its config file keeps posts in (Docusaurus: blog and docs),
// then the folders blogs use by convention, in this order, each taken when it holds Markdown posts and does not
// hold, or sit inside, a folder already taken (so content/posts wins over
// content, whose about.md is a page). When none of them does, every folder below
// the project that holds posts itself, outermost first. Never the project's own
// top folder (its README.md, about.md), node_modules, build output or dot folders.
// Posts are what `vetted check` reads (.md, .markdown, .mdx); files in the post
// formats it does not read (Markdoc, AsciiDoc…) are collected, to be named.

import { existsSync, readdirSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { POST_FILE, unreadFormatOf } from '@vetted/post/internal'

/** The conventional post folders, most specific first: Astro, Hugo, Gatsby, Jekyll, Next.js, Eleventy, Docusaurus. */
export const POST_FOLDERS = [
  'src/content/blog',
  'src/content/posts',
  'content/blog',
  'content/posts',
  '_posts',
  'posts',
  'blog',
  'src/posts',
  'content',
  'src/content',
]

/** Folders never searched: dependencies, build output (a site's copy of its posts) and dot folders. */
export const SKIPPED_FOLDERS = ['node_modules', 'dist', 'build', 'out', '_site', 'public', 'coverage', 'vendor']

/** A folder's or a project's notes, not posts. */
const NOT_POSTS = /^(readme|changelog|license|licence|contributing|code_of_conduct|security)\.(md|markdown|mdx)$/i

export interface PostFolder {
  /** Relative to the project, with `/` between folders. */
  folder: string
  posts: number
}

/** A file in a post format vetted does not read, seen where posts were looked for. */
export interface UnreadFile {
  /** Relative to the project, with `/` between folders. */
  path: string
  /** `Markdoc`, `AsciiDoc`…: why it is not read. */
  format: string
}

export interface FoundContent {
  folders: PostFolder[]
  /** Files in the folders searched that `vetted check` does not read, by their format, sorted by path. */
  unread: UnreadFile[]
}

/** Site generators whose config file says where posts are, and those folders. */
const GENERATORS = [
  // Docusaurus renders blog/ and docs/ alike; `docs` alone is too often a project's own notes to be a convention.
  {
    configs: ['docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.cjs', 'docusaurus.config.ts', 'docusaurus.config.mts'],
    folders: ['blog', 'docs'],
  },
]

/** The post folders of the site generators whose config file is at the project's top. */
function generatorFolders(root: string): string[] {
  return GENERATORS.filter(({ configs }) => configs.some((config) => existsSync(join(root, config)))).flatMap(({ folders }) => folders)
}

export function findContent(root: string): FoundContent {
  const unread = new Map<string, string>()
  const sawUnread = (path: string, format: string) => unread.set(relative(root, path).split(sep).join('/'), format)
  const found = () => [...unread].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, format]) => ({ path, format }))
  const taken: PostFolder[] = []
  const overlaps = (folder: string) => taken.some(({ folder: other }) => inside(folder, other) || inside(other, folder))
  for (const folder of [...generatorFolders(root), ...POST_FOLDERS]) {
    if (overlaps(folder)) continue
    const count = countPosts(join(root, folder))
    if (count.posts > 0) taken.push({ folder, posts: count.posts })
    for (const file of count.unread) sawUnread(file.path, file.format)
  }
  // Posts found: the unread files among them. None: every unread file seen says why.
  if (taken.length > 0) return { folders: taken, unread: found().filter(({ path }) => taken.some(({ folder }) => inside(path, folder))) }

  // No conventional folder: every folder that holds posts itself, outermost first.
  const walk = (dir: string) => {
    for (const entry of subfolders(dir)) {
      const path = join(dir, entry.name)
      const files = entries(path)
      if (files.some((file) => file.isFile() && isPost(file.name))) {
        const count = countPosts(path)
        taken.push({ folder: relative(root, path).split(sep).join('/'), posts: count.posts })
        for (const file of count.unread) sawUnread(file.path, file.format)
      } else {
        for (const file of files) {
          const format = file.isFile() ? unreadFormatOf(file.name) : undefined
          if (format) sawUnread(join(path, file.name), format)
        }
        walk(path)
      }
    }
  }
  walk(root)
  return { folders: taken, unread: found() }
}

/** Files in a post format vetted does not read below `folder` (absolute paths), for `vetted init <folder>`. */
export function unreadIn(folder: string): Array<{ path: string; format: string }> {
  return countPosts(folder).unread
}

/** Posts below `folder`, as `vetted check` finds them, and the files in formats it does not read beside them. */
function countPosts(folder: string): { posts: number; unread: Array<{ path: string; format: string }> } {
  let posts = 0
  const unread: Array<{ path: string; format: string }> = []
  for (const entry of entries(folder)) {
    if (entry.isDirectory() && !skipped(entry.name)) {
      const inner = countPosts(join(folder, entry.name))
      posts += inner.posts
      unread.push(...inner.unread)
    } else if (entry.isFile() && isPost(entry.name)) posts++
    else if (entry.isFile() && unreadFormatOf(entry.name))
      unread.push({ path: join(folder, entry.name), format: unreadFormatOf(entry.name)! })
  }
  return { posts, unread }
}

const isPost = (name: string) => POST_FILE.test(name) && !NOT_POSTS.test(name)
const skipped = (name: string) => name.startsWith('.') || SKIPPED_FOLDERS.includes(name)
const subfolders = (dir: string) => entries(dir).filter((entry) => entry.isDirectory() && !skipped(entry.name))
const inside = (folder: string, parent: string) => folder === parent || folder.startsWith(`${parent}/`)

/** A folder's entries, sorted; none when it is missing or unreadable (symbolic links are not followed). */
function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch {
    return []
  }
}
