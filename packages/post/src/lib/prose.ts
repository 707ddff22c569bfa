// The prose of a Markdown or MDX tree as plain text, with a map back to the source.
// Detection splits this text into sentences; the plugin finds quotes in it and
// maps them back to mdast nodes. Code, HTML, images, footnote markers, link URLs
// and directive attributes never enter the text; inline code and inline math do,
// as atomic pieces, so that sentences around them stay whole. In MDX, the text
// readers see inside JSX elements (a paragraph in `<Callout>`, `<abbr>HTML</abbr>`)
// is prose; ESM (import, export), JSX attributes and the code-like elements
// (`<pre>`, `<script>`…) never are. An inline {expression} is an atomic piece
// written as in the source (its value is known only when the page runs), a
// {/* comment */} nothing.

import { lastAtOrBefore } from '@vetted/core/internal'
import type { Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
// MDX's node types (mdxjsEsm, expressions, JSX elements), which remark-mdx parses in `.mdx` posts.
import type {} from 'mdast-util-mdx'

/** A run of the block's plain text that comes from one mdast literal node. */
export interface ProseSegment {
  /** Offsets into the block's plain text. */
  start: number
  end: number
  /** The node the text comes from: `text`, `inlineCode` or `inlineMath`. */
  node: PhrasingContent
  /** Ancestors from the block node (first) down to the node's parent (last). */
  ancestors: Parent[]
  /** Inline code or math: never split a sentence or match a keyword inside it. */
  atomic: boolean
  /** Source offset of each plain-text character of this segment, and of its end (length + 1 entries). */
  sourceOffsets: number[] | undefined
}

export interface ProseBlock {
  /** The paragraph or table cell. */
  node: Parent
  kind: 'paragraph' | 'tableCell'
  /** Inside a blockquote: the author quotes someone. */
  quoted: boolean
  text: string
  segments: ProseSegment[]
}

const SKIPPED_BLOCKS = new Set([
  'code',
  'html',
  'math',
  'yaml',
  'toml',
  'definition',
  'thematicBreak',
  'heading',
  'leafDirective',
  'mdxjsEsm',
  'mdxFlowExpression',
])
const NO_TEXT_INLINES = new Set(['image', 'imageReference', 'footnoteReference', 'html'])
/**
 * JSX elements in MDX whose content is code or markup, never prose (a lowercase
 * name is an HTML element): no text of theirs is read, wherever they stand. A
 * `<code>` element in a sentence is read as Markdown reads `<code>` (its words);
 * one standing alone, as a block, is code.
 */
export const NOT_PROSE_ELEMENTS: ReadonlySet<string> = new Set(['pre', 'script', 'style', 'svg', 'math', 'textarea', 'template'])
const CODE_BLOCK_ELEMENTS = new Set([...NOT_PROSE_ELEMENTS, 'code'])
const ATOMIC_INLINES = new Set(['inlineCode', 'inlineMath'])

/** Every prose block of the tree, in document order. `source` is the file's text. */
export function collectProse(tree: Root, source: string): ProseBlock[] {
  const blocks: ProseBlock[] = []
  // A stack, not unist-util-visit-parents: visitParents made analyze 10% slower on the benchmark blog.
  const stack: Array<{ node: Nodes; quoted: boolean }> = [{ node: tree, quoted: false }]
  while (stack.length > 0) {
    const { node, quoted } = stack.pop()!
    if (SKIPPED_BLOCKS.has(node.type) || isCodeBlockElement(node)) continue
    if (node.type === 'paragraph' && isCodeElementAlone(node)) continue
    // Added by another plugin: no place in the source, so not the author's prose (the CLI never reads it).
    if ((node.type === 'paragraph' || node.type === 'tableCell') && !node.position && !holdsBlocks(node)) continue
    if ((node.type === 'paragraph' || node.type === 'tableCell') && node.position) {
      const block = proseOfBlock(node, source, quoted)
      if (block.text.trim().length > 0) blocks.push(block)
      continue
    }
    if ('children' in node) {
      const isQuote = quoted || node.type === 'blockquote' || (node.type === 'mdxJsxFlowElement' && node.name === 'blockquote')
      const children = node.children as Nodes[]
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, quoted: isQuote })
    }
  }
  return blocks
}

/** A JSX element standing as a block whose content is code or markup (`<pre>`, `<script>`…, `<code>`): none of its text is prose. */
export function isCodeBlockElement(node: Nodes): boolean {
  return node.type === 'mdxJsxFlowElement' && CODE_BLOCK_ELEMENTS.has(node.name ?? '')
}

/** A node a plugin made around blocks (Starlight's asides are paragraphs holding the author's paragraphs): read as a container. */
function holdsBlocks(node: Parent): boolean {
  return (node.children as Nodes[]).some(
    (child) => child.type === 'paragraph' || child.type === 'list' || child.type === 'blockquote' || child.type === 'table',
  )
}

/** A paragraph that is one code-like JSX element and nothing else (`<pre>…</pre>` on its own line, which MDX parses as a paragraph). */
function isCodeElementAlone(node: Paragraph): boolean {
  const children = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  return children.length === 1 && children[0]!.type === 'mdxJsxTextElement' && CODE_BLOCK_ELEMENTS.has(children[0]!.name ?? '')
}

/** The plain text of one paragraph or table cell. */
export function proseOfBlock(node: Parent, source: string, quoted = false): ProseBlock {
  const segments: ProseSegment[] = []
  let text = ''
  // Depth-first in document order with a stack (children pushed last-first): emphasis nests as deep as a post likes.
  const stack: Array<{ child: RootContent; ancestors: Parent[] }> = []
  const pushChildren = (parent: Parent, ancestors: Parent[]) => {
    const children = parent.children as RootContent[]
    for (let i = children.length - 1; i >= 0; i--) stack.push({ child: children[i]!, ancestors })
  }
  pushChildren(node, [node])
  while (stack.length > 0) {
    const { child, ancestors } = stack.pop()!
    if (NO_TEXT_INLINES.has(child.type)) continue
    if (child.type === 'mdxJsxTextElement' && NOT_PROSE_ELEMENTS.has(child.name ?? '')) continue
    if (child.type === 'mdxTextExpression') {
      const value = expressionText(child.value)
      if (value === '') continue
      const start = text.length
      text += value
      segments.push({ start, end: text.length, node: child, ancestors, atomic: true, sourceOffsets: atomicOffsets(value, child) })
      continue
    }
    if (child.type === 'break') {
      text += '\n'
      continue
    }
    if (child.type === 'text' || ATOMIC_INLINES.has(child.type)) {
      const value = (child as { value: string }).value
      const start = text.length
      text += value
      segments.push({
        start,
        end: text.length,
        node: child as PhrasingContent,
        ancestors,
        atomic: child.type !== 'text',
        sourceOffsets: child.type === 'text' ? alignText(value, child, source) : atomicOffsets(value, child),
      })
      continue
    }
    if ('children' in child) pushChildren(child as Parent, [...ancestors, child as Parent])
  }
  return { node, kind: node.type === 'tableCell' ? 'tableCell' : 'paragraph', quoted, text, segments }
}

// A text node's value differs from its source where Markdown escapes (`\*`),
// character references (`&amp;`) or line prefixes (`> `, list indentation) were
// removed. Walk both and record where each value character came from.
function alignText(value: string, node: RootContent, source: string): number[] | undefined {
  const from = node.position?.start.offset
  const to = node.position?.end.offset
  if (from === undefined || to === undefined) return undefined
  if (to - from === value.length && source.startsWith(value, from)) return undefined // linear: offset = from + index
  const raw = source.slice(from, to)
  const offsets: number[] = []
  let i = 0
  let j = 0
  while (j < value.length) {
    if (i >= raw.length) {
      offsets.push(to)
      j++
      continue
    }
    const char = raw[i]
    if (char === value[j]) {
      offsets.push(from + i)
      i++
      j++
      continue
    }
    // Typography applied after parsing (Astro's SmartyPants): curly quotes, dashes, ellipses.
    const typographic = typographicWidth(raw, i, value[j]!)
    if (typographic > 0) {
      offsets.push(from + i)
      i += typographic
      j++
      continue
    }
    if (char === '\\' && raw[i + 1] === value[j]) {
      offsets.push(from + i)
      i += 2
      j++
      continue
    }
    const reference = char === '&' ? /^&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/.exec(raw.slice(i, i + 40)) : null
    if (reference) {
      // One reference may decode to two UTF-16 units: both map to its start.
      for (let k = decodedReferenceLength(reference[1]!); k > 0 && j < value.length; k--, j++) offsets.push(from + i)
      i += reference[0].length
      continue
    }
    i++ // a line prefix (`> `, indentation) that is not in the value
  }
  offsets.push(to)
  return offsets
}

/** How many source characters one typographic character stands for, or 0. */
function typographicWidth(raw: string, i: number, wanted: string): number {
  const char = raw[i]
  if ((wanted === '“' || wanted === '”') && char === '"') return 1
  if ((wanted === '‘' || wanted === '’') && char === "'") return 1
  if (wanted === '…' && raw.startsWith('...', i)) return 3
  if (wanted === '—' && raw.startsWith('---', i)) return 3
  if ((wanted === '–' || wanted === '—') && raw.startsWith('--', i)) return 2
  return 0
}

function decodedReferenceLength(body: string): number {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1))
    return code > 0xffff ? 2 : 1
  }
  return 1
}

/**
 * The text an inline MDX expression stands for in the prose: `{name}` as written
 * (sentences around it stay whole, and it is never searched for keywords), or
 * nothing for a comment (`{/* note *\/}`), which readers never see.
 */
export function expressionText(value: string): string {
  return /^\s*(?:\/\*[\s\S]*?\*\/\s*)*$/.test(value) ? '' : `{${value}}`
}

// Inline code keeps its backticks in the source: map its characters to the
// start of the node and its end to the end of the node.
function atomicOffsets(value: string, node: RootContent): number[] | undefined {
  const from = node.position?.start.offset
  const to = node.position?.end.offset
  if (from === undefined || to === undefined) return undefined
  const offsets = new Array<number>(value.length + 1).fill(from)
  offsets[value.length] = to
  return offsets
}

/**
 * The source offset of plain-text offset `offset` of a block. `side` says which
 * way to lean at a boundary between segments: a start leans right (into the next
 * segment), an end leans left (onto the previous one).
 */
export function sourceOffsetOf(block: ProseBlock, offset: number, side: 'start' | 'end'): number {
  const segments = block.segments
  // Segments are in text order and do not overlap: the only candidate is the last
  // one starting at (start side) or before (end side) the offset.
  const candidate =
    segments[
      Math.max(
        0,
        lastAtOrBefore(segments, side === 'start' ? offset : offset - 1, (segment) => segment.start),
      )
    ]
  let chosen =
    candidate &&
    (side === 'start' ? offset >= candidate.start && offset < candidate.end : offset > candidate.start && offset <= candidate.end)
      ? candidate
      : undefined
  if (!chosen) {
    // In a gap (a line break) or at the edges: lean to the nearest segment.
    chosen =
      side === 'start'
        ? (segments.find((s) => s.start >= offset) ?? segments.at(-1))
        : ([...segments].reverse().find((s) => s.end <= offset) ?? segments[0])
    if (!chosen) return block.node.position?.start.offset ?? 0
    offset = side === 'start' ? Math.max(offset, chosen.start) : Math.min(offset, chosen.end)
    offset = Math.min(Math.max(offset, chosen.start), chosen.end)
  }
  const index = offset - chosen.start
  if (chosen.sourceOffsets) return chosen.sourceOffsets[index]!
  if (!chosen.node.position) {
    // Nodes made after parsing (GFM's autolinks: `www.example.com`) have no place:
    // the nearest ancestor that has one stands for all of their text.
    const place = chosen.ancestors.findLast((ancestor) => ancestor.position)?.position ?? block.node.position
    return (side === 'start' ? place?.start.offset : place?.end.offset) ?? 0
  }
  const { start, end } = chosen.node.position
  if (chosen.atomic) return (index === 0 ? start.offset : end.offset) ?? 0
  return (start.offset ?? 0) + index
}
