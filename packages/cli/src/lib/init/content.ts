// Where a blog keeps its posts, for `vetted init`. First the folders blogs use by
// convention, in this order, each taken when it holds Markdown posts and does not
// hold, or sit inside, a folder already taken (so content/posts wins over
// content, whose about.md is a page). When none of them does, every folder below
// the project that holds posts itself, outermost first. Never the project's own
// top folder (its README.md, about.md), node_modules, build output or dot folders.

import { readdirSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'

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

/** What `vetted check` reads as a post. */
const MARKDOWN = /\.(md|markdown)$/i
const MDX = /\.mdx$/i
/** A folder's or a project's notes, not posts. */
const NOT_POSTS = /^(readme|changelog|license|licence|contributing|code_of_conduct|security)\.(md|markdown)$/i

export interface PostFolder {
  /** Relative to the project, with `/` between folders. */
  folder: string
  posts: number
}

export interface FoundContent {
  folders: PostFolder[]
  /** MDX files seen in the folders searched: `vetted check` does not read them. */
  mdx: number
}

export function findContent(root: string): FoundContent {
  const mdx = new Set<string>()
  const taken: PostFolder[] = []
  const overlaps = (folder: string) => taken.some(({ folder: other }) => inside(folder, other) || inside(other, folder))
  for (const folder of POST_FOLDERS) {
    if (overlaps(folder)) continue
    const count = countPosts(join(root, folder))
    for (const file of count.mdx) mdx.add(file)
    if (count.posts > 0) taken.push({ folder, posts: count.posts })
  }
  if (taken.length > 0) return { folders: taken, mdx: mdx.size }

  // No conventional folder: every folder that holds posts itself, outermost first.
  const walk = (dir: string) => {
    for (const entry of subfolders(dir)) {
      const path = join(dir, entry.name)
      const files = entries(path)
      if (files.some((file) => file.isFile() && isPost(file.name))) {
        taken.push({ folder: relative(root, path).split(sep).join('/'), posts: countPosts(path).posts })
      } else walk(path)
      for (const file of files) if (file.isFile() && MDX.test(file.name)) mdx.add(join(path, file.name))
    }
  }
  walk(root)
  return { folders: taken, mdx: mdx.size }
}

/** Posts below `folder`, as `vetted check` finds them, and the MDX files beside them. */
function countPosts(folder: string): { posts: number; mdx: string[] } {
  let posts = 0
  const mdx: string[] = []
  for (const entry of entries(folder)) {
    if (entry.isDirectory() && !skipped(entry.name)) {
      const inner = countPosts(join(folder, entry.name))
      posts += inner.posts
      mdx.push(...inner.mdx)
    } else if (entry.isFile() && isPost(entry.name)) posts++
    else if (entry.isFile() && MDX.test(entry.name)) mdx.push(join(folder, entry.name))
  }
  return { posts, mdx }
}

const isPost = (name: string) => MARKDOWN.test(name) && !NOT_POSTS.test(name)
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
