// analyze: a correction stands only in its own sentence; a sentence that still
// holds the quote of a gone correction is a claim to check, selected or not.

import { emptyLedger, fingerprint, type Ledger } from '@vetted/core'
import { expect, it } from 'vitest'
import { manualCorrection } from '../../../test/support/ledgers.ts'
import { analyze, detectClaims, parseMarkdown } from '../src/index.ts'

const JUDGED = 'Ashford was perfectly flat in 1851.'

function ledgerWithPublished(): Ledger {
  const ledger = emptyLedger('post.md')
  const claim = fingerprint(JUDGED)
  ledger.claims[claim] = { text: JUDGED, verdict: 'incorrect', checker: 'manual' }
  const correction = manualCorrection({ post: 'post.md', claim, quote: 'was perfectly flat', status: 'annotate', date: '2026-03-02' })
  ledger.corrections[correction.id] = correction
  return ledger
}

it("an edited sentence detection does not select, holding a gone correction's quote, is unchecked until judged; the correction is fixed", () => {
  const edited = 'I think it was perfectly flat.'
  const source = `${edited}\n`
  expect(detectClaims(source)).toEqual([])
  const ledger = ledgerWithPublished()

  const before = analyze(parseMarkdown(source), source, ledger)
  expect(before.unchecked.map((claim) => claim.text)).toEqual([edited])
  expect(before.claims.map((claim) => claim.text)).toEqual([edited])
  expect(before.corrections[0]).toMatchObject({ status: 'fixed', sentence: { text: JUDGED, quoteStart: 8, quoteEnd: 26 } })
  expect(before.corrections[0]!.start).toBeUndefined()
  expect(before.stale).toHaveLength(1)

  ledger.claims[fingerprint(edited)] = { text: edited, verdict: 'unverifiable', checker: 'manual' }
  const judged = analyze(parseMarkdown(source), source, ledger)
  expect(judged.unchecked).toEqual([])
  expect(judged.corrections[0]).toMatchObject({ status: 'fixed' })
})

it("a claim's sentence is found by its fingerprint even when detection does not select it", () => {
  const ledger = ledgerWithPublished()
  const source = `Ashford was *perfectly* flat in 1851.\n`
  const analysis = analyze(parseMarkdown(source), source, ledger, { claims: false })
  expect(analysis.corrections[0]).toMatchObject({ status: 'annotate', start: { line: 1, column: 9 } })
  expect(analysis.unchecked).toEqual([])
})

it('a paragraph another plugin added (no position) neither holds nor hides a correction', () => {
  const ledger = ledgerWithPublished()
  const source = `Millbrook had a mill.\n\nThe river ran east.\n\nAshford was perfectly flat in 1851.\n`
  const tree = parseMarkdown(source)
  // A plugin's "read more" line after the post, and one before it: mdast nodes without a place in the source.
  const added = () => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value: 'Ashford was perfectly flat in 1851.' }] })
  tree.children.unshift(added())
  tree.children.push(added(), added())
  const analysis = analyze(tree, source, ledger, { claims: false })
  expect(analysis.corrections[0]).toMatchObject({ status: 'annotate', start: { line: 5, column: 9 } })
})
