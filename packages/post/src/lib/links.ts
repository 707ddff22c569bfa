// The URLs a sentence links to: the author's own sources for what it says. The
// links inside the sentence; else those of its paragraph (or table cell), where
// a source often closes the paragraph. http(s) only, in order, each once.

import { isHttpUrl, type Claim } from '@vetted/core'
import type { Definition, Nodes, Root } from 'mdast'

/** At most this many per sentence: a list of links is rarely the source of one sentence. */
const MAX_LINKS = 5

interface PlacedLink {
  url: string
  offset: number
}

interface LinkBlock {
  start: number
  end: number
  links: PlacedLink[]
}

/** Links by fingerprint for each of `sentences` (an empty list when neither the sentence nor its paragraph links anywhere). */
export function linksOf(tree: Root, sentences: ReadonlyArray<Pick<Claim, 'fingerprint' | 'start' | 'end'>>): Map<string, string[]> {
  const definitions = new Map<string, string>()
  const blocks: LinkBlock[] = []
  // A stack in document order, not recursion: a post decides how deep its tree is.
  const stack: Array<{ node: Nodes; block: LinkBlock | undefined }> = [{ node: tree, block: undefined }]
  while (stack.length > 0) {
    const { node, block } = stack.pop()!
    if (node.type === 'definition') definitions.set((node as Definition).identifier.toLowerCase(), (node as Definition).url)
    let inside = block
    if ((node.type === 'paragraph' || node.type === 'tableCell') && node.position?.start.offset !== undefined) {
      inside = { start: node.position.start.offset, end: node.position.end.offset ?? node.position.start.offset, links: [] }
      blocks.push(inside)
    }
    const offset = node.position?.start.offset
    if (inside && offset !== undefined) {
      if (node.type === 'link') inside.links.push({ url: node.url, offset })
      else if (node.type === 'linkReference') inside.links.push({ url: `\0${node.identifier.toLowerCase()}`, offset })
    }
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, block: inside })
  }
  // A reference's definition may come after it: resolved once all are known.
  const resolve = (url: string) => (url.startsWith('\0') ? definitions.get(url.slice(1)) : url)
  const http = (links: PlacedLink[]) => [
    ...new Set(links.map((link) => resolve(link.url)?.trim()).filter((url): url is string => Boolean(url && isHttpUrl(url)))),
  ]

  const found = new Map<string, string[]>()
  for (const sentence of sentences) {
    const start = sentence.start.offset
    const end = sentence.end.offset
    const block = blocks.find((b) => b.start <= start && end <= b.end)
    if (!block) {
      found.set(sentence.fingerprint, [])
      continue
    }
    const own = http(block.links.filter((link) => link.offset >= start && link.offset < end))
    found.set(sentence.fingerprint, (own.length > 0 ? own : http(block.links)).slice(0, MAX_LINKS))
  }
  return found
}
