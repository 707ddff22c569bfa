import type { Position } from '../schemas/claim.ts'

/** Turns source offsets into 1-based line and column, by binary search over line starts. */
export class LineIndex {
  readonly #starts: number[] = [0]

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.#starts.push(i + 1)
  }

  position(offset: number): Position {
    let low = 0
    let high = this.#starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.#starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - this.#starts[low]! + 1, offset }
  }
}
