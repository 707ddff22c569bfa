import type { Position } from '../schemas/claim.ts'
import type { Place } from './errors.ts'

/** Turns source offsets into 1-based line and column, by binary search over line starts. */
export class LineIndex {
  readonly #starts: number[] = [0]
  // Callers mostly ask in document order: the last line found is checked first.
  #last = 0

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.#starts.push(i + 1)
  }

  position(offset: number): Position {
    const starts = this.#starts
    let line = this.#last
    if (!(starts[line]! <= offset && (line + 1 === starts.length || offset < starts[line + 1]!))) {
      let low = 0
      let high = starts.length - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if (starts[middle]! <= offset) low = middle
        else high = middle - 1
      }
      line = low
      this.#last = line
    }
    return { line: line + 1, column: offset - starts[line]! + 1, offset }
  }
}

/** Line and column (1-based) of one offset in `text`: for an error message. */
export function placeOf(text: string, offset: number): Place {
  const { line, column } = new LineIndex(text).position(Math.min(Math.max(offset, 0), text.length))
  return { line, column }
}
