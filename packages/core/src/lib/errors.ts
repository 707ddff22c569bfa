import type { ZodError } from 'zod'

export interface Place {
  line: number
  column: number
}

/**
 * Bad input: a file that cannot be read as what it should be. Carries the file,
 * the place and what was expected, so that every front end (CLI, plugin, Astro)
 * can say it in one line. The CLI exits 2 on it.
 */
export class VettedInputError extends Error {
  readonly file: string
  readonly place: Place | undefined
  /** JSON path inside the file, for structured files. */
  readonly jsonPath: Array<string | number> | undefined
  readonly expected: string | undefined

  constructor(
    file: string,
    message: string,
    options: { place?: Place; jsonPath?: Array<string | number>; expected?: string; cause?: unknown } = {},
  ) {
    const where = options.place ? `${file}:${options.place.line}:${options.place.column}` : file
    const path = options.jsonPath && options.jsonPath.length > 0 ? ` at ${formatJsonPath(options.jsonPath)}` : ''
    super(`${where}: ${message}${path}`, { cause: options.cause })
    this.name = 'VettedInputError'
    this.file = file
    this.place = options.place
    this.jsonPath = options.jsonPath
    this.expected = options.expected
  }
}

export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += `${out ? '.' : ''}${String(key)}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out || '(root)'
}

/** The first issue of a zod error as one readable phrase: what was expected, what was found. */
export function describeZodIssue(error: ZodError): { path: Array<string | number>; message: string } {
  const issue = error.issues[0]!
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))
  return { path, message: issue.message }
}
