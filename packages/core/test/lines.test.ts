import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineIndex } from '../src/lib/lines.ts'

/** Line and column by counting, the slow way. */
function naive(source: string, offset: number) {
  const before = source.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1, offset }
}

describe('LineIndex', () => {
  it('gives the line and column of any offset, asked in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\n\n'), { maxLength: 60 }).map((parts) => parts.join('')),
        fc.array(fc.nat(), { maxLength: 20 }),
        (source, picks) => {
          const index = new LineIndex(source)
          for (const pick of picks) {
            const offset = pick % (source.length + 1)
            expect(index.position(offset)).toEqual(naive(source, offset))
          }
        },
      ),
    )
  })
})
