import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { correctionId, fingerprint, normalizeText } from '../src/index.ts'
import { findNormalized, normalizeWithMap, originalEnd, originalOffset } from '../src/lib/normalize.ts'

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

  it('gives the same text with and without the offset map, each offset pointing at the characters it came from', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '1',
      '.',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '“',
      '”',
      '’',
      '—',
      '…',
      '\u200b',
      '\u00ad',
      '\ufeff',
      'é',
      'e\u0301',
      '\u212b',
      '😀',
      '\u2028',
      'naïve',
      // Combining marks (composing with what precedes them or not) and Hangul jamo.
      'e',
      '\u0301',
      '\u0323\u0302',
      '\u0308',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\uac00',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const input = pieces.join('')
        const mapped = normalizeWithMap(input)
        expect(normalizeText(input)).toBe(mapped.text)
        if (!mapped.map) return
        expect(mapped.map).toHaveLength(mapped.text.length + 1)
        expect(mapped.ends).toHaveLength(mapped.text.length)
        for (let i = 1; i < mapped.map.length; i++) expect(mapped.map[i]!).toBeGreaterThanOrEqual(mapped.map[i - 1]!)
        // Each character comes from the original between its offset and its end.
        for (let i = 0; i < mapped.text.length; i++) {
          if (mapped.text[i] === ' ') continue
          const from = input.slice(originalOffset(mapped, i), originalEnd(mapped, i + 1))
          expect(normalizeText(from)).toContain(mapped.text[i])
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('takes NFC over the whole text: composed or decomposed, a text normalizes alike, and normalizing twice changes nothing', () => {
    expect(normalizeText('Montre\u0301al, cafe\u0301')).toBe('Montréal, café')
    expect(normalizeText('a\u0323\u0302')).toBe('\u1ead') // reordered, then composed
    expect(normalizeText('\u1100\u1161\u11a8')).toBe('\uac01') // Hangul jamo make a syllable
    const piece = fc.constantFrom(
      'a',
      'e',
      'o',
      ' ',
      '’',
      '\u200b',
      '\u0301',
      '\u0323',
      '\u0302',
      '\u0308',
      'é',
      'ậ',
      'ö',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\uac00',
      '😀',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const input = pieces.join('')
        const normal = normalizeText(input)
        expect(normalizeText(input.normalize('NFD'))).toBe(normal)
        expect(normalizeText(input.normalize('NFC'))).toBe(normal)
        expect(normalizeText(normal)).toBe(normal)
      }),
      { numRuns: 2000 },
    )
  })

  it("finds a quote in a decomposed text at offsets that keep the last letter's accent", () => {
    const text = 'Le cafe\u0301 de Montre\u0301al.'
    const found = findNormalized(text, 'Le café')
    expect(found && text.slice(found.start, found.end)).toBe('Le cafe\u0301')
    expect(findNormalized(text, 'Le cafe')).toBeUndefined() // "é" is not "e"
  })

  it('gives a sentence one fingerprint however it is typed, and another when a word changes', () => {
    expect(fingerprint('It’s from 1990 — really.')).toBe(fingerprint("It's  from 1990 - really."))
    expect(fingerprint('Le café de Montréal.'.normalize('NFD'))).toBe(fingerprint('Le café de Montréal.'))
    expect(fingerprint('It is from 1990.')).not.toBe(fingerprint('It is from 1991.'))
    expect(fingerprint('x')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('gives the same quote in two posts two correction ids', () => {
    const fp = fingerprint('A claim.')
    expect(correctionId('a.md', fp, 'claim')).not.toBe(correctionId('b.md', fp, 'claim'))
    expect(correctionId('a.md', fp, 'claim')).toMatch(/^c-[0-9a-f]{10}$/)
  })
})
