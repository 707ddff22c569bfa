import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { blankFrontmatter } from './post.ts'

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective)

/**
 * Parse a post the way vetted reads it everywhere: CommonMark, GFM (tables,
 * footnotes), directives, and frontmatter blanked so positions match the file.
 */
export function parseMarkdown(source: string): Root {
  return parser.runSync(parser.parse(blankFrontmatter(source).body)) as Root
}
