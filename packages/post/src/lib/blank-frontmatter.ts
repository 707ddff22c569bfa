// The frontmatter of a post, blanked the way Astro blanks it: a leaf module, so
// that both reading a post (post.ts) and its limits (limits.ts) can use it.

/**
 * Frontmatter replaced by spaces (newlines kept), so that offsets, lines and
 * columns still match the file, as Astro does before its Markdown processor runs.
 * Returns the frontmatter's YAML text too.
 */
export function blankFrontmatter(source: string): { body: string; frontmatter: string | undefined } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)
  if (!match) return { body: source, frontmatter: undefined }
  const blanked = match[0].replace(/[^\n]/g, ' ')
  return { body: blanked + source.slice(match[0].length), frontmatter: match[1] }
}
