import type { Position } from '../schemas/claim.ts'
import type { Place } from './errors.ts'
import { lastAtOrBefore } from './sorted.ts'

/** Turns source offsets into 1-based line and column. */
export class LineIndex {
  readonly #starts: number[] = [0]

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.#starts.push(i + 1)
  }

  position(offset: number): Position {
    const line = Math.max(
      0,
      lastAtOrBefore(this.#starts, offset, (start) => start),
    )
    return { line: line + 1, column: offset - this.#starts[line]! + 1, offset }
  }
}

/** Line and column (1-based) of one offset in `text`: for an error message. */
export function placeOf(text: string, offset: number): Place {
  const { line, column } = new LineIndex(text).position(Math.min(Math.max(offset, 0), text.length))
  return { line, column }
}
