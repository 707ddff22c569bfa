// remark-vetted: read the post's ledger, detect its claims, report what is
// unsettled, attach each correction that should show to its exact quote, and
// draw the markers and the Corrections section.

import { basename, extname } from 'node:path'
import {
  LineIndex,
  VettedInputError,
  blankFrontmatter,
  collectProse,
  detectClaimsInProse,
  frontmatterDate,
  isChecked,
  type Claim,
  type Correction,
  type CorrectionStatus,
  type Ledger,
} from '@vetted/core'
import type { Root } from 'mdast'
import type { TextDirective } from 'mdast-util-directive'
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import type { RemarkVettedOptions, ResolvedOptions } from '../schemas/options.ts'
import { wrapRange } from './attach.ts'
import { loadLedger } from './load-ledger.ts'
import { QuoteLocator, type QuoteLocation } from './locate.ts'
import { toMarkdownExtension } from './markdown.ts'
import { report, type NotAttached } from './messages.ts'
import { resolveOptions } from './options.ts'
import { dateFormatter, ids, renderCorrections, renderLog, renderMarker, type FixedEntry, type RenderContext, type ShownCorrection } from './render.ts'
import type { CorrectionState, VettedData, VettedPageData } from './types.ts'

export default function remarkVetted(this: Processor, options?: RemarkVettedOptions | null) {
  const resolved = resolveOptions(options)
  // A pipeline that writes Markdown back (remark-cli's `-o`, an editor) prints the
  // author's text, not the corrections drawn into the tree. (remark-stringify
  // types this list; it is not a dependency of this plugin.)
  const data = this.data() as { toMarkdownExtensions?: ToMarkdownExtension[] }
  const extensions = (data.toMarkdownExtensions ??= [])
  if (!extensions.includes(toMarkdownExtension)) extensions.push(toMarkdownExtension)
  const formatDate = dateFormatter(resolved.locale)
  return (tree: Root, file: VFile) => transform(tree, file, resolved, formatDate)
}

function transform(tree: Root, file: VFile, options: ResolvedOptions, formatDate: RenderContext['formatDate']): void {
  const post = file.path ? basename(file.path) : 'post.md'
  const prefix = options.idPrefix ?? (file.path ? slug(post) : 'vetted')
  const context: RenderContext = { prefix, labels: options.labels, formatDate }
  const source = String(file.value ?? '')
  const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter
  const date = frontmatterDate(blankFrontmatter(source).frontmatter) ?? isoDay(frontmatter?.['date'] ?? frontmatter?.['pubDate'])

  let ledger: Ledger
  let ledgerPath: string | undefined
  try {
    const loaded = loadLedger(file, options.ledger, post)
    ledger = loaded.ledger
    ledgerPath = loaded.path
  } catch (error) {
    if (!(error instanceof VettedInputError)) throw error
    // No place: the line and column are the ledger's (in the reason), not the post's.
    const message = file.message(error.message, { ruleId: 'invalid-ledger', source: 'vetted', cause: error })
    message.fatal = true
    if (error.expected) message.expected = [error.expected]
    file.data.vetted = { post, ...(date ? { date } : {}), claims: [], unchecked: [], corrections: [], stale: [] }
    return
  }

  const blocks = collectProse(tree, source)
  const claims = options.claims ? detectClaimsInProse(blocks, source, options.detect) : []
  const unchecked = claims.filter((claim) => !isChecked(ledger.claims[claim.fingerprint], options.checker))
  const claimByFingerprint = new Map<string, Claim>()
  for (const claim of claims) if (!claimByFingerprint.has(claim.fingerprint)) claimByFingerprint.set(claim.fingerprint, claim)

  const render = new Set<CorrectionStatus>(options.preview ? [...options.render, 'open'] : options.render)
  const locator = new QuoteLocator(blocks)
  const lines = new LineIndex(source)
  const states: Array<CorrectionState & { location?: QuoteLocation }> = []
  const stale: Correction[] = []
  const notFound: NotAttached[] = []
  // Where each quote stands: in its claim while the claim is in the post, else anywhere.
  const located: Array<{ correction: Correction; claim?: Claim; location?: QuoteLocation }> = []
  for (const correction of Object.values(ledger.corrections)) {
    if (correction.status === 'rejected' || correction.status === 'fixed') {
      located.push({ correction })
      continue
    }
    const claim = claimByFingerprint.get(correction.claim)
    const location = claim
      ? locator.inClaim(correction.quote, claim)
      : locator.find(options.claims ? { quote: correction.quote } : { quote: correction.quote, sentence: correction.claim })
    located.push({ correction, ...(claim ? { claim } : {}), ...(location ? { location } : {}) })
  }

  for (const { correction, claim, location } of located) {
    if (correction.status === 'rejected' || correction.status === 'fixed') {
      states.push({ correction, status: correction.status, shown: false })
      continue
    }
    // A dismissed correction is located (for reports, and for sites that show
    // dismissals) but never stale: its quote may go without anything to record.
    if (!location && correction.status === 'dismiss') {
      states.push({ correction, status: 'dismiss', shown: false })
      continue
    }
    if (!location) {
      if (claim) notFound.push({ correction, place: { start: claim.start, end: claim.end } })
      else stale.push(correction)
      states.push({ correction, status: claim ? correction.status : 'fixed', shown: false })
      continue
    }
    states.push({
      correction,
      status: correction.status,
      shown: render.has(correction.status),
      start: lines.position(location.sourceStart),
      end: lines.position(location.sourceEnd),
      location,
    })
  }

  // Number shown corrections in document order; a quote overlapping an earlier one is not attached.
  const shown = states.filter((state) => state.shown).sort((a, b) => a.location!.sourceStart - b.location!.sourceStart)
  let lastEnd = -1
  const attached: Array<CorrectionState & { location?: QuoteLocation }> = []
  for (const state of shown) {
    if (state.location!.sourceStart < lastEnd) {
      state.shown = false
      notFound.push({ correction: state.correction, overlaps: attached.at(-1)!.correction, place: { start: state.start!, end: state.end! } })
      continue
    }
    lastEnd = state.location!.sourceEnd
    attached.push(state)
  }
  attached.forEach((state, index) => {
    state.number = index + 1
    state.anchor = ids(prefix, index + 1).card
  })
  // Attach from the end so that earlier plain-text offsets stay valid.
  for (const state of [...attached].reverse()) {
    const { block, start, end } = state.location!
    const directive: TextDirective = { type: 'textDirective', name: 'correction', attributes: { id: state.correction.id }, children: [] }
    wrapRange(block.node, start, end, directive)
    const entry: ShownCorrection = { correction: state.correction, number: state.number!, open: state.correction.status === 'open' }
    const siblings = block.node.children
    siblings.splice(siblings.indexOf(directive) + 1, 0, ...renderMarker(directive, context, entry))
  }
  if (attached.length > 0) {
    tree.children.push(
      renderCorrections(
        context,
        attached.map((state) => ({ correction: state.correction, number: state.number!, open: state.correction.status === 'open' })),
      ),
    )
  }
  const fixed = fixedLog(ledger, date)
  if (fixed.length > 0) tree.children.push(renderLog(context, fixed))

  const corrections: CorrectionState[] = states.map(({ location: _location, ...state }) => state)
  const data: VettedData = { post, ...(ledgerPath ? { ledgerPath } : {}), ...(date ? { date } : {}), claims, unchecked, corrections, stale }
  file.data.vetted = data
  setPageData(file, data, fixed, claimByFingerprint)
  report(file, data, notFound, claimByFingerprint)
}

/** Fixed corrections whose fix came after the post's date: the "Corrected on" log. */
function fixedLog(ledger: Ledger, postDate: string | undefined): FixedEntry[] {
  const entries: FixedEntry[] = []
  for (const correction of Object.values(ledger.corrections)) {
    if (correction.status !== 'fixed') continue
    const date = [...correction.history].reverse().find((event) => event.status === 'fixed')?.date
    if (!date || !postDate || date <= postDate) continue
    entries.push({ correction, date })
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

function setPageData(file: VFile, data: VettedData, fixed: FixedEntry[], claims: Map<string, Claim>): void {
  const page: VettedPageData = {
    corrections: data.corrections
      .filter((state) => state.shown)
      .sort((a, b) => a.number! - b.number!)
      .map(({ correction, number, anchor, status, start }) => ({
        id: correction.id,
        number: number!,
        anchor: anchor!,
        status,
        quote: correction.quote,
        summary: correction.summary,
        reasoning: correction.reasoning,
        sources: correction.sources,
        checker: correction.checker,
        line: start!.line,
      })),
    fixed: fixed.map(({ correction, date }) => ({ id: correction.id, quote: correction.quote, summary: correction.summary, date })),
    open: data.corrections
      .filter((state) => state.correction.status === 'open' && state.status === 'open')
      .map(({ correction, start }) => {
        // A quote no longer in its claim is still open: point at the claim.
        const place = start ?? claims.get(correction.claim)?.start
        return {
          id: correction.id,
          ...(place ? { line: place.line, column: place.column } : {}),
          quote: correction.quote,
          summary: correction.summary,
        }
      }),
  }
  const holder = file.data as { astro?: { frontmatter?: Record<string, unknown> } }
  holder.astro ??= {}
  holder.astro.frontmatter ??= {}
  holder.astro.frontmatter['vetted'] = page
}

function slug(post: string): string {
  const stem = basename(post, extname(post))
  const cleaned = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return /^[a-z]/.test(cleaned) ? cleaned : `vetted-${cleaned || 'post'}`
}

function isoDay(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  return undefined
}
