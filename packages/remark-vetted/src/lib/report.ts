// The report step: read the post's ledger, analyze the post against it
// (@vetted/post), decide which corrections show and where, and report what is
// unsettled as vfile messages. It only reads the tree: what it decided goes to
// `file.data.vetted` (public) and to the VettedReport the render step draws from.

import { basename, dirname, extname } from 'node:path'
import { VettedInputError, plain, plainLines, type Ledger } from '@vetted/core'
import { analyze, parseFrontmatter, postDate, type QuoteLocation } from '@vetted/post'
import { postFormatOf } from '@vetted/post/internal'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { ResolvedOptions } from '../schemas/options.ts'
import { loadLedger } from './load-ledger.ts'
import { report, ruleUrl, type NotAttached, type RuleId } from './messages.ts'
import { ids, type FixedEntry, type ShownCorrection } from './render.ts'
import type { CorrectionState, VettedData } from './types.ts'

/** How the caller's pipeline read the post, and what it gives the report step. */
export interface ReportInput {
  /** How the pipeline parsed the text: an `.mdx` post read as Markdown is refused. */
  parsedAs: 'markdown' | 'mdx'
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

/** What the render step draws: the shown corrections at their quotes, in document order, and the correction log. */
export interface VettedReport {
  /** Prefix of every id in the post's HTML. */
  prefix: string
  /** Shown corrections, numbered 1.. in document order, each with its quote's place in the tree. */
  shown: Array<{ card: ShownCorrection; location: QuoteLocation }>
  fixed: FixedEntry[]
}

/**
 * Report on one post: `file` carries its path, its text (the one the tree's
 * positions point into) and `data.astro.frontmatter` when the text has none.
 * Leaves `file.data.vetted` and the messages; never changes the tree. Returns
 * what to draw, or undefined when nothing can be (a broken ledger, unparsed MDX).
 */
export function reportPost(tree: Root, file: VFile, options: ResolvedOptions, input: ReportInput): VettedReport | undefined {
  const post = file.path ? basename(file.path) : 'post.md'
  if (file.path && postFormatOf(file.path) === 'mdx' && input.parsedAs !== 'mdx') {
    refuseUnparsedMdx(file, post)
    return undefined
  }
  const prefix = options.idPrefix ?? (file.path ? slug(file.path) : 'vetted')
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
    refuse(file, post, date, 'invalid-ledger', plain(error.message), error.expected, plainStacks(error))
    return undefined
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
  const candidates = analysis.corrections
    .map((placed, index) => ({ location: placed.location!, state: states[index]! }))
    .filter(({ state }) => state.shown)
    .sort((a, b) => a.location.sourceStart - b.location.sourceStart)
  const shown: VettedReport['shown'] = []
  for (const { location, state } of candidates) {
    const previous = shown.at(-1)
    if (previous && location.sourceStart < previous.location.sourceEnd) {
      state.shown = false
      notAttached.push({
        correction: state.correction,
        overlaps: previous.card.correction,
        place: { start: state.start!, end: state.end! },
      })
      continue
    }
    const number = shown.length + 1
    state.number = number
    state.anchor = ids(prefix, number).card
    const card: ShownCorrection = {
      correction: state.correction,
      number,
      open: state.correction.status === 'open',
      ...(state.sentence ? { sentence: state.sentence } : {}),
    }
    shown.push({ card, location })
  }

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
  return { prefix, shown, fixed: analysis.fixed }
}

/**
 * An `.mdx` post parsed as Markdown (remark-cli without remark-mdx): its import and
 * export lines would be paragraphs and its components HTML, so its claims and ids
 * would not be the ones `vetted check` recorded. One fatal message says what to add.
 */
function refuseUnparsedMdx(file: VFile, post: string): void {
  const reason = `${plain(post)} is MDX, but this pipeline parsed it as Markdown: add remark-mdx before remark-vetted (its import and export lines and components are not prose)`
  refuse(file, post, undefined, 'mdx-not-parsed', reason, 'remark-mdx in the pipeline')
}

/** One fatal message (nothing is drawn), and data that lists nothing: the post could not be read against its ledger. */
function refuse(
  file: VFile,
  post: string,
  date: string | undefined,
  ruleId: RuleId,
  reason: string,
  expected: string | undefined,
  cause?: Error,
): void {
  const message = file.message(reason, { ruleId, source: 'vetted', ...(cause ? { cause } : {}) })
  message.fatal = true
  message.url = ruleUrl(ruleId)
  if (expected) message.expected = [expected]
  file.data.vetted = { post, ...(date ? { date } : {}), claims: [], unchecked: [], corrections: [], stale: [], back: [], fixed: [] }
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
