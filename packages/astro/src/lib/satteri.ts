// remark-vetted as a Sätteri-native mdast plugin, for sites on Astro 7's default
// Markdown processor, in `.md` and `.mdx` (@astrojs/mdx uses the same processor).
// Sätteri gives a plugin its tree read-only and takes changes through `ctx`.
// After the site's own plugins (`after`, with positions: the analysis maps
// quotes to the source), the plugin runs remark-vetted's own code on the tree
// (vettedTransformer: the same analysis, attachment and rendering as under
// unified), which draws the marks in plain copies of the paragraphs holding
// quotes; each copy replaces its paragraph, and the Corrections section and the
// correction log are appended. The post's frontmatter is Sätteri's
// `ctx.data.astro`, the VFile's `data.astro` here, so page data lands where
// Astro reads it. Reading Sätteri's tree from JavaScript is most of the cost, so
// the analysis reads only the top-level blocks whose source can hold a quote
// (blocksHolding), and nothing else of the tree is copied.
// Astro renders each post twice in a build (its page, then the assets it
// propagates), with the same source, frontmatter and ledger: the second render
// puts back what the first drew, at the same places in Sätteri's tree, and
// reads nothing else of it (`Drawn`).
// Sätteri's smart punctuation (on in Astro) is already in the tree's text, where
// unified applies it to the HTML: quotes, apostrophes and ellipses fold back in
// fingerprints, dashes (`--` became `–`) do not, so the analysis reads the
// author's hyphens (in copies of those paragraphs), and the paragraphs put back
// get the dashes again.

import { fileURLToPath } from 'node:url'
import type { Ledger } from '@vetted/core'
import { proseOfBlock } from '@vetted/post/internal'
import type { Parent, Root, RootContent } from 'mdast'
import { vettedTransformer, type RemarkVettedOptions, type VettedData } from 'remark-vetted'
import { VFile } from 'vfile'
import type { LedgerCacheKey } from './ledger-watch.ts'

/** The part of Sätteri's MdastVisitorContext the plugin uses. */
export interface SatteriContext {
  readonly fileURL: URL | undefined
  readonly data: { astro?: { frontmatter?: Record<string, unknown> } }
  readonly sourceFormat: 'markdown' | 'mdx'
  readonly source: string
  replaceNode(node: object, replacement: object): void
  appendChild(node: object, children: object[]): void
}

/** A Sätteri mdast plugin (satteri's MdastPluginDefinition) that Astro hashes with the site's config. */
export interface VettedSatteriPlugin {
  name: string
  options: { position: true }
  /** Enumerable, so that Astro's content cache, which hashes the config, sees every ledger's digest. */
  ledgers: LedgerCacheKey
  after(root: Root, ctx: SatteriContext): void
}

/** What the integration gives each post around remark-vetted. */
export interface PostSteps {
  /** The post's ledger when the build gate has read and checked it already. */
  ledgerOf: (post: string) => { ledger: Ledger; path: string } | undefined
  /** After remark-vetted, on the post's VFile: page data, the gate's collector. */
  after: (file: VFile) => void
}

export const SATTERI_PLUGIN_NAME = '@vetted/astro'

/**
 * The Sätteri plugin: remark-vetted with `options` and the integration's `steps`.
 */
export function vettedSatteriPlugin(options: RemarkVettedOptions, steps: PostSteps, ledgers: LedgerCacheKey): VettedSatteriPlugin {
  const transform = vettedTransformer(options)
  // By post path, what its last render drew: not on the plugin object, which Astro hashes.
  const drawnBefore = new Map<string, Drawn>()
  return {
    name: SATTERI_PLUGIN_NAME,
    options: { position: true },
    ledgers,
    after(root, ctx) {
      const file = new VFile({ value: ctx.source, data: ctx.data.astro ? { astro: ctx.data.astro } : {} })
      if (ctx.fileURL) file.path = fileURLToPath(ctx.fileURL)
      const ledger = file.path ? steps.ledgerOf(file.path) : undefined
      const inputs = ledger ? drawnInputs(ctx, ledger.ledger) : undefined
      const before = inputs && drawnBefore.get(file.path)
      if (!(before && sameInputs(before.inputs, inputs) && redraw(root, ctx, before, file))) {
        const drawn = draw(root, ctx, file, ledger)
        if (inputs && drawn) drawnBefore.set(file.path, { ...drawn, inputs })
        else drawnBefore.delete(file.path)
      }
      steps.after(file)
    },
  }

  /** Analyse and draw: Sätteri's blocks replaced by marked copies, the rest appended; returns what to keep for a second render. */
  function draw(
    root: Root,
    ctx: SatteriContext,
    file: VFile,
    ledger: { ledger: Ledger; path: string } | undefined,
  ): Omit<Drawn, 'inputs'> | undefined {
    let copies = new Map<Parent, Parent>()
    let dashes = new Map<string, string>()
    let kept: number[] = []
    // Each block the marks are drawn in, and Sätteri's node it replaces.
    const drawn = new Map<Parent, object>()
    const { blocks, appended } = transform(root, file, {
      parsedAs: ctx.sourceFormat,
      narrow: (tree, quotes) => {
        const holding = blocksHolding(tree, ctx.source, quotes)
        kept = holding.kept
        const analysed = treeForAnalysis(holding.root, ctx.source)
        ;({ copies, dashes } = analysed)
        return analysed.tree
      },
      editable: (block) => {
        const copy = copies.has(block) ? block : deepCopy(block)
        drawn.set(copy, copies.get(block) ?? block)
        return copy
      },
      ...(ledger ? { ledger } : {}),
    })
    const replaced = blocks.map((block) => ({
      original: drawn.get(block)!,
      block: dashes.size > 0 ? typographicDashes(block, dashes) : block,
    }))
    const paths = pathsTo(root, kept, new Set(replaced.map(({ original }) => original)))
    const redrawable: Drawn['replaced'] = []
    for (const { original, block } of replaced) {
      const path = paths.get(original)
      if (path) redrawable.push({ path, type: (original as RootContent).type, ...placeOf(original), block })
      ctx.replaceNode(original, block)
    }
    if (appended.length > 0) ctx.appendChild(root, appended)
    const vetted = file.data.vetted as VettedData | undefined
    // A block not found again (none should be) leaves nothing to redraw from.
    if (!vetted || redrawable.length < replaced.length) return undefined
    return { replaced: redrawable, appended, vetted, messages: [...file.messages] }
  }
}

/** What makes a post's render the same as before: its source, its ledger (the gate's reading of it) and its frontmatter. */
interface DrawnInputs {
  source: string
  ledger: Ledger
  frontmatter: string | undefined
}

/** What after() drew in a post and reported, to put back in the same post's next render. */
interface Drawn {
  inputs: DrawnInputs
  /** Each replaced block: the child indices from the root down to Sätteri's node, its type and source range, and the marked copy. */
  replaced: Array<{ path: number[]; type: string; start: number | undefined; end: number | undefined; block: Parent }>
  appended: RootContent[]
  vetted: VettedData
  messages: VFile['messages']
}

function drawnInputs(ctx: SatteriContext, ledger: Ledger): DrawnInputs | undefined {
  const frontmatter = ctx.data.astro?.frontmatter
  try {
    // Without `vetted`: the page data the last render added, when Sätteri hands the same object again.
    return { source: ctx.source, ledger, frontmatter: frontmatter && JSON.stringify({ ...frontmatter, vetted: undefined }) }
  } catch {
    return undefined // a frontmatter JSON cannot hold: draw each time
  }
}

function sameInputs(a: DrawnInputs, b: DrawnInputs): boolean {
  return a.ledger === b.ledger && a.source === b.source && a.frontmatter === b.frontmatter
}

/**
 * The second render of a post: each block drawn before is at the same path, with
 * the same type and source range, in Sätteri's new tree; put the marked copies
 * back and the report in `file`. False, with nothing changed, if a block is not.
 */
function redraw(root: Root, ctx: SatteriContext, before: Drawn, file: VFile): boolean {
  const targets: object[] = []
  for (const { path, type, start, end } of before.replaced) {
    const node = nodeAt(root, path)
    if (!node || node.type !== type) return false
    const place = placeOf(node)
    if (place.start !== start || place.end !== end) return false
    targets.push(node)
  }
  // Sätteri encodes what it is given when called and keeps no reference: the same nodes serve again.
  before.replaced.forEach(({ block }, index) => {
    ctx.replaceNode(targets[index]!, block)
  })
  if (before.appended.length > 0) ctx.appendChild(root, before.appended)
  file.data.vetted = before.vetted
  file.messages.push(...before.messages)
  return true
}

function placeOf(node: { position?: { start?: { offset?: number }; end?: { offset?: number } } }): {
  start: number | undefined
  end: number | undefined
} {
  return { start: node.position?.start?.offset, end: node.position?.end?.offset }
}

/** The node at `path` (child indices from the root), if there is one. */
function nodeAt(root: Root, path: number[]): (RootContent & { position?: Root['position'] }) | undefined {
  let node: Parent | RootContent = root
  for (const index of path) {
    if (!('children' in node)) return undefined
    const child: RootContent | undefined = (node.children as RootContent[])[index]
    if (!child) return undefined
    node = child
  }
  return node as RootContent
}

/** The path from the root to each of `targets`, searched in the top-level blocks `topLevel` (the analysis read them). */
function pathsTo(root: Root, topLevel: number[], targets: Set<object>): Map<object, number[]> {
  const paths = new Map<object, number[]>()
  // A stack, not recursion: a post decides how deep its tree is.
  const stack: Array<{ node: RootContent; path: number[] }> = topLevel.map((index) => ({ node: root.children[index]!, path: [index] }))
  while (stack.length > 0 && paths.size < targets.size) {
    const { node, path } = stack.pop()!
    if (targets.has(node)) {
      paths.set(node, path)
      continue
    }
    if (!('children' in node)) continue
    const children = node.children as RootContent[]
    for (let index = 0; index < children.length; index++) stack.push({ node: children[index]!, path: [...path, index] })
  }
  return paths
}

/**
 * A root holding the top-level blocks of `tree` whose source can hold one of
 * `quotes`: its letters and digits, outside link targets, images, tags,
 * footnote references and comments, contain a quote's (a block with a character
 * reference is always kept: its text is not its source's). Reading the rest of
 * Sätteri's tree is what this saves.
 */
function blocksHolding(tree: Root, source: string, quotes: readonly string[]): { root: Root; kept: number[] } {
  const wanted = quotes.map(looseText).filter((quote) => quote !== '')
  const holds = (block: RootContent): boolean => {
    // Made by another plugin (Starlight's asides): no source to search, but it may hold the author's blocks.
    if (!block.position) return 'children' in block
    const { start, end } = block.position
    if (start?.offset === undefined || end?.offset === undefined) return false
    const written = source.slice(start.offset, end.offset)
    if (REFERENCE.test(written)) return true
    const text = looseText(written.replace(NOT_PROSE, ' '))
    return wanted.some((quote) => text.includes(quote))
  }
  const children: RootContent[] = []
  const kept: number[] = []
  // No quote, no block to read (reading one materializes it from Sätteri's arena).
  if (wanted.length > 0) {
    tree.children.forEach((block, index) => {
      if (!holds(block)) return
      children.push(block)
      kept.push(index)
    })
  }
  return { root: { type: 'root', children, ...(tree.position ? { position: tree.position } : {}) }, kept }
}

/** Markdown and MDX that puts characters between a sentence's words that its text has not. */
const NOT_PROSE =
  /!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?|\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]*\]|<!--[\s\S]*?-->|\{\/\*[\s\S]*?\*\/\}|<\/?[A-Za-z][\w.:-]*(?:\s[^>]*)?\/?>/g
const REFERENCE = /&(?:#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/

/** Letters and digits only, lower-cased: what a quote and the text holding it share, however either is written. */
function looseText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * The tree the analysis reads: Sätteri's own, except for text in which smart
 * punctuation made dashes of the author's hyphens: that gets them back, in a copy
 * of its block. Only the path to such a block is copied: `copies` maps each
 * copied block to Sätteri's; `dashes` holds each run of hyphens and the dashes it
 * became. (A paragraph another plugin made has no position: the analysis reads
 * the author's blocks inside it, and nothing of its own.)
 */
function treeForAnalysis(root: Root, source: string): { tree: Root; copies: Map<Parent, Parent>; dashes: Map<string, string> } {
  const copies = new Map<Parent, Parent>()
  const dashes = new Map<string, string>()
  if (!source.includes('--')) return { tree: root, copies, dashes }
  const replaced = new Map<Parent, Parent>()
  // A stack, not recursion: a post decides how deep its tree is. Blocks hold no blocks.
  const stack: Parent[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isAuthorsBlock(node)) {
      for (const child of node.children as RootContent[]) if ('children' in child) stack.push(child)
      continue
    }
    if (hasDash(node)) {
      const copy = withAuthorsHyphens(node, source, dashes)
      if (copy) {
        replaced.set(node, copy)
        copies.set(copy, node)
      }
    }
  }
  return { tree: replacedIn(root, replaced), copies, dashes }
}

/** A paragraph or table cell of the author's: one with a place in the source (another plugin's has none). */
function isAuthorsBlock(node: Parent): boolean {
  return (node.type === 'paragraph' || node.type === 'tableCell') && node.position !== undefined
}

/** Whether text in `block` has an en or em dash (smart punctuation's, or the author's own). */
function hasDash(block: Parent): boolean {
  const stack: Parent[] = [block]
  while (stack.length > 0) {
    for (const child of stack.pop()!.children as RootContent[]) {
      if (child.type === 'text' && /[–—]/.test(child.value)) return true
      if ('children' in child) stack.push(child)
    }
  }
  return false
}

/** A copy of `block` whose text has the author's hyphens where smart punctuation made dashes; undefined if it has none. */
function withAuthorsHyphens(block: Parent, source: string, dashes: Map<string, string>): Parent | undefined {
  const values = new Map<object, string>()
  for (const { node, sourceOffsets } of proseOfBlock(block, source).segments) {
    if (node.type !== 'text' || !sourceOffsets || !/[–—]/.test(node.value)) continue
    const value = authorsHyphens(node.value, sourceOffsets, source, dashes)
    if (value !== node.value) values.set(node, value)
  }
  if (values.size === 0) return undefined
  return deepCopy(block, (original, copy) => {
    const value = values.get(original)
    if (value !== undefined) Object.assign(copy, { value, [DASHES]: true })
  })
}

/** `value` with the hyphens the author wrote where smart punctuation made dashes (`--` is `–`); adds each run to `dashes`. */
function authorsHyphens(value: string, sourceOffsets: number[], source: string, dashes: Map<string, string>): string {
  let result = ''
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!
    if (char !== '–' && char !== '—') {
      result += char
      continue
    }
    // A run of hyphens may become several dashes (`----` is `––`): the whole run maps to them.
    let end = index
    while (value[end + 1] === '–' || value[end + 1] === '—') end++
    const written = source.slice(sourceOffsets[index], sourceOffsets[end + 1])
    if (!/^-{2,}$/.test(written)) {
      result += char
      continue
    }
    dashes.set(written, value.slice(index, end + 1))
    result += written
    index = end
  }
  return result
}

/** `root` with the blocks of `replaced` replaced, copying only their ancestors. */
function replacedIn(root: Root, replaced: Map<Parent, Parent>): Root {
  if (replaced.size === 0) return root
  const copied = new Map<Parent, Parent>()
  const copyOfParent = (node: Parent): Parent => {
    let copy = copied.get(node)
    if (!copy) copied.set(node, (copy = { ...shallowCopy(node), children: [...node.children] } as Parent))
    return copy
  }
  // A stack, not recursion: a post decides how deep its tree is. Blocks hold no blocks.
  const stack: Array<{ node: Parent; path: Parent[] }> = [{ node: root, path: [] }]
  while (stack.length > 0) {
    const { node, path } = stack.pop()!
    if (replaced.has(node)) {
      // Copy the path down to the block's parent, then put the replacement in place.
      let parent = copyOfParent(path[0]!)
      for (let depth = 1; depth < path.length; depth++) {
        const child = copyOfParent(path[depth]!)
        parent.children[(path[depth - 1]!.children as Parent[]).indexOf(path[depth]!)] = child as RootContent
        parent = child
      }
      const at = (path.at(-1)!.children as Parent[]).indexOf(node)
      parent.children[at] = replaced.get(node) as RootContent
      continue
    }
    if (isAuthorsBlock(node)) continue
    for (const child of node.children as RootContent[]) if ('children' in child) stack.push({ node: child, path: [...path, node] })
  }
  return copied.get(root) as Root
}

/** A node's own fields, without Sätteri's handle into its arena (`_resolver`, `_id`): a copy of it is new content. */
function shallowCopy(node: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) if (!key.startsWith('_')) copy[key] = value
  return copy
}

/** A mutable copy of `node` and everything in it; `visit` sees each original with its copy. */
function deepCopy<T extends Parent>(node: T, visit?: (original: object, copy: Record<string, unknown>) => void): T {
  const copyOne = (original: object) => {
    const copy = shallowCopy(original)
    visit?.(original, copy)
    return copy
  }
  const top = copyOne(node) as unknown as Parent
  const stack: Parent[] = [top]
  while (stack.length > 0) {
    const parent = stack.pop()!
    parent.children = (parent.children as RootContent[]).map((child) => {
      const copy = copyOne(child) as unknown as RootContent
      if ('children' in copy && Array.isArray(copy.children)) stack.push(copy)
      return copy
    }) as Parent['children']
  }
  return top as T
}

/** Marks a copied text node that got the author's hyphens back: typographicDashes() makes them dashes again. A split keeps it (a spread copies it). */
const DASHES = Symbol('vetted: hyphens given back')

/** The block with the dashes smart punctuation made again, in the text treeForAnalysis() gave hyphens. */
function typographicDashes<T extends Parent>(block: T, dashes: Map<string, string>): T {
  const stack: Parent[] = [block]
  while (stack.length > 0) {
    for (const child of stack.pop()!.children as RootContent[]) {
      if (child.type === 'text' && DASHES in child) child.value = child.value.replace(/-{2,}/g, (run) => dashes.get(run) ?? run)
      else if ('children' in child) stack.push(child)
    }
  }
  return block
}
