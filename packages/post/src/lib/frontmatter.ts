// A post's frontmatter, read with a real YAML parser, and its publication date
// from the keys blogs use (`date`, Astro's template `pubDate`, `publishDate`,
// `published`) in the forms their templates write: an ISO date with or without
// a time, `Jul 30 2025`, `July 30, 2025`, a YAML timestamp. A form that needs a
// guess (`07/08/2025`: July or August?) is not read; the caller warns. A post
// whose frontmatter has no date key may be dated by its file or folder name, as
// Docusaurus and Jekyll date posts (`2025-07-30-title.md`).

import { VettedInputError } from '@vetted/core'
import { placeOf } from '@vetted/core/internal'
import { parseDocument, isMap, isScalar } from 'yaml'
import { blankFrontmatter } from './post.ts'

/** Where a post's publication date is looked for, in this order. `updatedDate` and `updated` are not publication dates. */
export const DEFAULT_DATE_KEYS: readonly string[] = ['date', 'pubDate', 'publishDate', 'published']

export interface Frontmatter {
  /** The top-level mapping, as YAML 1.2 reads it (a timestamp stays a string). */
  data: Record<string, unknown>
  /** The 1-based line in the file of each top-level key. */
  lines: Map<string, number>
}

/**
 * The frontmatter of `source` (between `---` lines at its top), or undefined
 * when it has none. YAML that does not parse is a VettedInputError naming
 * `file:line:column`.
 */
export function parseFrontmatter(source: string, file: string): Frontmatter | undefined {
  const { frontmatter } = blankFrontmatter(source)
  if (frontmatter === undefined) return undefined
  // The frontmatter's text starts on the file's second line, after `---`.
  const inFile = (offset: number) => {
    const { line, column } = placeOf(frontmatter, offset)
    return { line: line + 1, column }
  }
  const document = parseDocument(frontmatter, { prettyErrors: false })
  const error = document.errors[0]
  if (error) {
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new VettedInputError(file, `has frontmatter that is not valid YAML: ${reason}`, {
      place: inFile(error.pos[0]),
      expected: 'YAML between the --- lines at the top of the post, such as `pubDate: 2025-07-30`',
    })
  }
  const lines = new Map<string, number>()
  const contents = document.contents
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), inFile(pair.key.range[0]).line)
    }
  }
  const data: unknown = document.toJS()
  return { data: data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, lines }
}

/** The post's publication date as YYYY-MM-DD and the key it came from, or why there is none (a warning's text). */
export type PostDate =
  | { date: string; key: string; line: number | undefined }
  | { date?: undefined; problem: string; line: number | undefined }

/**
 * The publication date: the first of `keys` the frontmatter has decides. When it
 * cannot be read (an ambiguous or unknown form), `problem` says why; the date of
 * another key is not used instead. With none of the keys, the day the post's
 * `path` starts a file or folder name with (`blog/2025-07-30-title/index.md`,
 * `_posts/2025-07-30-title.md`, `2025/07/30/title.md`), as Docusaurus and Jekyll
 * date posts; `key` is then `file name`.
 */
export function postDate(frontmatter: Frontmatter | undefined, keys: readonly string[] = DEFAULT_DATE_KEYS, path?: string): PostDate {
  const listed = keys.join(', ')
  const key = frontmatter && keys.find((name) => frontmatter.data[name] !== undefined && frontmatter.data[name] !== null)
  if (key === undefined) {
    const named = path === undefined ? undefined : dateInPath(path)
    if (named) return { date: named, key: 'file name', line: undefined }
  }
  if (!frontmatter) return { problem: `no date: the post has no frontmatter (vetted reads ${listed})`, line: undefined }
  if (key === undefined) return { problem: `no date in the frontmatter (vetted reads ${listed})`, line: undefined }
  const line = frontmatter.lines.get(key)
  const read = dayOf(frontmatter.data[key])
  if ('day' in read) return { date: read.day, key, line }
  return { problem: `${key} ${read.problem}`, line }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?'
const TIME = '(?:[T\\s]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s*(?:[ap]m))?(?:\\s*(?:z|utc|gmt|[+-]\\d{2}:?\\d{2}))?)?'
/** 2025-07-30, 2025-07-30T10:00:00Z, 2025-07-30 10:00 +02:00, 2025/07/30: the day as the author wrote it. */
const ISO = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME}$`, 'i')
/** Jul 30 2025, July 30, 2025, Wed Jul 30 2025, Jul 30th, 2025. */
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`, 'i')
/** 30 July 2025, Wed, 30 Jul 2025 10:00:00 GMT (RSS). */
const DAY_FIRST = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})${TIME}$`, 'i')
/** 07/08/2025, 7.8.2025, 07-08-2025: month or day first depends on the writer's country. */
const AMBIGUOUS = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/

const EXPECTED = 'write it as 2025-07-30 (or Jul 30 2025)'

/** A frontmatter value as a calendar day, YYYY-MM-DD; or why it is not one (a phrase to follow the key's name). */
function dayOf(value: unknown): { day: string } | { problem: string } {
  // A Date: from a YAML 1.1 timestamp, or Astro's `z.coerce.date()`; its day in UTC, as Astro's schema reads it.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { problem: `is an invalid date; ${EXPECTED}` } : { day: value.toISOString().slice(0, 10) }
  if (typeof value !== 'string') return { problem: `holds ${describe(value)}, not a date; ${EXPECTED}` }
  const text = value.trim()
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)
  let parts: [number, number, number] | undefined
  let match: RegExpExecArray | null
  if ((match = ISO.exec(text))) parts = [Number(match[1]), Number(match[2]), Number(match[3])]
  else if ((match = MONTH_FIRST.exec(text))) parts = [Number(match[3]), monthNumber(match[1]!), Number(match[2])]
  else if ((match = DAY_FIRST.exec(text))) parts = [Number(match[3]), monthNumber(match[2]!), Number(match[1])]
  else if (AMBIGUOUS.test(text)) return { problem: `${shown} is ambiguous (month or day first?) and is not guessed; ${EXPECTED}` }
  if (!parts) return { problem: `${shown} is not a date vetted reads; ${EXPECTED}` }
  const [year, month, day] = parts
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `${shown} is not a day of the calendar; ${EXPECTED}` }
  }
  return { day: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` }
}

/**
 * The day a post's own name starts with, as Docusaurus reads it: the file's name
 * (`2025-07-30-title.md`), an `index` file's folder (`2025-07-30-title/index.md`),
 * or the three folders above it (`2025/07/30/title.md`). A day of the calendar;
 * a date elsewhere in the path (a folder far above) is not the post's.
 */
function dateInPath(path: string): string | undefined {
  const segments = path.replaceAll('\\', '/').split('/')
  // An `index` file is its folder's post: the folder's name is the post's.
  if (segments.length > 1 && /^index\.[^.]+$/i.test(segments.at(-1)!)) segments.pop()
  const name = NAME_DAY.exec(segments.at(-1)!)
  const folders = segments.length >= 4 ? FOLDERS_DAY.exec(segments.slice(-4, -1).join('/')) : null
  const found = name ?? folders
  if (!found) return undefined
  const read = dayOf(`${found[1]}-${found[2]}-${found[3]}`)
  return 'day' in read ? read.day : undefined
}
const NAME_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=[-_.]|$)/
const FOLDERS_DAY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/

const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1

function describe(value: unknown): string {
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `${value}`
  return Array.isArray(value) ? 'a list' : 'a mapping'
}
