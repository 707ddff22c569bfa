import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  LEDGER_VERSION,
  VettedInputError,
  emptyLedger,
  fingerprint,
  ledgerPathFor,
  parseLedger,
  readLedger,
  serializeLedger,
  updateLedger,
  writeLedger,
  type Ledger,
} from '../src/index.ts'
import { checksums, temporaryFolder } from '../../../test/support/files.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const CLAIM = 'The first web browser was released in 1990.'
const FP = fingerprint(CLAIM)

function sampleLedger(): Ledger {
  const correction = manualCorrection({
    post: 'post.md',
    claim: FP,
    quote: 'in 1990',
    status: 'annotate',
    date: '2026-01-02',
    summary: 'WorldWideWeb ran at CERN in December 1990 but was released to others in 1991.',
    reasoning: 'The program **ran** in 1990.',
    sources: [{ url: 'https://home.cern/science/computing/birth-web', title: 'The birth of the Web' }],
  })
  return {
    version: LEDGER_VERSION,
    post: 'post.md',
    claims: { [FP]: { text: CLAIM, verdict: 'incorrect', checker: 'manual', checkedAt: '2026-01-02' } },
    corrections: { [correction.id]: correction },
    usage: [],
  }
}

function thrown(run: () => unknown): VettedInputError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(VettedInputError)
    return error as VettedInputError
  }
  throw new Error('expected a VettedInputError')
}

describe('ledger files', () => {
  it('lives beside its post', () => {
    expect(ledgerPathFor('content/posts/web.md')).toBe(join('content/posts', 'web.vetted.json'))
    expect(ledgerPathFor('notes.markdown')).toBe('web.vetted.json'.replace('web', 'notes'))
  })

  it('round-trips: what is written is read back equal, and written again byte for byte', () => {
    const dir = temporaryFolder()
    const file = join(dir, 'post.vetted.json')
    writeLedger(file, sampleLedger())
    const text = readFileSync(file, 'utf8')
    expect(readLedger(file, 'post.md')).toEqual(sampleLedger())
    writeLedger(file, readLedger(file)!)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('serializes deterministically whatever the key order in memory', () => {
    const ledger = sampleLedger()
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value
    const shuffled = reverseKeys(ledger) as Ledger
    const reordered = { usage: [], corrections: ledger.corrections, claims: ledger.claims, post: 'post.md', version: 2 } as Ledger
    expect(serializeLedger(reordered)).toBe(serializeLedger(ledger))
    expect(serializeLedger(shuffled)).toBe(serializeLedger(ledger))
    expect(serializeLedger(ledger).startsWith('{\n  "version": 2,\n  "post": "post.md",')).toBe(true)
    expect(serializeLedger(ledger).endsWith('}\n')).toBe(true)
  })

  it('a missing ledger is no ledger, not an error', () => {
    expect(readLedger(join(temporaryFolder(), 'none.vetted.json'))).toBeUndefined()
  })

  it('names the file, line and JSON path of a wrong type', () => {
    const text = serializeLedger(sampleLedger()).replace('"verdict": "incorrect"', '"verdict": 3')
    const error = thrown(() => parseLedger(text, 'post.vetted.json'))
    const line = text.split('\n').findIndex((l) => l.includes('"verdict": 3')) + 1
    expect(error.message).toMatch(new RegExp(`^post\\.vetted\\.json:${line}:\\d+: invalid ledger: `))
    expect(error.message).toContain(`claims["${FP}"].verdict`)
    expect(error.jsonPath).toEqual(['claims', FP, 'verdict'])
  })

  it('names the place of a JSON syntax error, including a truncated file', () => {
    expect(thrown(() => parseLedger('{\n  "version": 1,\n  "post" "x.md"\n}', 'x.vetted.json')).message).toMatch(
      /^x\.vetted\.json:3:\d+: is not valid JSON: expected ':' after a property name$/,
    )
    expect(thrown(() => parseLedger('{\n  "version": 1,', 'x.vetted.json')).message).toMatch(/^x\.vetted\.json:2:\d+: is not valid JSON/)
  })

  it('refuses a ledger from a newer vetted, saying so', () => {
    const error = thrown(() => parseLedger('{\n  "version": 3,\n  "post": "x.md"\n}', 'x.vetted.json'))
    expect(error.message).toMatch(/^x\.vetted\.json:2:\d+: was written by a newer vetted \(ledger version 3\).*upgrade vetted/)
  })

  it('refuses a dismissal without a note and a correction filed under another id', () => {
    const ledger = sampleLedger()
    const [id] = Object.keys(ledger.corrections)
    ledger.corrections[id!]!.status = 'dismiss'
    expect(thrown(() => parseLedger(JSON.stringify(ledger, null, 2), 'p.vetted.json')).message).toMatch(
      /a dismissed correction needs a note/,
    )
    const moved = sampleLedger()
    moved.corrections['c-0000000000'] = moved.corrections[id!]!
    delete moved.corrections[id!]
    expect(thrown(() => parseLedger(JSON.stringify(moved, null, 2), 'p.vetted.json')).message).toMatch(/must equal its key/)
  })

  it('a failed write leaves the old ledger and no temporary file', () => {
    const dir = temporaryFolder()
    const file = join(dir, 'post.vetted.json')
    writeLedger(file, sampleLedger())
    const before = checksums(dir)
    const broken = { ...sampleLedger(), claims: { nothex: { text: 'x' } } } as unknown as Ledger
    expect(() => writeLedger(file, broken)).toThrow()
    expect(checksums(dir)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['post.vetted.json'])
  })

  it('changing one entry keeps every other entry as it was', async () => {
    const dir = temporaryFolder()
    const file = join(dir, 'post.vetted.json')
    writeLedger(file, sampleLedger())
    const other = fingerprint('Another claim from 1991.')
    await updateLedger(file, 'post.md', (ledger) => {
      ledger.claims[other] = { text: 'Another claim from 1991.', verdict: 'supported', checker: 'manual', checkedAt: '2026-01-03' }
    })
    const after = readLedger(file, 'post.md')!
    expect(after.corrections).toEqual(sampleLedger().corrections)
    expect(after.claims[FP]).toEqual(sampleLedger().claims[FP])
    expect(Object.keys(after.claims).sort()).toEqual([FP, other].sort())
  })

  it('concurrent updates in one process are serialized by the lock and all kept', async () => {
    const dir = temporaryFolder()
    const file = join(dir, 'post.vetted.json')
    writeFileSync(file, serializeLedger(emptyLedger('post.md')))
    const texts = Array.from({ length: 12 }, (_, i) => `Claim number ${i} from 1990.`)
    await Promise.all(
      texts.map((text) =>
        updateLedger(file, 'post.md', (ledger) => {
          ledger.claims[fingerprint(text)] = { text, verdict: 'supported', checker: 'manual' }
        }),
      ),
    )
    expect(Object.keys(readLedger(file)!.claims)).toHaveLength(12)
    expect(readdirSync(dir)).toEqual(['post.vetted.json'])
  })
})
