// A correction's reasoning is Markdown written by a model or an editor. It is
// parsed with remark-parse, turned into hast without raw HTML, and kept to an
// allow-list of elements (hast-util-sanitize): paragraphs, lists, emphasis,
// code, quotes and links, links to public http(s) URLs only (a loopback,
// private or link-local host, credentials or an over-long URL stay text), and
// without bidirectional controls (the card isolates it with dir="auto"). Its
// size is bounded before it gets here: a ledger whose reasoning is past the
// limits of a post (MARKDOWN_LIMITS) is refused when it is loaded. Headings become bold paragraphs, so
// that a card never adds to the page's outline. The tree carries no positions:
// they would be offsets into the ledger's text, which a later plugin would take
// for the post's.

import type { ElementContent, Root } from 'hast'
import { sanitize, type Schema } from 'hast-util-sanitize'
import { toHast } from 'mdast-util-to-hast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { isPublishableUrl, withoutBidiControls } from '@vetted/core/internal'

/** The rel of every link a card shows (a source's or one in its reasoning): no referrer, no endorsement. */
export const EXTERNAL_REL = ['noopener', 'noreferrer', 'nofollow']

const parser = unified().use(remarkParse)

const REASONING: Schema = {
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: ['http', 'https'] },
  ancestors: { li: ['ol', 'ul'] },
  strip: ['script', 'style'],
  clobber: [],
}

export function reasoningToHast(markdown: string): ElementContent[] {
  const mdast = parser.parse(withoutBidiControls(markdown))
  const hast = toHast(mdast) as Root
  const safe = sanitize(flattenHeadings(hast), REASONING) as Root
  return finish(safe.children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text'))
}

function flattenHeadings(root: Root): Root {
  root.children = root.children.map((node) =>
    node.type === 'element' && /^h[1-6]$/.test(node.tagName)
      ? {
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [{ type: 'element', tagName: 'strong', properties: {}, children: node.children }],
        }
      : node,
  )
  return root
}

/** No positions; links open elsewhere with no referrer; a link to anything but a public http(s) URL is its text. */
function finish(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node) => {
    delete node.position
    if (node.type !== 'element') return [node]
    node.children = finish(node.children)
    if (node.tagName !== 'a') return [node]
    const href = node.properties['href']
    if (typeof href !== 'string' || !isPublishableUrl(href)) return node.children
    node.properties['rel'] = EXTERNAL_REL
    return [node]
  })
}
