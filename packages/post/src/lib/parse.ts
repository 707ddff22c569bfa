import { VettedInputError, type Place } from '@vetted/core'
import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { postFormatOf, type PostFormat } from './formats.ts'
import { checkMarkdownLimits } from './limits.ts'
import { blankFrontmatter } from './post.ts'

// Only `$$…$$` is math: single dollars are prices in blog prose ("$5 and $10").
export const MATH_OPTIONS = { singleDollarTextMath: false } as const

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkMath, MATH_OPTIONS).use(remarkDirective)
// MDX 3 as @mdx-js/mdx parses it (remark-mdx first), with the same extensions as Markdown.
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath, MATH_OPTIONS).use(remarkDirective)

export interface ParseOptions {
  /** `mdx` for MDX 3 (ESM, expressions, JSX); by default the format of `file`'s extension, else Markdown. */
  format?: PostFormat
}

/**
 * Parse a post the way vetted reads it everywhere: CommonMark, GFM (tables,
 * footnotes), `$$` math, directives, and, for `.mdx`, MDX 3 (remark-mdx), with
 * frontmatter blanked so positions match the file. Markdown past MARKDOWN_LIMITS
 * is refused first (a VettedInputError naming `file`, the line and the limit): its
 * parse would not finish. MDX that does not parse (an unclosed tag, a bad
 * expression) is a VettedInputError naming `file`, the line and the column.
 */
export function parseMarkdown(source: string, file = '(markdown)', options: ParseOptions = {}): Root {
  checkMarkdownLimits(source, file)
  const format = options.format ?? postFormatOf(file) ?? 'markdown'
  const body = blankFrontmatter(source).body
  if (format === 'markdown') return markdownParser.runSync(markdownParser.parse(body)) as Root
  try {
    return mdxParser.runSync(mdxParser.parse(body)) as Root
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason
    if (typeof reason !== 'string') throw error
    const place = placeOfMdxError(error as MdxSyntaxError)
    // The reason repeats its own place at the end ("… (1:1-1:10)"): the error's place says it.
    throw new VettedInputError(file, `is not valid MDX: ${reason.replace(/ \(\d+:\d+(?:-\d+:\d+)?\)$/, '')}`, {
      ...(place ? { place } : {}),
      expected: 'MDX 3: tags closed, {expressions} balanced, {/* comments */} rather than <!-- -->',
      cause: error,
    })
  }
}

interface MdxSyntaxError {
  reason: string
  line?: number | null
  column?: number | null
}

/** Where a message from remark-mdx points: its line and column, else the `(line:column…)` its reason ends with. */
function placeOfMdxError(error: MdxSyntaxError): Place | undefined {
  if (typeof error.line === 'number' && typeof error.column === 'number') return { line: error.line, column: error.column }
  const match = /\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(error.reason)
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined
}
