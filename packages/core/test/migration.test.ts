// Ledgers written by version 1 (every ledger of content/ and of the test
// fixtures before issue 13, kept as they were in fixtures/ledger-v1/) are read as
// version 2 without losing an entry, and written as version 2.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LEDGER_VERSION, parseLedger, serializeLedger } from '../src/index.ts'

const V1 = fileURLToPath(new URL('./fixtures/ledger-v1', import.meta.url))
const files = readdirSync(V1).filter((name) => name.endsWith('.vetted.json'))
const EDITORIAL = ['open', 'annotate', 'dismiss', 'rejected']

describe('ledger version 1 migrates to version 2', () => {
  it('has the old ledgers to read', () => {
    expect(files.length).toBeGreaterThanOrEqual(20)
    expect(files).toContain('content__the-double-helix.vetted.json')
  })

  it.each(files)('%s keeps every claim, correction, history event and usage record', (name) => {
    const text = readFileSync(join(V1, name), 'utf8')
    const old = JSON.parse(text)
    expect(old.version).toBe(1)
    const ledger = parseLedger(text, name)
    expect(ledger.version).toBe(LEDGER_VERSION)
    expect(ledger.post).toBe(old.post)
    expect(ledger.claims).toEqual(old.claims ?? {})
    expect(ledger.usage).toEqual(old.usage ?? [])
    expect(Object.keys(ledger.corrections).sort()).toEqual(Object.keys(old.corrections ?? {}).sort())
    for (const [id, before] of Object.entries<Record<string, any>>(old.corrections ?? {})) {
      const after = ledger.corrections[id]!
      const history = before.history ?? []
      expect(after.history).toEqual(history)
      if (before.status === 'fixed') {
        // The status before the fix comes back; the fix stays in the history, dated.
        const previous = history.findLast((event: { status: string }) => EDITORIAL.includes(event.status))?.status ?? 'open'
        expect(after.status).toBe(previous)
        expect(after.history.at(-1)?.status).toBe('fixed')
      } else {
        expect(after.status).toBe(before.status)
      }
      expect({ ...after, status: before.status, history }).toEqual({ ...before, history })
    }
    // Written as version 2, and read back unchanged.
    const written = serializeLedger(ledger)
    expect(JSON.parse(written).version).toBe(2)
    expect(parseLedger(written, name)).toEqual(ledger)
  })

  it('a published correction fixed under version 1 is published again, its fix dated', () => {
    const text = readFileSync(join(V1, 'packages__remark-vetted__test__fixtures__fixed-correction-log__input.vetted.json'), 'utf8')
    const [correction] = Object.values(parseLedger(text, 'input.vetted.json').corrections)
    expect(correction).toMatchObject({
      status: 'annotate',
      history: [
        { date: '2026-02-10', status: 'annotate' },
        { date: '2026-02-20', status: 'fixed' },
      ],
    })
  })
})
