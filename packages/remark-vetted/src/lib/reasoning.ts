// A correction's reasoning is Markdown written by a model or an editor. Render it
// as hast with raw HTML dropped, images dropped, headings flattened to paragraphs
// and links kept only when they are http(s) (others become their text). The
// Markdown most reasonings keep to is read without micromark (simple-markdown.ts);
// either way the tree carries no positions: they would be offsets into the ledger's
// text, which a later plugin would take for the post's.

import type { ElementContent } from 'hast'
import type { Nodes as MdastNodes, Parent, Root, RootContent } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { isHttpUrl } from '@vetted/core'
import { EXTERNAL_REL } from './hast.ts'
import { parseSimpleMarkdown } from './simple-markdown.ts'

const parser = unified().use(remarkParse)

export function reasoningToHast(markdown: string): ElementContent[] {
  const tree = parseSimpleMarkdown(markdown) ?? (parser.parse(markdown) as Root)
  delete tree.position
  sanitize(tree)
  const hast = toHast(tree)
  const children = hast.type === 'root' ? hast.children : [hast]
  for (const node of children) markLinks(node as ElementContent)
  return children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text')
}

function sanitize(parent: Parent): void {
  const next: RootContent[] = []
  for (const child of parent.children as RootContent[]) {
    delete child.position
    if (child.type === 'html' || child.type === 'image' || child.type === 'imageReference' || child.type === 'definition') continue
    if (child.type === 'footnoteReference' || child.type === 'footnoteDefinition') continue
    if (child.type === 'linkReference' || (child.type === 'link' && !isHttpUrl(child.url))) {
      sanitize(child)
      next.push(...(child.children as RootContent[]))
      continue
    }
    if (child.type === 'heading') {
      sanitize(child)
      next.push({ type: 'paragraph', children: [{ type: 'strong', children: child.children }] })
      continue
    }
    if ('children' in child) sanitize(child as Parent)
    next.push(child)
  }
  ;(parent as { children: RootContent[] }).children = next
}

function markLinks(node: ElementContent | MdastNodes): void {
  if (node.type !== 'element') return
  if (node.tagName === 'a') node.properties = { ...node.properties, rel: EXTERNAL_REL }
  for (const child of node.children) markLinks(child)
}
