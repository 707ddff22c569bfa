// vetted never writes a ledger it would then refuse to read. `vetted check` wrote a
// 67,109,652-byte ledger, past the 64 MiB its reader accepts, and from then on
// every command exited 2 on it. Now the writer refuses, with the reader's limit
// (MAX_LEDGER_BYTES, one constant): exit 2 naming the ledger, and the ledger stays
// as it was, still readable.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_LEDGER_BYTES, emptyLedger, fingerprint, serializeLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { online } = await useFakeOpenAI()

/** A ledger for `towns.md` of exactly `bytes` bytes: records of earlier drafts, with long texts. */
function ledgerOf(bytes: number): string {
  const ledger = emptyLedger('towns.md')
  const record = (n: number, length: number) => {
    const text = `An earlier draft ${n} said: ${'the river was wide and the bridges were old. '.repeat(length / 45 + 1)}`.slice(0, length)
    return [fingerprint(text), { text, verdict: 'supported' as const, checker: 'manual', checkedAt: '2026-03-01' }] as const
  }
  for (let n = 0; n < 63; n++) {
    const [key, value] = record(n, 1_000_000)
    ledger.claims[key] = value
  }
  // The last record fills the ledger to the byte.
  const [lastKey, lastValue] = record(63, 1_000)
  ledger.claims[lastKey] = lastValue
  const short = bytes - serializeLedger(ledger).length
  const [key, value] = record(63, 1_000 + short)
  delete ledger.claims[lastKey]
  ledger.claims[key] = value
  const text = serializeLedger(ledger)
  expect(text.length).toBe(bytes)
  return text
}

it('check refuses to write a ledger past the 64 MiB vetted reads: exit 2 naming it, the ledger as it was and still readable', {
  timeout: 120_000,
}, async () => {
  // 300 bytes short of the limit: the verdicts on the post's claims take it past.
  const cwd = project({ 'towns.md': POST, 'towns.vetted.json': ledgerOf(MAX_LEDGER_BYTES - 300) })
  const before = readFileSync(join(cwd, 'towns.vetted.json'))

  const checked = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(checked.stderr).toMatch(
    /^vetted: towns\.vetted\.json: not written: it would be \d+ bytes, past the 67108864 \(64 MiB\) a ledger may have, and vetted could not read it back .*; the file is as it was; the verdicts on 3 claims received in this run are not saved; they are sent again next run$/m,
  )
  expect(checked.code).toBe(2)
  expect(readFileSync(join(cwd, 'towns.vetted.json')).equals(before)).toBe(true)

  // The gate still reads it.
  const gate = await vettedInProcess(['check', '--ci', 'towns.md'], { cwd })
  expect(gate.stderr).toBe('')
  expect(gate.stdout).toMatch(/3 claims are unchecked/)
})

it('a ledger of exactly 64 MiB is read', { timeout: 60_000 }, async () => {
  const cwd = project({ 'towns.md': POST, 'towns.vetted.json': ledgerOf(MAX_LEDGER_BYTES) })
  const gate = await vettedInProcess(['check', '--ci', 'towns.md'], { cwd })
  expect(gate.stderr).toBe('')
  expect(gate.stdout).toMatch(/3 claims are unchecked/)
})
