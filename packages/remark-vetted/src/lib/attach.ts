// Wrap an exact span of a paragraph's plain text in a `correction` textDirective.
// The span may start or end inside emphasis, strong, a link or a strikethrough:
// those nodes are split in two (same type, same URL) so that the text and its
// formatting stay exactly as they were. Inline code and math (and MDX's inline
// {expressions}) cannot be split; a boundary inside one moves to its edge. In MDX,
// a JSX element's text (`<abbr>HTML</abbr>`) is split like emphasis. Only the
// render step does this, and only in a tree bound for HTML.

import { NOT_PROSE_ELEMENTS, expressionText } from '@vetted/post/internal'
import type { Parent, PhrasingContent, RootContent } from 'mdast'
import type { TextDirective } from 'mdast-util-directive'
// inlineMath nodes (remark-math's syntax, which @vetted/core parses)
import type {} from 'mdast-util-math'
import type {} from 'mdast-util-mdx'

/** Length of a node's plain text, counted as @vetted/core's prose map counts it. */
export function plainLength(node: RootContent): number {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'inlineMath':
      return node.value.length
    case 'break':
      return 1
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'html':
      return 0
    case 'mdxTextExpression':
      return expressionText(node.value).length
    default:
      // A JSX element is read as its text (`<abbr>HTML</abbr>`), but `<svg>`, `<script>`… not at all.
      if (node.type === 'mdxJsxTextElement' && NOT_PROSE_ELEMENTS.has(node.name ?? '')) return 0
      if ('children' in node) {
        let length = 0
        for (const child of node.children as RootContent[]) length += plainLength(child)
        return length
      }
      return 0
  }
}

/**
 * Make a child boundary at plain-text `offset` of `parent` and return the index
 * of the first child after it. `side` says where a boundary inside an atomic node
 * goes: a start moves before it, an end after it.
 */
function splitAt(parent: Parent, offset: number, side: 'start' | 'end'): number {
  const children = parent.children as RootContent[]
  let at = 0
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    const length = plainLength(child)
    // Zero-length nodes (footnote markers, images) at a boundary stay outside the span.
    if (offset <= at && (side === 'end' || length > 0)) return index
    if (offset >= at + length) {
      at += length
      continue
    }
    const inside = offset - at
    if (child.type === 'text') {
      const { position: _position, ...rest } = child
      const left = { ...rest, value: child.value.slice(0, inside) }
      const right = { ...rest, value: child.value.slice(inside) }
      children.splice(index, 1, left, right)
      return index + 1
    }
    if ('children' in child && child.children.length > 0) {
      const cut = splitAt(child as Parent, inside, side)
      const inner = child.children as RootContent[]
      if (cut <= 0) return index
      if (cut >= inner.length) return index + 1
      const { position: _position, ...rest } = child
      const left = { ...rest, children: inner.slice(0, cut) } as RootContent
      const right = { ...rest, children: inner.slice(cut) } as RootContent
      children.splice(index, 1, left, right)
      return index + 1
    }
    return side === 'start' ? index : index + 1 // atomic: inline code, math or an MDX expression
  }
  return children.length
}

/** Wrap plain-text range [start, end) of `block` in `directive`; returns the directive. */
export function wrapRange(block: Parent, start: number, end: number, directive: TextDirective): TextDirective {
  const first = splitAt(block, start, 'start')
  const last = splitAt(block, end, 'end')
  const children = block.children as RootContent[]
  directive.children = children.slice(first, last) as PhrasingContent[]
  children.splice(first, last - first, directive)
  return directive
}
