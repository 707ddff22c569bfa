// Markdown a parser cannot finish: micromark and mdast recurse once per level of
// nesting (10 KB of `>` overflows the stack) and match emphasis, code and link
// delimiters in time that grows with the square of their number in a paragraph
// (100 KB of `*a_ ` took minutes). A cheap scan of the lines refuses such a post
// before it is parsed, naming the line and the limit. The limits are far above
// any real post (the content, the fixtures and the 200-post test blog stay under
// a tenth of them) and keep the parse of a 1 MB post within about a second.

import { VettedInputError } from '@vetted/core'
import { blankFrontmatter } from './blank-frontmatter.ts'

export const MARKDOWN_LIMITS = {
  /** Block quotes and list items open on one line (`> > - ` is 3), indentation of a nested list counting a level per 2 columns. */
  nesting: 32,
  /** Characters that delimit inline Markdown (`*`, `_`, `~`, backticks, `[`, `]`) in one paragraph. */
  delimitersPerParagraph: 1_000,
  /**
   * The parser's work over the whole post: the sum over its paragraphs of their
   * delimiter counts squared (the work is quadratic within a paragraph, linear
   * across them). 20 million is about a second (4,000 marks in one paragraph,
   * 16 million, took 0.9 s); a post of short paragraphs never comes near it.
   */
  delimiterWorkPerPost: 20_000_000,
  /** Cell separators `|` on one line: a GFM table row's columns take time that grows with their square. */
  pipesPerLine: 128,
} as const

const DELIMITERS = new Set(['*', '_', '~', '`', '[', ']'])

/**
 * Throws a VettedInputError (file, line, the limit) when `source` nests deeper
 * than MARKDOWN_LIMITS.nesting or holds more inline delimiters than it allows.
 * Lines inside a top-level fenced code block are not Markdown and are skipped.
 * Frontmatter is blanked first (lines kept), as the parser sees it.
 */
export function checkMarkdownLimits(source: string, file: string): void {
  const lines = blankFrontmatter(source).body.split('\n')
  let fence: { char: string; length: number } | undefined
  // Skipping code is safe only where the parser sees code too. A fence line inside
  // an HTML block is HTML, and one indented into a list item ends with the item:
  // so a fence counts only at column 0, outside HTML; after an HTML block that may
  // hold blank lines (`<!--`, `<pre>`, `<script>`…) or a `$$` math block, never.
  let fencesTrusted = true
  let inHtml = false
  let previousBlank = true
  let paragraphCount = 0
  let paragraphStart = 0
  let postWork = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (fence) {
      if (closesFence(line, fence)) fence = undefined
      // Code ends any paragraph: the next one starts after it.
      paragraphCount = 0
      paragraphStart = index + 1
      previousBlank = false
      continue
    }
    if (/^ {0,3}(?:<(?:!|\?|(?:script|pre|style|textarea)\b)|\$\$)/i.test(line)) fencesTrusted = false
    if (/^ {0,3}<\/?[A-Za-z]/.test(line)) inHtml = true
    const opening = fencesTrusted && !inHtml ? /^(`{3,}|~{3,})(.*)$/.exec(line) : null
    if (opening && !(opening[1]![0] === '`' && opening[2]!.includes('`'))) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length }
      previousBlank = false
      continue
    }
    const depth = nestingOf(line)
    if (depth > MARKDOWN_LIMITS.nesting) {
      throw new VettedInputError(file, `nests ${depth} levels deep (block quotes and lists); at most ${MARKDOWN_LIMITS.nesting} are read`, {
        place: { line: index + 1, column: 1 },
        expected: `Markdown nested at most ${MARKDOWN_LIMITS.nesting} levels deep`,
      })
    }
    const blank = line.trim() === ''
    if (blank) inHtml = false
    if (blank) paragraphCount = 0
    else if (previousBlank) paragraphStart = index
    previousBlank = blank
    if (blank) continue
    let count = 0
    let pipes = 0
    for (const char of line) {
      if (DELIMITERS.has(char)) count++
      else if (char === '|') pipes++
    }
    if (pipes > MARKDOWN_LIMITS.pipesPerLine) {
      throw new VettedInputError(
        file,
        `has a line with ${pipes} table cell separators (|); at most ${MARKDOWN_LIMITS.pipesPerLine} are read`,
        {
          place: { line: index + 1, column: 1 },
          expected: `table rows of at most ${MARKDOWN_LIMITS.pipesPerLine} columns`,
        },
      )
    }
    postWork += (paragraphCount + count) ** 2 - paragraphCount ** 2
    paragraphCount += count
    if (paragraphCount > MARKDOWN_LIMITS.delimitersPerParagraph) {
      throw new VettedInputError(
        file,
        `has a paragraph with more than ${MARKDOWN_LIMITS.delimitersPerParagraph} of * _ ~ \` [ ] (emphasis, code and link marks); refused, as parsing it would take too long`,
        {
          place: { line: paragraphStart + 1, column: 1 },
          expected: `at most ${MARKDOWN_LIMITS.delimitersPerParagraph} such marks in a paragraph`,
        },
      )
    }
    if (postWork > MARKDOWN_LIMITS.delimiterWorkPerPost) {
      throw new VettedInputError(
        file,
        `has too many paragraphs dense with * _ ~ \` [ ] (emphasis, code and link marks) outside fenced code; refused, as parsing it would take too long`,
        {
          place: { line: index + 1, column: 1 },
          expected: `paragraphs whose marks, counted and squared, sum to at most ${MARKDOWN_LIMITS.delimiterWorkPerPost.toLocaleString('en')} in a post`,
        },
      )
    }
  }
}

/** Containers a line opens or continues: `>` and list markers in its prefix, plus a level per 2 columns of indentation before a list marker. */
function nestingOf(line: string): number {
  let depth = 0
  let indent = 0
  let markers = 0
  let i = 0
  for (;;) {
    let spaces = 0
    while (line[i] === ' ' || line[i] === '\t') spaces += line[i++] === '\t' ? 4 : 1
    if (markers === 0 && depth === 0) indent = spaces
    const char = line[i]
    if (char === '>') {
      depth++
      i++
      continue
    }
    const marker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11))
    if (!marker) break
    markers++
    i += marker[0].length
    if (i >= line.length) break
  }
  return depth + markers + (markers > 0 ? Math.floor(indent / 2) : 0)
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const match = /^ {0,3}(`+|~+)\s*$/.exec(line)
  return match !== null && match[1]![0] === fence.char && match[1]!.length >= fence.length
}
