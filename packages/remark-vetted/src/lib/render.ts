// The HTML of a correction, as the mdast-to-hast step will produce it. The quoted
// span is a `correction` textDirective that becomes <mark>; after it come the
// numbered reference (a footnote-style link to the card), the popover button and
// the popover. At the end of the document: the Corrections section of cards and
// the correction log. The markup follows GFM footnotes: ids prefixed per
// document, aria-describedby on the reference, labelled back-links.

import { MANUAL_CHECKER, type Correction } from '@vetted/core'
import type { Element, ElementContent } from 'hast'
import type { TextDirective } from 'mdast-util-directive'
import { isHttpUrl } from '@vetted/core'
import { EXTERNAL_REL, domainOf, formatDate, h } from './hast.ts'
import { reasoningToHast } from './reasoning.ts'
import type { VettedHast } from './types.ts'

export interface ShownCorrection {
  correction: Correction
  number: number
  /** Shown in the author's preview only: not published. */
  open: boolean
}

export interface FixedEntry {
  correction: Correction
  date: string
}

const POPOVER: string = 'popover'

export const ids = (prefix: string, n: number) => ({
  claim: `${prefix}-claim-${n}`,
  ref: `${prefix}-ref-${n}`,
  pop: `${prefix}-pop-${n}`,
  card: `${prefix}-correction-${n}`,
  label: `${prefix}-corrections-label`,
  log: `${prefix}-log-label`,
})

/** An mdast node that becomes exactly this hast (mdast-util-to-hast's hName/hChildren). */
function hastNode(element: Element): VettedHast {
  return { type: 'vettedHast', data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children } }
}

/** Turn the directive into the marked claim, and return the nodes that follow it. */
export function renderMarker(directive: TextDirective, prefix: string, shown: ShownCorrection): VettedHast[] {
  const { number: n, correction, open } = shown
  const id = ids(prefix, n)
  const status = open ? 'open correction, not published' : correction.status === 'dismiss' ? 'correction disputed by the author' : 'corrected'
  directive.data = {
    hName: 'mark',
    hProperties: { className: open ? ['vetted-claim', 'vetted-open'] : ['vetted-claim'], id: id.claim },
  }
  directive.children.push(hastNode(h('span', { className: ['vetted-sr-only'] }, [` (${status}, see correction ${n})`])))
  return [
    hastNode(
      h('sup', { className: ['vetted-ref'] }, [
        h('a', { href: `#${id.card}`, id: id.ref, dataVettedRef: true, ariaDescribedBy: [id.label] }, [String(n)]),
      ]),
    ),
    hastNode(
      h('button', { type: 'button', className: ['vetted-pop'], popoverTarget: id.pop, ariaLabel: `Correction ${n}: ${correction.summary}` }, [
        'ⓘ',
      ]),
    ),
    hastNode(
      // `popover` as a bare attribute (the auto state); @types/hast types it as a string only.
      h('span', { className: ['vetted-popover'], id: id.pop, [POPOVER]: true, role: 'note' }, [
        ...(open ? [h('strong', {}, ['Open correction (not published): '])] : []),
        `${correction.summary} `,
        h('a', { href: `#${id.card}` }, ['Full correction']),
      ]),
    ),
  ]
}

function card(prefix: string, shown: ShownCorrection): Element {
  const { number: n, correction, open } = shown
  const id = ids(prefix, n)
  const sources = correction.sources
  const checker =
    correction.checker.model === MANUAL_CHECKER ? 'Reviewed by an editor on ' : `Checked by ${correction.checker.model} on `
  return h('li', { id: id.card, className: ['vetted-card'], dataVettedId: correction.id, dataVettedStatus: open ? 'open' : correction.status }, [
    ...(open ? [h('p', { className: ['vetted-card-status'] }, ['Open correction (not published)'])] : []),
    h('blockquote', { className: ['vetted-card-claim'] }, [h('p', {}, [correction.quote])]),
    h('p', { className: ['vetted-card-summary'] }, [correction.summary]),
    // Shown only when a site renders dismissals: the author's reason goes with it.
    ...(correction.status === 'dismiss' && correction.note ? [h('p', { className: ['vetted-card-note'] }, ['The author disagrees: ', correction.note])] : []),
    h('details', { className: ['vetted-card-reasoning'] }, [h('summary', {}, ['Full reasoning']), ...reasoningToHast(correction.reasoning)]),
    ...(sources.length > 0
      ? [
          h('details', { className: ['vetted-card-sources'] }, [
            h('summary', {}, [sources.length === 1 ? '1 source' : `${sources.length} sources`]),
            h(
              'ul',
              {},
              sources.map((source) =>
                h('li', {}, [
                  isHttpUrl(source.url)
                    ? h('a', { href: source.url, rel: EXTERNAL_REL }, [source.title])
                    : h('span', {}, [source.title]),
                  ...(isHttpUrl(source.url) ? [' ', h('span', { className: ['vetted-card-domain'] }, [domainOf(source.url)])] : []),
                  ...(source.quote ? [h('blockquote', {}, [h('p', {}, [source.quote])])] : []),
                ]),
              ),
            ),
          ]),
        ]
      : []),
    h('p', { className: ['vetted-card-checker'] }, [checker, h('time', { dateTime: correction.checker.date }, [formatDate(correction.checker.date)])]),
    h('a', { href: `#${id.ref}`, className: ['vetted-backref'], ariaLabel: `Back to the claim of correction ${n}` }, ['↩']),
  ])
}

/** The Corrections section at the end of the document. */
export function renderCorrections(prefix: string, shown: ShownCorrection[]): VettedHast {
  const label = ids(prefix, 0).label
  return hastNode(
    h('section', { className: ['vetted-corrections'], ariaLabelledBy: [label] }, [
      h('h2', { id: label }, ['Corrections']),
      h('ol', {}, shown.map((entry) => card(prefix, entry))),
    ]),
  )
}

/** "Corrected on DATE" entries for claims the author rewrote after publishing. */
export function renderLog(prefix: string, fixed: FixedEntry[]): VettedHast {
  const label = ids(prefix, 0).log
  return hastNode(
    h('section', { className: ['vetted-log'], ariaLabelledBy: [label] }, [
      h('h2', { id: label }, ['Correction log']),
      h(
        'ul',
        {},
        fixed.map(({ correction, date }) =>
          h('li', { dataVettedId: correction.id }, [
            'Corrected on ',
            h('time', { dateTime: date }, [formatDate(date)]),
            ': “',
            correction.quote,
            '” — ',
            correction.summary,
          ]),
        ),
      ),
    ]),
  )
}

export type { ElementContent }
