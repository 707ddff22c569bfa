// remark-vetted as a Sätteri-native mdast plugin, for sites on Astro 7's default
// Markdown processor, in `.md` and `.mdx` (@astrojs/mdx uses the same processor).
// Sätteri gives a plugin its tree read-only and takes changes through `ctx`.
// After the site's own plugins (`after`, with positions: the analysis maps
// quotes to the source), the plugin copies the tree into plain mdast, runs
// remark-vetted's own code on the copy (vettedTransformer: the same analysis,
// attachment and rendering as under unified), and puts each paragraph it
// changed back in place of the original, then appends the Corrections section
// and the correction log. The post's frontmatter is Sätteri's `ctx.data.astro`,
// the VFile's `data.astro` here, so page data lands where Astro reads it.
// Sätteri's smart punctuation (on in Astro) is already in the tree's text, where
// unified applies it to the HTML: quotes, apostrophes and ellipses fold back in
// fingerprints, dashes (`--` became `–`) do not, so the copy gets the author's
// hyphens back for the analysis, and the paragraphs put back get the dashes again.

import { fileURLToPath } from 'node:url'
import { collectProse } from '@vetted/post'
import type { Parent, Root, RootContent, Text } from 'mdast'
import { vettedTransformer, type RemarkVettedOptions } from 'remark-vetted'
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

export const SATTERI_PLUGIN_NAME = '@vetted/astro'

/** The Sätteri plugin: remark-vetted with `options`, then `after` on the post's VFile (page data, the gate's collector). */
export function vettedSatteriPlugin(options: RemarkVettedOptions, after: (file: VFile) => void, ledgers: LedgerCacheKey): VettedSatteriPlugin {
  const transform = vettedTransformer(options)
  return {
    name: SATTERI_PLUGIN_NAME,
    options: { position: true },
    ledgers,
    after(root, ctx) {
      const file = new VFile({ value: ctx.source, data: ctx.data.astro ? { astro: ctx.data.astro } : {} })
      if (ctx.fileURL) file.path = fileURLToPath(ctx.fileURL)
      const { tree, originals } = plainCopy(root)
      const dashes = authorsHyphens(tree, ctx.source)
      const { blocks, appended } = transform(tree, file, ctx.sourceFormat)
      for (const block of blocks) ctx.replaceNode(originals.get(block)!, dashes.size > 0 ? typographicDashes(block, dashes) : block)
      if (appended.length > 0) ctx.appendChild(root, appended)
      after(file)
    },
  }
}

/**
 * The tree as plain mutable mdast, and the original node of each copied one.
 * Sätteri's nodes carry a handle into its arena (`_resolver`, `_id`); the copy
 * leaves it out, so that what goes back through `ctx` is new content. A
 * paragraph or table cell without a position was made by another plugin: it is
 * not the author's prose and has no place in the source, so the copy leaves it
 * out (only the blocks vetted changed go back, and they hold quotes).
 */
function plainCopy(root: Root): { tree: Root; originals: Map<object, object> } {
  const originals = new Map<object, object>()
  const copyOf = (node: object): Record<string, unknown> => {
    const copy: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) if (!key.startsWith('_')) copy[key] = value
    originals.set(copy, node)
    return copy
  }
  const tree = copyOf(root) as unknown as Root
  // A stack, not recursion: a post decides how deep its tree is.
  const stack: Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    const children: RootContent[] = []
    for (const child of parent.children as RootContent[]) {
      if ((child.type === 'paragraph' || child.type === 'tableCell') && !child.position) continue
      const copy = copyOf(child) as unknown as RootContent
      if ('children' in copy && Array.isArray(copy.children)) stack.push(copy)
      children.push(copy)
    }
    parent.children = children as Parent['children']
  }
  return { tree, originals }
}

/** A text node whose typographic dashes were hyphens in the source: each run of hyphens and the dashes it became. */
type DashedText = Text & { [DASHES]?: Map<string, string> }
const DASHES = Symbol('vetted dashes')

/**
 * Give the text of prose back the hyphens the author wrote where smart
 * punctuation made dashes of them (`--` is `–`); returns each run of hyphens and
 * the dashes it was. A text node split later keeps its record (a spread copies it).
 */
function authorsHyphens(tree: Root, source: string): Map<string, string> {
  const runs = new Map<string, string>()
  if (!source.includes('--')) return runs
  for (const block of collectProse(tree, source)) {
    for (const { node, sourceOffsets } of block.segments) {
      if (node.type !== 'text' || !sourceOffsets || !/[–—]/.test(node.value)) continue
      let value = ''
      for (let index = 0; index < node.value.length; index++) {
        const char = node.value[index]!
        const written = source.slice(sourceOffsets[index], sourceOffsets[index + 1])
        if ((char === '–' || char === '—') && /^-{2,}$/.test(written)) {
          // A run of hyphens may become several dashes (`----` is `––`): the whole run maps to them.
          let end = index
          while (node.value[end + 1] === '–' || node.value[end + 1] === '—') end++
          const run = source.slice(sourceOffsets[index], sourceOffsets[end + 1])
          if (!/^-+$/.test(run)) {
            value += char
            continue
          }
          runs.set(run, node.value.slice(index, end + 1))
          value += run
          index = end
        } else value += char
      }
      if (value !== node.value) {
        node.value = value
        ;(node as DashedText)[DASHES] = runs
      }
    }
  }
  return runs
}

/** The block with the dashes smart punctuation made again, in the text authorsHyphens() changed. */
function typographicDashes<T extends Parent>(block: T, runs: Map<string, string>): T {
  const stack: Parent[] = [block]
  while (stack.length > 0) {
    for (const child of stack.pop()!.children as RootContent[]) {
      if (child.type === 'text' && (child as DashedText)[DASHES]) child.value = child.value.replace(/-{2,}/g, (run) => runs.get(run) ?? run)
      else if ('children' in child) stack.push(child)
    }
  }
  return block
}
