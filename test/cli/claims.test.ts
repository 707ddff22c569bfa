// `vetted claims`: every sentence of a post with its state and why, as an author reads it.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ClaimsListingSchema } from '@vetted/cli'
import { emptyLedger, fingerprint, serializeLedger, type Ledger } from '@vetted/core'
import { describe, expect, it } from 'vitest'
import { checksums, removedAfterTests, temporaryFolder } from '../support/files.ts'
import { manualCorrection } from '../support/ledgers.ts'
import { vettedInProcess } from './support.ts'

const POST = `# Bridges

The Brooklyn Bridge opened in 1883 after fourteen years of work.
Its main span is 486 metres long.
John Roebling designed it, and his son Washington Roebling finished it.
Emily Warren Roebling oversaw much of the work after her husband fell ill.
The figure above shows the bridge at night.
Have you ever walked across it?
I think it is the loveliest bridge in New York.
`
const OPENED = 'The Brooklyn Bridge opened in 1883 after fourteen years of work.'
const SPAN = 'Its main span is 486 metres long.'
const DESIGNED = 'John Roebling designed it, and his son Washington Roebling finished it.'
const OVERSAW = 'Emily Warren Roebling oversaw much of the work after her husband fell ill.'

/** A blog folder: the post, and a ledger with one claim of each verdict, one claim left unchecked, and the other sentences screened by hand (coverage "all"). */
function blog(): string {
  const folder = removedAfterTests(temporaryFolder())
  writeFileSync(join(folder, 'bridges.md'), POST)
  const ledger: Ledger = emptyLedger('bridges.md')
  const judged = (text: string, verdict: 'supported' | 'unverifiable' | 'incorrect') =>
    (ledger.claims[fingerprint(text)] = { text, verdict, checker: 'manual', checkedAt: '2026-12-01' })
  judged(OPENED, 'supported')
  judged(SPAN, 'incorrect')
  judged(OVERSAW, 'unverifiable')
  for (const text of [
    'The figure above shows the bridge at night.',
    'Have you ever walked across it?',
    'I think it is the loveliest bridge in New York.',
  ]) {
    ledger.claims[fingerprint(text)] = {
      text,
      screen: { checkWorthy: false, reason: 'Asserts nothing checkable.', checker: 'manual', checkedAt: '2026-12-01' },
    }
  }
  const correction = manualCorrection({
    post: 'bridges.md',
    claim: fingerprint(SPAN),
    quote: '486 metres',
    status: 'open',
    date: '2026-12-01',
    summary: 'The main span is about 486.3 metres; the sentence rounds it.',
  })
  ledger.corrections[correction.id] = correction
  writeFileSync(join(folder, 'bridges.vetted.json'), serializeLedger(ledger))
  return folder
}

describe('vetted claims', () => {
  it('lists every sentence with its state and why, and changes no file', async () => {
    const folder = blog()
    const before = checksums(folder)
    const { code, stdout, stderr } = await vettedInProcess(['claims', 'bridges.md'], { cwd: folder })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toBe('bridges.md: 7 sentences: 3 not a claim, 1 unchecked, 1 supported, 1 unverifiable, 1 incorrect')
    const stateOf = (text: string) =>
      stdout
        .split('\n')
        .find((line) => line.includes(text))!
        .trim()
        .split(/\s{2,}/)[1]
    expect(stateOf(OPENED)).toBe('supported')
    expect(stateOf(SPAN)).toBe('incorrect')
    expect(stateOf(DESIGNED)).toBe('unchecked')
    expect(stateOf(OVERSAW)).toBe('unverifiable')
    expect(stateOf('The figure above')).toBe('not a claim')
    const whyOf = (text: string) => stdout.split('\n')[stdout.split('\n').findIndex((line) => line.includes(text)) + 1]!.trim()
    expect(whyOf(SPAN)).toMatch(/^a claim: .*number.*; incorrect \(manual, 2026-12-01\); correction c-[0-9a-f]{10}$/)
    expect(whyOf(DESIGNED)).toMatch(/^a claim: statement, name.*; no verdict in the ledger yet$/)
    expect(whyOf('The figure above')).toMatch(/below the threshold 2: .*against: points at the post itself/)
    expect(whyOf('Have you ever')).toBe('a question: never a claim; screened not check-worthy by manual: Asserts nothing checkable.')
    expect(whyOf('I think')).toMatch(/against: .*a hedge/)
    expect(checksums(folder)).toEqual(before)
  })

  it('gives the same listing as JSON, where a verdict under an older checker counts, said to be older, as vetted check counts it', async () => {
    const folder = blog()
    const ledgerPath = join(folder, 'bridges.vetted.json')
    const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as Ledger
    ledger.claims[fingerprint(OPENED)]!.checker = 'gpt-3.5@p0'
    writeFileSync(ledgerPath, serializeLedger(ledger))
    const { code, stdout } = await vettedInProcess(['claims', '--format', 'json', '.'], { cwd: folder })
    expect(code).toBe(0)
    const listing = ClaimsListingSchema.parse(JSON.parse(stdout))
    expect(listing.files.map((file) => file.path)).toEqual(['bridges.md'])
    const [file] = listing.files
    expect(file!.summary).toEqual({ 'not-a-claim': 3, unchecked: 1, supported: 1, unverifiable: 1, incorrect: 1 })
    const opened = file!.sentences.find((sentence) => sentence.text === OPENED)!
    expect(opened).toMatchObject({ state: 'supported', line: 3, checker: 'gpt-3.5@p0' })
    expect(opened.why).toContain(`supported (gpt-3.5@p0, `)
    expect(opened.why).toContain(`an older checker than ${listing.checker}: kept, \`vetted check --recheck-older\` judges it again`)
    expect(opened.reasons).toEqual(expect.arrayContaining(['number', 'date', 'name']))
  })

  it('reads detection options from the config, as vetted check does', async () => {
    const folder = blog()
    writeFileSync(join(folder, 'vetted.config.json'), JSON.stringify({ content: ['.'], detect: { threshold: 20 } }))
    const { code, stdout } = await vettedInProcess(['claims'], { cwd: folder })
    expect(code).toBe(0)
    // Nothing is selected; under coverage "all" the one sentence with neither a verdict nor a screen result is unchecked.
    expect(stdout.split('\n')[0]).toBe('bridges.md: 7 sentences: 6 not a claim, 1 unchecked, 0 supported, 0 unverifiable, 0 incorrect')
    expect(stdout).toMatch(/below the threshold 20: statement, number, date, name/)
    expect(stdout).toMatch(/not selected \(score \d+, below the threshold 20: statement, name\) and not screened yet/)
  })

  it('refuses a broken ledger with one line naming it, exit 2', async () => {
    const folder = blog()
    writeFileSync(join(folder, 'bridges.vetted.json'), '{"version": 2, "claims": [')
    const { code, stdout, stderr } = await vettedInProcess(['claims', 'bridges.md'], { cwd: folder })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('bridges.vetted.json')
  })
})
