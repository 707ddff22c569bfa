// Which files vetted reads as posts, and how: Markdown (`.md`, `.markdown`) and
// MDX (`.mdx`, MDX 3). Files in the formats blogs also write posts in that vetted
// cannot read (Markdoc, AsciiDoc…) are named, so that a report can count them and
// say why they were not read, rather than leave them out silently.

import { extname } from 'node:path'

/** How a post is parsed: CommonMark with vetted's extensions, or MDX 3 on top of them. */
export type PostFormat = 'markdown' | 'mdx'

/** The extensions of posts vetted reads, and the format of each. */
export const POST_EXTENSIONS: Readonly<Record<string, PostFormat>> = { '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'mdx' }

/** A file vetted reads as a post: `.md`, `.markdown` or `.mdx` (any case). */
export const POST_FILE = /\.(md|markdown|mdx)$/i

/** Post formats blogs use that vetted does not read, by extension: counted and named in reports, never read. */
export const UNREAD_POST_FORMATS: Readonly<Record<string, string>> = {
  '.mdoc': 'Markdoc',
  '.markdoc': 'Markdoc',
  '.adoc': 'AsciiDoc',
  '.asciidoc': 'AsciiDoc',
  '.rst': 'reStructuredText',
  '.org': 'Org',
  '.ipynb': 'a Jupyter notebook',
}

/** `post.mdx` -> `mdx`, `post.md` -> `markdown`; undefined for a file vetted does not read as a post. */
export function postFormatOf(path: string): PostFormat | undefined {
  return POST_EXTENSIONS[extname(path).toLowerCase()]
}

/** The name of the post format vetted cannot read that `path` is written in (`Markdoc` for `a.mdoc`), or undefined. */
export function unreadFormatOf(path: string): string | undefined {
  return UNREAD_POST_FORMATS[extname(path).toLowerCase()]
}
