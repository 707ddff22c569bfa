// Where a correction whose sentence detection does not select stands: its own
// sentence, found by fingerprint, or, once that is gone, the edited sentences that
// still hold its quote.

import { emptyLedger, fingerprint, type Ledger } from '@vetted/core'
import { expect, it } from 'vitest'
import { manualCorrection } from '../../../test/support/ledgers.ts'
import { analyze, detectClaims, parseMarkdown, type PostAnalysis } from '../src/index.ts'

function publish(ledger: Ledger, judged: string, quote: string): void {
  const claim = fingerprint(judged)
  ledger.claims[claim] = { text: judged, verdict: 'incorrect', checker: 'manual' }
  const correction = manualCorrection({ post: 'post.md', claim, quote, status: 'annotate', date: '2026-03-02' })
  ledger.corrections[correction.id] = correction
}

/** The post analysed with its ledger; none of its sentences is a claim detection selects. */
function analysed(markdown: string, ledger: Ledger): PostAnalysis {
  expect(detectClaims(markdown)).toEqual([])
  return analyze(parseMarkdown(markdown), markdown, ledger)
}

const texts = (claims: Array<{ text: string }>) => claims.map((claim) => claim.text)

it('an edited sentence holds a gone quote that starts and ends inside longer words, in every block that has it', () => {
  const ledger = emptyLedger('post.md')
  publish(ledger, 'The bridge opened in spring 1932.', 'bridge opened in spring')
  const markdown = [
    'I think the footbridge opened in springtime, or so they say.',
    'I like this one.',
    '- Honestly, I loved the old footbridge opened in spring light.',
  ].join('\n\n')
  const analysis = analysed(markdown, ledger)
  expect(texts(analysis.unchecked)).toEqual([
    'I think the footbridge opened in springtime, or so they say.',
    'Honestly, I loved the old footbridge opened in spring light.',
  ])
  expect(analysis.corrections.at(-1)).toMatchObject({ status: 'fixed' })
})

it('a gone quote with typographic quotes and dashes holds a sentence written with plain ones, and the other way round', () => {
  const ledger = emptyLedger('post.md')
  publish(ledger, 'The “Old Span” – closed for repairs.', '“Old Span” – closed for')
  publish(ledger, 'Its "toll-free" days ended.', '"toll-free" days')
  const markdown = 'I hear the "Old Span" — closed for good, they say.\n\nI miss its “toll‑free” days somehow.\n'
  expect(texts(analysed(markdown, ledger).unchecked)).toEqual([
    'I hear the "Old Span" — closed for good, they say.',
    'I miss its “toll‑free” days somehow.',
  ])
})

it('a correction stands in the first of two identical sentences, found by fingerprint when detection does not select it', () => {
  const ledger = emptyLedger('post.md')
  publish(ledger, 'I think it was perfectly flat.', 'was perfectly flat')
  const markdown = 'Some words first.\n\nI think it was perfectly flat.\n\nMore words here.\n\nI think it was perfectly flat.\n'
  const analysis = analysed(markdown, ledger)
  expect(analysis.corrections.at(-1)).toMatchObject({ status: 'annotate', start: { line: 3, column: 12 } })
  expect(analysis.unchecked).toEqual([])
})

it('a gone quote that is a single word, or part of one, still finds the sentences holding it', () => {
  const ledger = emptyLedger('post.md')
  publish(ledger, 'It rained for 1851 days.', '851')
  const markdown = 'I think it was 1851 or so.\n\nWhat a view!\n'
  expect(texts(analysed(markdown, ledger).unchecked)).toEqual(['I think it was 1851 or so.'])
})

it('a correction whose quote is not in its own sentence (a ledger edited by hand) does not stand in it: its sentence counts as gone', () => {
  const ledger = emptyLedger('post.md')
  publish(ledger, 'I think the old mill burned in 1911.', 'burned in 1912')
  const markdown = 'I think the old mill burned in 1911.\n\nWhat a view!\n'
  const analysis = analysed(markdown, ledger)
  expect(analysis.corrections.at(-1)).toMatchObject({ status: 'fixed' })
  expect(analysis.corrections.at(-1)!.start).toBeUndefined()
  expect(analysis.unchecked).toEqual([])
})

it('many gone corrections each find the sentences holding their own quote, and no other', () => {
  const ledger = emptyLedger('post.md')
  const paragraphs: string[] = []
  for (let draft = 0; draft < 30; draft++) {
    publish(ledger, `The bridge had ${draft} arches in 1851.`, `had ${draft} arches`)
    if (draft % 3 === 0) paragraphs.push(`I think it had ${draft} arches, or so they say.`)
  }
  const analysis = analysed(paragraphs.join('\n\n'), ledger)
  expect(texts(analysis.unchecked)).toEqual(paragraphs)
  expect(analysis.corrections.every((placed) => placed.status === 'fixed')).toBe(true)
})
