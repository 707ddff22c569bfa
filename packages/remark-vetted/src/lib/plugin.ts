// remark-vetted in two steps: the report step (report.ts) reads the post and its
// ledger and reports, leaving the tree as it was; the render step (render.ts)
// draws the markers, the Corrections section and the correction log. The
// default plugin runs both, and renders only when the tree is bound for HTML: a
// pipeline that writes Markdown (remark-cli, the language server) gets the
// report alone, so the author's text is what it prints. `remarkVettedReport` is
// the report step on its own. vettedTransformer() runs both steps on a tree it
// may not change (Astro's Sätteri), drawing in the copies it is given.

import type { Parent, Root } from 'mdast'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import type { RemarkVettedOptions } from '../schemas/options.ts'
import { resolveOptions } from './options.ts'
import { dateFormatter, renderPost, type VettedChanges } from './render.ts'
import { reportPost, type ReportInput } from './report.ts'

export type { VettedChanges } from './render.ts'

/** How the caller's pipeline read the post, and what it gives the transformer. */
export interface VettedInput extends ReportInput {
  /**
   * The node to draw a block's marks in: the block itself where the tree may
   * change (the default), or a mutable copy of it where the tree is read-only.
   */
  editable?: (block: Parent) => Parent
}

/**
 * remark-vetted's work on one post, for any pipeline that has its mdast tree:
 * `file` carries the post's path, its text (the one the tree's positions point
 * into) and `data.astro.frontmatter` when the text has none; the report lands in
 * `file.data.vetted` and `file.messages`. The tree is only read; the marks are
 * drawn in `input.editable(block)`, and the caller appends the rest.
 */
export function vettedTransformer(options?: RemarkVettedOptions | null): (tree: Root, file: VFile, input: VettedInput) => VettedChanges {
  const resolved = resolveOptions(options)
  const formatDate = dateFormatter(resolved.locale)
  return (tree, file, input) => {
    const report = reportPost(tree, file, resolved, input)
    return report ? renderPost(report, resolved.labels, formatDate, input.editable) : { blocks: [], appended: [] }
  }
}

/**
 * remark-vetted: reports on the post and, where the tree becomes HTML, draws
 * each shown correction at its quote and the Corrections section at the end.
 */
export default function remarkVetted(this: Processor, options?: RemarkVettedOptions | null) {
  const resolved = resolveOptions(options)
  const formatDate = dateFormatter(resolved.locale)
  return (tree: Root, file: VFile) => {
    const report = reportPost(tree, file, resolved, { parsedAs: parsesMdx(this) ? 'mdx' : 'markdown' })
    if (!report || writesMarkdown(this)) return
    tree.children.push(...renderPost(report, resolved.labels, formatDate).appended)
  }
}

/**
 * The report step alone: `file.data.vetted` and the messages, the tree
 * untouched. For linting (remark-cli, the language server) and for a
 * pipeline that renders corrections itself from `file.data.vetted`.
 */
export function remarkVettedReport(this: Processor, options?: RemarkVettedOptions | null) {
  const resolved = resolveOptions(options)
  return (tree: Root, file: VFile) => {
    reportPost(tree, file, resolved, { parsedAs: parsesMdx(this) ? 'mdx' : 'markdown' })
  }
}

/**
 * Whether the pipeline parses MDX (remark-mdx, as @mdx-js/mdx, @astrojs/mdx and
 * Docusaurus add it): one of its mdast-from-markdown extensions builds `mdxjsEsm`.
 */
function parsesMdx(processor: Processor): boolean {
  const extensions = [processor.data('fromMarkdownExtensions') ?? []].flat(Infinity) as Array<{ enter?: Record<string, unknown> }>
  return extensions.some((extension) => extension.enter !== undefined && 'mdxjsEsm' in extension.enter)
}

/**
 * Whether the pipeline writes the tree back as Markdown: remark-stringify is its
 * compiler (remark-cli, the language server, `remark()`) and nothing turns the
 * tree into hast first (remark-rehype). Asked when the transformer runs, once the
 * processor is frozen with every plugin. Should a bundler rename both plugins,
 * the drawn nodes have no Markdown: writing fails, and the author's file stays as
 * it was.
 */
function writesMarkdown(processor: Processor): boolean {
  let stringifies = false
  for (const [plugin] of processor.attachers) {
    if (plugin.name === 'remarkRehype') return false
    if (plugin.name === 'remarkStringify') stringifies = true
  }
  return stringifies
}
