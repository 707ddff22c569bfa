import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { checkMarkdownLimits } from './limits.ts'
import { blankFrontmatter } from './post.ts'

// Only `$$…$$` is math: single dollars are prices in blog prose ("$5 and $10").
export const MATH_OPTIONS = { singleDollarTextMath: false } as const

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath, MATH_OPTIONS).use(remarkDirective)

/**
 * Parse a post the way vetted reads it everywhere: CommonMark, GFM (tables,
 * footnotes), `$$` math, directives, and frontmatter blanked so positions match
 * the file. Markdown past MARKDOWN_LIMITS is refused first (a VettedInputError
 * naming `file`, the line and the limit): its parse would not finish.
 */
export function parseMarkdown(source: string, file = '(markdown)'): Root {
  checkMarkdownLimits(source, file)
  return parser.runSync(parser.parse(blankFrontmatter(source).body)) as Root
}
