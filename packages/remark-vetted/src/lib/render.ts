// The render step, and the HTML of a correction as the mdast-to-hast step will
// produce it. It draws what the report step (report.ts) decided, and only where
// the post becomes HTML: it changes the tree (quotes wrapped, emphasis split,
// rendering-only nodes), which a pipeline writing Markdown must not print. The quoted
// span is a `correction` textDirective that becomes <mark>; after it come the
// numbered reference (a footnote-style link to the card), the popover button and
// the popover, all four in a <span class="vetted-marker">: the popover's anchor
// (CSS anchor positioning, scoped to it), so that the popover opens beside its
// claim and never over it. At the end of the document: the Corrections section of cards and the
// correction log. The markup follows GFM footnotes: ids prefixed per document,
// aria-describedby on the reference, labelled back-links. Every text from a
// ledger goes in as a text node or a property value (the serializer escapes
// both), without bidirectional controls and inside <bdi> (or an element with
// dir="auto"), so that it cannot reorder the text around it. The card uses
// elements themes leave alone (div, p, span: no blockquote, no mark), so that a
// theme's quote and highlight styles stay out of it.

import { MANUAL_CHECKER, type Correction } from '@vetted/core'
import { isPublishableUrl, withoutBidiControls } from '@vetted/core/internal'
import type { QuotedSentence } from '@vetted/post'
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Parent, RootContent } from 'mdast'
import type { TextDirective } from 'mdast-util-directive'
import type { Labels } from '../schemas/labels.ts'
import { wrapRange } from './attach.ts'
import { EXTERNAL_REL, reasoningToHast } from './reasoning.ts'
import type { VettedReport } from './report.ts'
import type { VettedHast, VettedMarker } from './types.ts'

export interface ShownCorrection {
  correction: Correction
  number: number
  /** Shown in the author's preview only: not published. */
  open: boolean
  /** The claim's sentence with the quote's place in it: the card shows it whole, the quote marked. */
  sentence?: QuotedSentence
}

export interface FixedEntry {
  correction: Correction
  date: string
}

/** What every rendered piece of one document shares. */
export interface RenderContext {
  /** Prefix of every id. */
  prefix: string
  labels: Labels
  /** A YYYY-MM-DD date as readers read it. */
  formatDate: (date: string) => string
}

export const ids = (prefix: string, n: number) => ({
  claim: `${prefix}-claim-${n}`,
  ref: `${prefix}-ref-${n}`,
  pop: `${prefix}-pop-${n}`,
  card: `${prefix}-correction-${n}`,
  label: `${prefix}-corrections-label`,
  log: `${prefix}-log-label`,
})

/** A label with its `{name}` placeholders filled in. */
function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/** One `Intl.DateTimeFormat` per plugin: "5 April 2026" in `en-GB`; text that is no date stays as it is. */
export function dateFormatter(locale: string): (date: string) => string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  return (date) => {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN
    return Number.isNaN(time) ? date : format.format(time)
  }
}

/** Text from a ledger or a model, isolated from the text around it. */
function isolated(text: string): Element {
  return h('bdi', withoutBidiControls(text))
}

/** An mdast node that becomes exactly this hast (mdast-util-to-hast's hName/hChildren). */
function hastNode(element: Element): VettedHast {
  return { type: 'vettedHast', data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children } }
}

/** What the render step drew: the caller puts it in the document. */
export interface VettedChanges {
  /** The editable blocks (paragraphs, table cells) now holding marked claims, in document order. */
  blocks: Parent[]
  /** Nodes for the end of the document: the Corrections section, the correction log. */
  appended: RootContent[]
}

/**
 * The render step: draw what the report step decided. Each shown correction's
 * quote is wrapped in its marker inside `editable(block)` (the block itself
 * where the tree may change, a mutable copy where it is read-only); the
 * Corrections section and the correction log are returned for the end of the
 * document.
 */
export function renderPost(
  report: VettedReport,
  labels: Labels,
  formatDate: RenderContext['formatDate'],
  editable: (block: Parent) => Parent = (block) => block,
): VettedChanges {
  const context: RenderContext = { prefix: report.prefix, labels, formatDate }
  const drawn = new Map<Parent, Parent>()
  // From the end, so that earlier plain-text offsets in a block stay valid.
  for (let index = report.shown.length - 1; index >= 0; index--) {
    const { card, location } = report.shown[index]!
    let node = drawn.get(location.block.node)
    if (!node) drawn.set(location.block.node, (node = editable(location.block.node)))
    const directive: TextDirective = { type: 'textDirective', name: 'correction', attributes: { id: card.correction.id }, children: [] }
    wrapRange(node, location.start, location.end, directive)
    const siblings = node.children
    siblings.splice(siblings.indexOf(directive), 1, renderMarker(directive, context, card))
  }
  const appended: RootContent[] = []
  if (report.shown.length > 0)
    appended.push(
      renderCorrections(
        context,
        report.shown.map(({ card }) => card),
      ),
    )
  if (report.fixed.length > 0) appended.push(renderLog(context, report.fixed))
  return { blocks: [...drawn.values()].reverse(), appended }
}

/** Turn the directive into the marked claim, and return the marker that holds it, its reference, popover button and popover. */
export function renderMarker(directive: TextDirective, context: RenderContext, shown: ShownCorrection): VettedMarker {
  const { number: n, correction, open } = shown
  const { labels } = context
  const id = ids(context.prefix, n)
  const marked = open ? labels.markedOpen : correction.status === 'dismiss' ? labels.markedDisputed : labels.markedCorrected
  directive.data = {
    hName: 'mark',
    hProperties: { className: open ? ['vetted-claim', 'vetted-open'] : ['vetted-claim'], id: id.claim },
  }
  directive.children.push(hastNode(h('span.vetted-sr-only', ` (${fill(marked, { n })})`)))
  const marker: VettedMarker = {
    type: 'vettedMarker',
    data: { hName: 'span', hProperties: { className: ['vetted-marker'] } },
    children: [
      directive,
      hastNode(h('sup.vetted-ref', h('a', { href: `#${id.card}`, id: id.ref, dataVettedRef: true, ariaDescribedBy: id.label }, String(n)))),
      hastNode(
        h(
          'button',
          {
            type: 'button',
            className: ['vetted-pop'],
            popoverTarget: id.pop,
            ariaLabel: withoutBidiControls(fill(labels.popoverButton, { n, summary: correction.summary })),
          },
          'ⓘ',
        ),
      ),
      // `popover="auto"`, a string: React (Docusaurus, Next.js) drops `popover={true}`, and the popover would be text in the sentence.
      hastNode(
        h('span.vetted-popover', { id: id.pop, popover: 'auto', role: 'note' }, [
          open ? h('strong', `${labels.openCorrection}: `) : undefined,
          isolated(correction.summary),
          ' ',
          h('a', { href: `#${id.card}` }, labels.fullCorrection),
        ]),
      ),
    ],
  }
  return marker
}

function card(context: RenderContext, shown: ShownCorrection): Element {
  const { number: n, correction, open } = shown
  const { labels } = context
  const id = ids(context.prefix, n)
  const sources = correction.sources
  const checker =
    correction.checker.model === MANUAL_CHECKER ? [labels.reviewedBy] : fillIsolated(labels.checkedBy, { model: correction.checker.model })
  return h(
    'li',
    { id: id.card, className: ['vetted-card'], dataVettedId: correction.id, dataVettedStatus: open ? 'open' : correction.status },
    [
      open ? h('p.vetted-card-status', labels.openCorrection) : undefined,
      h('div.vetted-card-claim', h('p', sentenceWithQuote(shown.sentence, correction.quote))),
      h('p.vetted-card-summary', { dir: 'auto' }, withoutBidiControls(correction.summary)),
      // Shown only when a site renders dismissals: the author's reason goes with it.
      correction.status === 'dismiss' && correction.note
        ? h('p.vetted-card-note', `${labels.authorDisagrees} `, isolated(correction.note))
        : undefined,
      h(
        'details.vetted-card-reasoning',
        h('summary', labels.fullReasoning),
        h('div.vetted-card-reasoning-text', { dir: 'auto' }, reasoningToHast(correction.reasoning)),
      ),
      sources.length > 0
        ? h('details.vetted-card-sources', [
            h('summary', sources.length === 1 ? labels.oneSource : fill(labels.sources, { count: sources.length })),
            h(
              'ul',
              sources.map((source) =>
                h('li', [
                  // A URL that may not be published (a ledger that skipped validation) is never a link.
                  isPublishableUrl(source.url)
                    ? h('a', { href: source.url, rel: EXTERNAL_REL }, isolated(source.title))
                    : isolated(source.title),
                  // The domain in punycode, left to right, isolated: no title can reorder it.
                  isPublishableUrl(source.url) ? [' ', h('span.vetted-card-domain', { dir: 'ltr' }, domainOf(source.url))] : undefined,
                  source.quote ? h('p.vetted-card-quote', ['“', isolated(source.quote), '”']) : undefined,
                ]),
              ),
            ),
          ])
        : undefined,
      h('p.vetted-card-checker', [
        ...checker,
        ' ',
        h('time', { dateTime: correction.checker.date }, context.formatDate(correction.checker.date)),
      ]),
      h('a', { href: `#${id.ref}`, className: ['vetted-backref'], ariaLabel: fill(labels.backToClaim, { n }) }, '↩'),
    ],
  )
}

/** The whole sentence with the quoted words marked; the quote alone when the sentence is not known. */
export function sentenceWithQuote(sentence: QuotedSentence | undefined, quote: string): ElementContent[] {
  if (!sentence) return [isolated(quote)]
  const { text, quoteStart, quoteEnd } = sentence
  const before = text.slice(0, quoteStart)
  const after = text.slice(quoteEnd)
  return [
    ...(before ? [{ type: 'text' as const, value: before }] : []),
    h('span.vetted-card-quoted', text.slice(quoteStart, quoteEnd)),
    ...(after ? [{ type: 'text' as const, value: after }] : []),
  ]
}

/** The Corrections section at the end of the document. */
export function renderCorrections(context: RenderContext, shown: ShownCorrection[]): VettedHast {
  const label = ids(context.prefix, 0).label
  return hastNode(
    h('section.vetted-corrections', { ariaLabelledBy: label }, [
      h('h2', { id: label }, context.labels.corrections),
      h(
        'ol',
        shown.map((entry) => card(context, entry)),
      ),
    ]),
  )
}

/** "Corrected on DATE" entries for claims the author rewrote after publishing. */
export function renderLog(context: RenderContext, fixed: FixedEntry[]): VettedHast {
  const label = ids(context.prefix, 0).log
  return hastNode(
    h('section.vetted-log', { ariaLabelledBy: label }, [
      h('h2', { id: label }, context.labels.correctionLog),
      h(
        'ul',
        fixed.map(({ correction, date }) =>
          h('li', { dataVettedId: correction.id }, [
            `${context.labels.correctedOn} `,
            h('time', { dateTime: date }, context.formatDate(date)),
            ': “',
            isolated(correction.quote),
            '” — ',
            isolated(correction.summary),
          ]),
        ),
      ),
    ]),
  )
}

/** A label with its `{name}` placeholders filled in with isolated text from a ledger. */
function fillIsolated(label: string, values: Record<string, string>): ElementContent[] {
  return label.split(/(\{\w+\})/).flatMap((part): ElementContent[] => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    if (name !== undefined && name in values) return [isolated(values[name]!)]
    return part ? [{ type: 'text', value: part }] : []
  })
}

/** `www.example.org` -> `example.org` (in punycode, as the URL parser writes it). */
function domainOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '')
}
