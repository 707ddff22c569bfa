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

/**
 * Options a program passed (the plugin's, the integration's, the config's `detect`)
 * that break their schema: a TypeError, as a bad argument is in JavaScript, of its
 * own class so that front ends tell it from a bug by type. The message is one line.
 */
export class InvalidOptionError extends TypeError {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidOptionError'
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

/** The first issue of a zod error, placed and worded for the person who has to fix it. */
export interface ZodIssueDescription {
  /** JSON path of what is wrong; for an unknown key, the key itself (zod reports it at its parent). */
  path: Array<string | number>
  /** What was expected, and what was found, in zod's words. */
  message: string
  /** `<lead> <path>: <message>`, e.g. `invalid config at budget.requests: Too small: expected number to be >=1`. */
  line: string
}

/**
 * The one way a zod error becomes one line, for every front end: the CLI's config
 * (`invalid config at`), the checker's options (`checker option`), the plugin's and
 * the integration's options (`remark-vetted: invalid option`), a model's answer.
 * `lead` says what was being read; the path is `formatJsonPath`'s.
 */
export function describeZodIssue(error: ZodError, lead?: string): ZodIssueDescription {
  const issue = error.issues[0]!
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0])
  const message = issue.message
  return { path, message, line: `${lead ? `${lead} ` : ''}${formatJsonPath(path)}: ${message}` }
}
