// How a finished batch lands in the ledger, on a ledger built by hand.

import { correctionId, emptyLedger, fingerprint, type Correction, type Ledger } from '@vetted/core'
import { expect, test } from 'vitest'
import { applyOutcomes, type ClaimOutcome, type Stamp } from '../src/lib/ledger-merge.ts'

const text = 'The bridge spans 300 metres.'
const fp = fingerprint(text)
const claim = { fingerprint: fp, text, quoted: false }
const stamp: Stamp = { post: 'post.md', checker: 'm@v2', model: 'm', promptVersion: 'v2', today: '2025-02-03' }
const proposal = {
  quote: 'spans 300 metres',
  summary: 'It spans 250.',
  reasoning: 'Survey.',
  sources: [{ url: 'https://s.example/', title: 'S' }],
}
const id = correctionId('post.md', fp, 'spans 300 metres')

function existing(status: Correction['status'], extra: Partial<Correction> = {}): Ledger {
  const ledger = emptyLedger('post.md')
  ledger.claims[fp] = { text, verdict: 'incorrect', checker: 'm@v1', checkedAt: '2024-01-01' }
  ledger.corrections[id] = {
    id,
    claim: fp,
    quote: 'spans 300 metres',
    summary: 'Old summary.',
    reasoning: 'Old.',
    sources: [],
    checker: { model: 'm', prompt: 'v1', date: '2024-01-01' },
    status,
    history: [{ date: '2024-01-01', status: 'open' }],
    ...extra,
  }
  return ledger
}

const verdict = (approved?: boolean): ClaimOutcome => ({
  kind: 'verdict',
  claim,
  verdict: approved === undefined ? 'supported' : approved ? 'incorrect' : 'unverifiable',
  ...(approved === undefined ? {} : { correction: { proposal, approved, reason: approved ? 'Yes.' : 'No.' } }),
})

test('a new approved correction is open, stamped, with a history event', () => {
  const ledger = applyOutcomes(emptyLedger('post.md'), [verdict(true)], stamp)
  expect(ledger.claims[fp]).toEqual({ text, verdict: 'incorrect', checker: 'm@v2', checkedAt: '2025-02-03' })
  expect(ledger.corrections[id]).toMatchObject({
    status: 'open',
    validation: { approved: true, reason: 'Yes.' },
    checker: { model: 'm', prompt: 'v2', date: '2025-02-03' },
    history: [{ date: '2025-02-03', status: 'open' }],
  })
})

test.each(['annotate', 'dismiss'] as const)("a recheck keeps the author's %s of the same correction untouched", (status) => {
  const before = existing(status, status === 'dismiss' ? { note: 'I disagree.' } : {})
  const kept = structuredClone(before.corrections[id])
  const after = applyOutcomes(before, [verdict(false)], stamp)
  expect(after.corrections[id]).toEqual(kept)
})

test('an open correction the recheck no longer proposes is withdrawn as rejected, with a reason and a history event', () => {
  const after = applyOutcomes(existing('open'), [verdict()], stamp)
  expect(after.corrections[id]).toMatchObject({
    status: 'rejected',
    validation: { approved: false, reason: 'Not proposed again when m@v2 rechecked the claim on 2025-02-03.' },
    history: [
      { date: '2024-01-01', status: 'open' },
      { date: '2025-02-03', status: 'rejected' },
    ],
  })
})

test('a rejected correction proposed and approved again reopens, keeping its history', () => {
  const after = applyOutcomes(existing('rejected'), [verdict(true)], stamp)
  expect(after.corrections[id]).toMatchObject({
    status: 'open',
    summary: 'It spans 250.',
    history: [{ status: 'open' }, { status: 'open', date: '2025-02-03' }],
  })
})

test('an error keeps the earlier verdict and adds the error; a deferred claim changes nothing', () => {
  const after = applyOutcomes(existing('open'), [{ kind: 'error', claim, message: 'the request timed out' }], stamp)
  expect(after.claims[fp]).toEqual({ text, verdict: 'incorrect', checker: 'm@v1', checkedAt: '2024-01-01', error: 'the request timed out' })
  const untouched = existing('open')
  expect(applyOutcomes(structuredClone(untouched), [{ kind: 'deferred', claim }], stamp)).toEqual(untouched)
})

test("a new correction's id hashes the post's project path; one found again keeps the id it has", () => {
  const bundle: Stamp = { ...stamp, post: 'posts/bridges/index.md' }
  const fresh = applyOutcomes(emptyLedger('index.md'), [verdict(true)], bundle)
  expect(Object.keys(fresh.corrections)).toEqual([correctionId('posts/bridges/index.md', fp, 'spans 300 metres')])
  // Made before ids hashed the path (version 1: the file name): rechecked, it is the same correction.
  const again = applyOutcomes(existing('rejected'), [verdict(true)], bundle)
  expect(Object.keys(again.corrections)).toEqual([id])
  expect(again.corrections[id]).toMatchObject({ status: 'open', summary: 'It spans 250.' })
})
