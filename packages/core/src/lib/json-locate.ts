// Finds where a JSON path sits in a JSON text, so that a schema error can name a
// line and column. A small scanner over valid JSON (JSON.parse has accepted it).

import type { Place } from './errors.ts'

export function locateJsonPath(text: string, path: ReadonlyArray<string | number>): Place | undefined {
  let index = 0
  const skipSpace = () => {
    while (index < text.length && /\s/.test(text[index]!)) index++
  }
  const readString = (): string => {
    const start = index
    index++ // opening quote
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1
    index++
    return JSON.parse(text.slice(start, index)) as string
  }
  const skipValue = (): void => {
    skipSpace()
    const char = text[index]
    if (char === '"') return void readString()
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      index++
      skipSpace()
      if (text[index] === close) return void index++
      for (;;) {
        if (char === '{') {
          skipSpace()
          readString()
          skipSpace()
          index++ // colon
        }
        skipValue()
        skipSpace()
        if (text[index++] === close) return
      }
    }
    while (index < text.length && !/[\s,}\]]/.test(text[index]!)) index++
  }
  // Walk down the path; stop at the deepest key that exists.
  let found = 0
  skipSpace()
  for (const key of path) {
    const char = text[index]
    if (char === '{' && typeof key === 'string') {
      index++
      let hit = false
      for (;;) {
        skipSpace()
        if (text[index] === '}') break
        const keyStart = index
        const name = readString()
        skipSpace()
        index++ // colon
        skipSpace()
        if (name === key) {
          hit = true
          found = keyStart
          break
        }
        skipValue()
        skipSpace()
        if (text[index] === ',') index++
      }
      if (!hit) break
    } else if (char === '[' && typeof key === 'number') {
      index++
      let hit = false
      for (let i = 0; ; i++) {
        skipSpace()
        if (text[index] === ']') break
        if (i === key) {
          hit = true
          found = index
          break
        }
        skipValue()
        skipSpace()
        if (text[index] === ',') index++
      }
      if (!hit) break
    } else break
  }
  return placeOf(text, found)
}

export function placeOf(text: string, offset: number): Place {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
