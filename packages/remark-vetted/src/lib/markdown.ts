// What a remark pipeline writes back as Markdown (`remark post.md -o`, an
// editor's "format document") after this plugin ran: the author's text, never
// the rendering. The plugin changes the tree only to draw corrections: it wraps
// quotes in `correction` directives, splits the text, emphasis or links a quote
// starts or ends inside, and adds `vettedHast` nodes (references, popovers, the
// Corrections section). Printing those would put directives and split emphasis
// (`*very **important*`) into the author's file, and `vettedHast` has no Markdown
// at all. So the plugin registers a `root` handler with mdast-util-to-markdown
// (through `toMarkdownExtensions`, as remark-gfm registers its own) that first
// undoes its own changes, without touching the tree it was given, then prints the
// result with the default root handler: the same tree remark-parse gave, so the
// same Markdown as without the plugin.

import type { Parents, Root, RootContent } from 'mdast'
import { defaultHandlers, type Options as ToMarkdownExtension } from 'mdast-util-to-markdown'

/** Directives the plugin wrapped around a quote. */
const wrappers = new WeakSet<RootContent>()
/** Halves the plugin split off a node: each continues the node of the same type before it. */
const continuations = new WeakSet<RootContent>()

/** Remember that `node` wraps a quote: it is unwrapped when Markdown is written. */
export function markWrapper(node: RootContent): void {
  wrappers.add(node)
}

/** Remember that `original` was split into `left` and `right`: they are joined when Markdown is written. */
export function markSplit(original: RootContent, left: RootContent, right: RootContent): void {
  if (continuations.has(original)) continuations.add(left)
  continuations.add(right)
  if (wrappers.has(original)) {
    wrappers.add(left)
    wrappers.add(right)
  }
}

export const toMarkdownExtension: ToMarkdownExtension = {
  handlers: {
    root: (node: Root, parent, state, info) => defaultHandlers.root(authorTree(node), parent, state, info),
    // A rendering-only node in a fragment (not under a root) prints nothing either.
    vettedHast: () => '',
  },
}

/** The tree as the author wrote it: rendering nodes dropped, wrappers unwrapped, split nodes joined. */
export function authorTree<T extends Parents>(node: T): T {
  const children: RootContent[] = []
  let changed = false
  for (const child of node.children as RootContent[]) {
    if (child.type === 'vettedHast') {
      changed = true
    } else if (wrappers.has(child) && 'children' in child) {
      changed = true
      for (const inner of authorTree(child).children as RootContent[]) append(children, inner)
    } else {
      const restored = 'children' in child ? authorTree(child) : child
      if (restored !== child) changed = true
      if (append(children, restored)) changed = true
    }
  }
  return changed ? { ...node, children } : node
}

/** Add `node` to `children`, joined to the node before it when it is a split half of it. Says whether it joined. */
function append(children: RootContent[], node: RootContent): boolean {
  const previous = children.at(-1)
  if (!previous || previous.type !== node.type || !continuations.has(node)) {
    children.push(node)
    return false
  }
  if (previous.type === 'text' && node.type === 'text') {
    children[children.length - 1] = { ...previous, value: previous.value + node.value }
  } else if ('children' in previous && 'children' in node) {
    const joined = [...(previous.children as RootContent[])]
    for (const inner of node.children as RootContent[]) append(joined, inner)
    children[children.length - 1] = { ...previous, children: joined } as RootContent
  } else {
    children.push(node)
    return false
  }
  // The joined node stands for the original: a later half continues it in turn.
  if (continuations.has(previous)) continuations.add(children.at(-1)!)
  return true
}
