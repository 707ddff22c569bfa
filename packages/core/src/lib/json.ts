// JSON files a person edits (ledgers, vetted.config.json): parsed strictly, with
// errors that name the line and column, and schema errors placed at the key they
// are about. jsonc-parser reads a text into a tree of offsets when an error needs
// a place.

import { findNodeAtLocation, parse, parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser'
import type { z } from 'zod'
import { VettedInputError, describeZodIssue, type Place } from './errors.ts'
import { placeOf } from './lines.ts'

// By jsonc-parser's names for its error codes.
const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after a property name",
  CommaExpected: "expected ',' between two entries",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the file after the value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string without its closing quote',
  UnexpectedEndOfNumber: 'a number cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape',
  InvalidCharacter: 'a control character inside a string',
}

/**
 * Parse a JSON text (a leading byte order mark is allowed). Invalid JSON throws a
 * VettedInputError naming `file`, the line and column, and `expected`.
 */
export function parseJson(text: string, file: string, expected: string): unknown {
  const body = withoutBom(text)
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    // A merge left git's markers in the file: say so, not "unexpected character".
    const marker = conflictMarker(body)
    if (marker !== undefined) {
      throw new VettedInputError(
        file,
        `has merge conflict markers at line ${placeOf(body, marker).line}: resolve the merge (or run with the vetted merge driver)`,
        {
          place: placeOf(body, marker),
          expected: `${expected}, without <<<<<<<, ======= or >>>>>>> lines`,
          cause: error,
        },
      )
    }
    // Valid JSON is the rule and JSON.parse reads it fastest; jsonc-parser says where and why it is not.
    const errors: ParseError[] = []
    parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
    const found = errors[0]
    throw new VettedInputError(
      file,
      `is not valid JSON: ${found ? (PROBLEMS[printParseErrorCode(found.error)] ?? 'unexpected input') : (error as Error).message}`,
      {
        ...(found ? { place: placeOf(body, found.offset) } : {}),
        expected,
        cause: error,
      },
    )
  }
  // JSON.parse keeps the last of two equal keys and says nothing: in a file a
  // person edits, the other one is a mistake (or a merge gone wrong) to point at.
  const duplicate = firstDuplicateKey(body, value)
  if (duplicate) {
    throw new VettedInputError(
      file,
      `has the key ${JSON.stringify(duplicate.key)} twice in one object (the first at line ${duplicate.first.line})`,
      {
        place: duplicate.second,
        expected: `${expected}, each key once per object`,
      },
    )
  }
  return value
}

/** Members of every object in `value`, nested ones included. */
function countMembers(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0
  let count = 0
  if (Array.isArray(value)) {
    for (const item of value) count += countMembers(item)
    return count
  }
  for (const key in value) count += 1 + countMembers((value as Record<string, unknown>)[key])
  return count
}

/**
 * Keys in a valid JSON text: strings followed by a colon. Each string is stepped
 * over whole (a quote after an odd run of backslashes is escaped), so a `":`
 * inside a string is never taken for a key.
 */
function countKeys(body: string): number {
  let count = 0
  for (let at = body.indexOf('"'); at >= 0; at = body.indexOf('"', at)) {
    let end = body.indexOf('"', at + 1)
    while (escaped(body, end)) end = body.indexOf('"', end + 1)
    at = end + 1
    let next = body.charCodeAt(at)
    while (next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09) next = body.charCodeAt(++at)
    if (next === 0x3a) count++
  }
  return count
}

function escaped(body: string, quote: number): boolean {
  let backslashes = 0
  while (body.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++
  return backslashes % 2 === 1
}

/**
 * A key twice in one object: JSON.parse kept one member for the two, so the
 * parsed value has fewer members than the text has keys. Counting both is quick
 * (a 24 MiB ledger of 100,000 records: about 0.2 s, where walking it with
 * jsonc-parser took 1.7 s);
 * only when they differ does jsonc-parser find the key and its places.
 */
function firstDuplicateKey(body: string, value: unknown): { key: string; first: Place; second: Place } | undefined {
  if (countKeys(body) === countMembers(value)) return undefined
  const objects: Array<Map<string, number>> = []
  let found: { key: string; first: number; second: number } | undefined
  visit(body, {
    onObjectBegin: () => {
      objects.push(new Map())
    },
    onObjectEnd: () => {
      objects.pop()
    },
    onObjectProperty: (key, offset) => {
      const keys = objects.at(-1)!
      const first = keys.get(key)
      if (first !== undefined && !found) found = { key, first, second: offset }
      keys.set(key, offset)
    },
  })
  return found && { key: found.key, first: placeOf(body, found.first), second: placeOf(body, found.second) }
}

/** Where the first line git's conflict markers begin (`<<<<<<< `, `=======`, `>>>>>>> `) starts, if any. */
function conflictMarker(body: string): number | undefined {
  const found = /^(?:<{7}|={7}|>{7})(?=[ \r\n]|$)/m.exec(body)
  return found?.index
}

/**
 * `text` as JSON that `schema` accepts. Not JSON: as `parseJson`. Not what the
 * schema wants: a VettedInputError led by `lead` ("invalid config at"), placed
 * at the key the first problem is about.
 */
export function parseJsonAs<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  expected: { json: string; lead: string },
): z.infer<S> {
  const parsed = schema.safeParse(parseJson(text, file, expected.json))
  if (parsed.success) return parsed.data
  const issue = describeZodIssue(parsed.error, expected.lead)
  const place = locateJsonPath(text, issue.path)
  throw new VettedInputError(file, issue.line, { ...(place ? { place } : {}), expected: issue.message })
}

/** Where the deepest existing part of `path` starts (the key, for an object's member). */
export function locateJsonPath(text: string, path: ReadonlyArray<string | number>): Place | undefined {
  const body = withoutBom(text)
  const root = parseTree(body)
  if (!root) return undefined
  for (let length = path.length; length > 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length))
    if (node) return placeOf(body, node.parent?.type === 'property' ? node.parent.offset : node.offset)
  }
  return placeOf(body, root.offset)
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
