// remark-vetted: read the post's ledger, analyze the post against it
// (@vetted/post), attach each correction that should show to its exact quote,
// draw the markers and the Corrections section, and report what is unsettled.
// The work is done by vettedTransformer() on an mdast tree and a VFile, so that a
// Markdown processor other than unified (Astro's Sätteri, whose tree is
// read-only) runs the same code and applies the blocks it changed.

import { basename, dirname, extname } from 'node:path'
import { VettedInputError, plain, plainLines, type Ledger } from '@vetted/core'
import { analyze, parseFrontmatter, postDate } from '@vetted/post'
import { postFormatOf } from '@vetted/post/internal'
import type { Parent, Root, RootContent } from 'mdast'
import type { TextDirective } from 'mdast-util-directive'
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import type { RemarkVettedOptions, ResolvedOptions } from '../schemas/options.ts'
import { wrapRange } from './attach.ts'
import { loadLedger } from './load-ledger.ts'
import { toMarkdownExtension } from './markdown.ts'
import { report, type NotAttached } from './messages.ts'
import { resolveOptions } from './options.ts'
import { dateFormatter, ids, renderCorrections, renderLog, renderMarker, type RenderContext, type ShownCorrection } from './render.ts'
import type { CorrectionState, VettedData } from './types.ts'

/** What vettedTransformer() drew: the caller puts it in the document. */
export interface VettedChanges {
  /** The editable blocks (paragraphs, table cells) now holding marked claims, in document order. */
  blocks: Parent[]
  /** Nodes for the end of the document: the Corrections section, the correction log. */
  appended: RootContent[]
}

/** How the caller's pipeline read the post, and what it gives the transformer. */
export interface VettedInput {
  /** How the pipeline parsed the text: an `.mdx` post read as Markdown is refused. */
  parsedAs: 'markdown' | 'mdx'
  /**
   * The node to draw a block's marks in: the block itself where the tree may
   * change (the default), or a mutable copy of it where the tree is read-only.
   */
  editable?: (block: Parent) => Parent
  /**
   * With claim detection off (`claims: false`), the part of the tree that holds
   * every block whose text can contain one of `quotes` (the ledger's): where
   * reading the tree costs (Sätteri's), the caller gives only those blocks. Every
   * correction's sentence holds its quote, so the analysis is the same.
   */
  narrow?: (tree: Root, quotes: readonly string[]) => Root
  /** The post's ledger when the caller has read and checked it already (else the option, or the file beside the post). */
  ledger?: { ledger: Ledger; path: string }
}

/**
 * remark-vetted's work on one post, for any pipeline that has its mdast tree:
 * `file` carries the post's path, its text (the one the tree's positions point
 * into) and `data.astro.frontmatter` when the text has none; the result lands in
 * `file.data.vetted` and `file.messages`. The tree is only read; the marks are
 * drawn in `input.editable(block)`, and the caller appends the rest.
 */
export function vettedTransformer(options?: RemarkVettedOptions | null): (tree: Root, file: VFile, input: VettedInput) => VettedChanges {
  const resolved = resolveOptions(options)
  const formatDate = dateFormatter(resolved.locale)
  return (tree, file, input) => {
    if (file.path && postFormatOf(file.path) === 'mdx' && input.parsedAs !== 'mdx') {
      refuseUnparsedMdx(file)
      return { blocks: [], appended: [] }
    }
    return transform(tree, file, resolved, formatDate, input)
  }
}

export default function remarkVetted(this: Processor, options?: RemarkVettedOptions | null) {
  const transformer = vettedTransformer(options)
  // A pipeline that writes Markdown back (remark-cli's `-o`, an editor) prints the
  // author's text, not the corrections drawn into the tree. (remark-stringify
  // types this list; it is not a dependency of this plugin.)
  const data = this.data() as { toMarkdownExtensions?: ToMarkdownExtension[] }
  const extensions = (data.toMarkdownExtensions ??= [])
  if (!extensions.includes(toMarkdownExtension)) extensions.push(toMarkdownExtension)
  return (tree: Root, file: VFile) => {
    const { appended } = transformer(tree, file, { parsedAs: parsesMdx(this) ? 'mdx' : 'markdown' })
    tree.children.push(...appended)
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
 * An `.mdx` post parsed as Markdown (remark-cli without remark-mdx): its import and
 * export lines would be paragraphs and its components HTML, so its claims and ids
 * would not be the ones `vetted check` recorded. One fatal message says what to add.
 */
function refuseUnparsedMdx(file: VFile): void {
  const post = basename(file.path)
  const reason = `${plain(post)} is MDX, but this pipeline parsed it as Markdown: add remark-mdx before remark-vetted (its import and export lines and components are not prose)`
  const message = file.message(reason, { ruleId: 'mdx-not-parsed', source: 'vetted' })
  message.fatal = true
  message.expected = ['remark-mdx in the pipeline']
  file.data.vetted = { post, claims: [], unchecked: [], corrections: [], stale: [], back: [], fixed: [] }
}

function transform(
  tree: Root,
  file: VFile,
  options: ResolvedOptions,
  formatDate: RenderContext['formatDate'],
  input: VettedInput,
): VettedChanges {
  const post = file.path ? basename(file.path) : 'post.md'
  const prefix = options.idPrefix ?? (file.path ? slug(file.path) : 'vetted')
  const context: RenderContext = { prefix, labels: options.labels, formatDate }
  const source = String(file.value ?? '')
  const date = postDateOf(source, file, options.dateKeys)

  let ledger: Ledger
  let ledgerPath: string | undefined
  try {
    const loaded = input.ledger ?? loadLedger(file, options.ledger, post)
    ledger = loaded.ledger
    ledgerPath = loaded.path
  } catch (error) {
    if (!(error instanceof VettedInputError)) throw error
    // No place: the line and column are the ledger's (in the reason), not the post's.
    const message = file.message(plain(error.message), { ruleId: 'invalid-ledger', source: 'vetted', cause: plainStacks(error) })
    message.fatal = true
    if (error.expected) message.expected = [error.expected]
    file.data.vetted = { post, ...(date ? { date } : {}), claims: [], unchecked: [], corrections: [], stale: [], back: [], fixed: [] }
    return { blocks: [], appended: [] }
  }

  const quotes = () =>
    Object.values(ledger.corrections).flatMap((correction) => (correction.status === 'rejected' ? [] : [correction.quote]))
  const analysis = analyze(!options.claims && input.narrow ? input.narrow(tree, quotes()) : tree, source, ledger, {
    claims: options.claims,
    ...(options.checker ? { checker: options.checker } : {}),
    ...(options.detect ? { detect: options.detect } : {}),
    ...(date ? { date } : {}),
  })
  const render = new Set<CorrectionState['status']>(options.preview ? [...options.render, 'open'] : options.render)
  const states: CorrectionState[] = analysis.corrections.map(({ location: _location, ...placed }) => ({
    ...placed,
    shown: placed.start !== undefined && render.has(placed.status),
  }))
  const notAttached: NotAttached[] = analysis.quoteNotInClaim.map(({ correction, claim }) => ({
    correction,
    place: { start: claim.start, end: claim.end },
  }))

  // Number shown corrections in document order; a quote overlapping an earlier one is not attached.
  const shown = analysis.corrections
    .map((placed, index) => ({ placed, state: states[index]! }))
    .filter(({ state }) => state.shown)
    .sort((a, b) => a.placed.location!.sourceStart - b.placed.location!.sourceStart)
  const attached: typeof shown = []
  for (const entry of shown) {
    const previous = attached.at(-1)
    if (previous && entry.placed.location!.sourceStart < previous.placed.location!.sourceEnd) {
      entry.state.shown = false
      notAttached.push({
        correction: entry.state.correction,
        overlaps: previous.state.correction,
        place: { start: entry.state.start!, end: entry.state.end! },
      })
      continue
    }
    attached.push(entry)
  }
  const cards: ShownCorrection[] = attached.map(({ state }, index) => {
    state.number = index + 1
    state.anchor = ids(prefix, index + 1).card
    return {
      correction: state.correction,
      number: index + 1,
      open: state.correction.status === 'open',
      ...(state.sentence ? { sentence: state.sentence } : {}),
    }
  })
  // Attach from the end so that earlier plain-text offsets stay valid.
  const editable = new Map<Parent, Parent>()
  for (let index = attached.length - 1; index >= 0; index--) {
    const { block, start, end } = attached[index]!.placed.location!
    let node = editable.get(block.node)
    if (!node) editable.set(block.node, (node = input.editable ? input.editable(block.node) : block.node))
    const directive: TextDirective = {
      type: 'textDirective',
      name: 'correction',
      attributes: { id: cards[index]!.correction.id },
      children: [],
    }
    wrapRange(node, start, end, directive)
    const siblings = node.children
    siblings.splice(siblings.indexOf(directive), 1, renderMarker(directive, context, cards[index]!))
  }
  const appended: RootContent[] = []
  if (cards.length > 0) appended.push(renderCorrections(context, cards))
  if (analysis.fixed.length > 0) appended.push(renderLog(context, analysis.fixed))

  const data: VettedData = {
    post,
    ...(ledgerPath ? { ledgerPath } : {}),
    ...(date ? { date } : {}),
    claims: analysis.claims,
    unchecked: analysis.unchecked,
    corrections: states,
    stale: analysis.stale,
    back: analysis.back,
    fixed: analysis.fixed,
  }
  file.data.vetted = data
  report(file, data, notAttached)
  return { blocks: [...editable.values()].reverse(), appended }
}

/**
 * `error` with its stack, and its causes' stacks, written through plainLines():
 * vfile-reporter prints a message's cause as its stack (which starts with the
 * message: a ledger's path and JSON path, an operating system's error) and then
 * that cause's cause.
 */
function plainStacks(error: Error): Error {
  let at: unknown = error
  for (let depth = 0; at instanceof Error && depth < 10; depth++, at = at.cause) at.stack = plainLines(at.stack ?? at.message)
  return error
}

/**
 * The ids' prefix, from the post's name. An `index` file is named by its folder
 * (`blog/2021-08-26-welcome/index.mdx`, as Docusaurus and Hugo bundle posts), so
 * that two such posts on one page (a blog's list of excerpts) share no id.
 */
function slug(path: string): string {
  const folder = basename(dirname(path))
  const own = basename(path, extname(path))
  const stem = own.toLowerCase() === 'index' && folder !== '.' && folder !== '' ? folder : own
  const cleaned = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return /^[a-z]/.test(cleaned) ? cleaned : `vetted-${cleaned || 'post'}`
}

/**
 * The post's date (YYYY-MM-DD): from the frontmatter of the source as the author
 * wrote it, else from the frontmatter Astro parsed (a content collection renders
 * the body alone). Invalid YAML is Astro's or the pipeline's error to report.
 */
function postDateOf(source: string, file: VFile, keys: readonly string[]): string | undefined {
  // With no date key, the post's own name may carry its day (Docusaurus: 2021-08-26-welcome.md), as `vetted check` reads it.
  const path = file.path || undefined
  try {
    const own = parseFrontmatter(source, file.path ?? 'post.md')
    const date = own ? postDate(own, keys, path).date : undefined
    if (date) return date
  } catch (error) {
    if (!(error instanceof VettedInputError)) throw error
  }
  const astro = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter
  return postDate(astro ? { data: astro, lines: new Map() } : undefined, keys, path).date
}
