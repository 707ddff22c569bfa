import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { correctionId, findNormalized, fingerprint, normalizeText, normalizeWithMap, originalOffset } from '../src/index.ts'

describe('normalization and fingerprints', () => {
  it('folds typographic quotes, dashes, ellipses, zero-width characters and whitespace', () => {
    expect(normalizeText('  “Smart” quotes — and\u00a0it’s…\u200b done\n')).toBe('"Smart" quotes - and it\'s... done')
  })

  it('finds a quote in text typed with other quotes and spacing, at its original offsets', () => {
    const text = 'He said “it’s   done” in 1990.'
    const found = findNormalized(text, '"it\'s done" in 1990')
    expect(found && text.slice(found.start, found.end)).toBe('“it’s   done” in 1990')
    expect(findNormalized(text, 'in 1991')).toBeUndefined()
  })

  it('finds a quote in plain ASCII text (normal already, no offset map) and from a given offset', () => {
    const text = 'In 1990 it was done. In 1991 it was done again.'
    expect(normalizeWithMap(text).map).toBeUndefined()
    const found = findNormalized(text, 'it was done', 10)
    expect(found).toEqual({ start: 29, end: 40 })
    const mapped = normalizeWithMap('a  “b”')
    expect(mapped.text).toBe('a "b"')
    expect([0, 1, 2, 3, 4, 5].map((i) => originalOffset(mapped, i))).toEqual([0, 1, 3, 4, 5, 6])
  })

  it('gives the same text with and without the offset map, each offset pointing at the character it came from', () => {
    const piece = fc.constantFrom('a', 'Z', '1', '.', ' ', '  ', '\n', '\t', '\u00a0', '“', '”', '’', '—', '…', '\u200b', '\u00ad', '\ufeff', 'é', 'e\u0301', '\u212b', '😀', '\u2028', 'naïve')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const input = pieces.join('')
        const mapped = normalizeWithMap(input)
        expect(normalizeText(input)).toBe(mapped.text)
        if (!mapped.map) return
        expect(mapped.map).toHaveLength(mapped.text.length + 1)
        for (let i = 1; i < mapped.map.length; i++) expect(mapped.map[i]!).toBeGreaterThanOrEqual(mapped.map[i - 1]!)
        // An ASCII character other than a space is copied: its offset holds the same character.
        for (let i = 0; i < mapped.text.length; i++) {
          const from = input[mapped.map[i]!]!
          if (mapped.text[i] !== ' ' && from.charCodeAt(0) < 0x80) expect(from).toBe(mapped.text[i])
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('gives a sentence one fingerprint however it is typed, and another when a word changes', () => {
    expect(fingerprint('It’s from 1990 — really.')).toBe(fingerprint("It's  from 1990 - really."))
    expect(fingerprint('It is from 1990.')).not.toBe(fingerprint('It is from 1991.'))
    expect(fingerprint('x')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('gives the same quote in two posts two correction ids', () => {
    const fp = fingerprint('A claim.')
    expect(correctionId('a.md', fp, 'claim')).not.toBe(correctionId('b.md', fp, 'claim'))
    expect(correctionId('a.md', fp, 'claim')).toMatch(/^c-[0-9a-f]{10}$/)
  })
})
