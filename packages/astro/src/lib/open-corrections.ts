// The build gate: a step run after remark-vetted, on either processor, that
// collects each post's open corrections and broken ledgers; the integration reports them all
// at the end of the build, with file:line and id, and fails it (open ones only
// warn when told to; a broken ledger always fails: the post would silently lose
// its corrections).

import { readFileSync } from 'node:fs'
import { basename, relative, sep } from 'node:path'
import { VettedInputError, plain, readLedger, type Ledger } from '@vetted/core'
import { analyze, parseMarkdown, readPost } from '@vetted/post'
import { blankFrontmatter, checkLedgerMarkdownLimits } from '@vetted/post/internal'
import type { VettedData } from 'remark-vetted'
import type { VFile } from 'vfile'

export interface OpenCorrection {
  file: string
  line?: number
  column?: number
  id: string
  summary: string
}

export class OpenCorrections {
  readonly #found = new Map<string, OpenCorrection[]>()
  readonly #broken = new Map<string, string>()
  /** Posts judged from their files on disk: what renders them later adds nothing. */
  readonly #read = new Set<string>()
  /** Posts whose problems were reported (a build fails or warns once for each). */
  readonly #reported = new Set<string>()
  /** The ledgers read from disk that are valid, by post: the plugin need not read them again. */
  readonly #ledgers = new Map<string, { ledger: Ledger; path: string }>()

  /**
   * Read each ledger and its post from disk, as `vetted check --ci` does: what
   * the build gate needs before any page is rendered, whatever Astro cached or
   * defers. Replaces what was recorded for those posts.
   */
  readLedgers(ledgers: Array<{ ledger: string; post: string }>): void {
    for (const { ledger: ledgerPath, post } of ledgers) {
      this.#read.add(post)
      this.#found.delete(post)
      this.#broken.delete(post)
      this.#ledgers.delete(post)
      try {
        const ledger = readLedger(ledgerPath, basename(post))
        if (!ledger) continue
        checkLedgerMarkdownLimits(ledger, ledgerPath, () => readFileSync(ledgerPath, 'utf8'))
        this.#ledgers.set(post, { ledger, path: ledgerPath })
        // Only an open correction of the ledger can be open in the post: without one, the post
        // is not read here. Astro parses it (the limits guard vetted's own Markdown parsing:
        // the plugin reads Astro's tree, and the gate parses only the posts below).
        if (!Object.values(ledger.corrections).some((correction) => correction.status === 'open')) continue
        const source = readPost(post)
        const analysis = analyze(parseMarkdown(source, post), source, ledger, { claims: false })
        const open = analysis.corrections
          .filter((placed) => placed.correction.status === 'open' && placed.status === 'open')
          .map((placed) => ({
            file: relative(process.cwd(), post),
            ...(placed.start ? { line: placed.start.line, column: placed.start.column } : {}),
            id: placed.correction.id,
            summary: placed.correction.summary,
          }))
        if (open.length > 0) this.#found.set(post, open)
      } catch (error) {
        if (!(error instanceof VettedInputError)) throw error
        this.#broken.set(post, relativeProblem(error))
      }
    }
  }

  /** The valid ledger readLedgers() read for `post` (an absolute path), if any. */
  ledgerOf(post: string): { ledger: Ledger; path: string } | undefined {
    return this.#ledgers.get(post)
  }

  /** After remark-vetted: record what it found in a file. */
  collect(file: VFile): void {
    const data = file.data.vetted as VettedData | undefined
    if (!data) return
    const key = file.path || data.post
    if (this.#read.has(key)) return
    const fatal = file.messages.find((message) => message.fatal === true && message.source === 'vetted')
    if (fatal) this.#broken.set(key, ledgerProblem(fatal))
    else this.#broken.delete(key)
    const shift = file.path ? bodyShift(file.path, String(file.value ?? '')) : NO_SHIFT
    const open = data.corrections
      .filter((state) => state.correction.status === 'open' && state.status === 'open')
      .map((state) => ({
        file: file.path ? relative(process.cwd(), file.path) : data.post,
        ...(state.start
          ? { line: state.start.line + shift.lines, column: state.start.column + (state.start.line === 1 ? shift.column : 0) }
          : {}),
        id: state.correction.id,
        summary: state.correction.summary,
      }))
    // A file rendered again (dev, or twice in a build) replaces its earlier entry.
    if (open.length > 0) this.#found.set(key, open)
    else this.#found.delete(key)
  }

  /** Broken ledgers, one line each: `content/post.vetted.json:5:12: invalid ledger: …`, as plain text. */
  broken(): string[] {
    return [...this.#broken.values()].sort().map(plain)
  }

  list(): OpenCorrection[] {
    return sortOpen([...this.#found.values()].flat())
  }

  /** Broken ledgers and open corrections of the posts not reported before; they count as reported now. */
  unreported(): { broken: string[]; open: OpenCorrection[] } {
    const broken = [...this.#broken].filter(([post]) => !this.#reported.has(post))
    const open = [...this.#found].filter(([post]) => !this.#reported.has(post))
    for (const [post] of [...broken, ...open]) this.#reported.add(post)
    return { broken: broken.map(([, line]) => plain(line)).sort(), open: sortOpen(open.flatMap(([, list]) => list)) }
  }

  /** One line per open correction: `content/post.md:12:5 c-0123456789 summary`, as plain text (the summary is the model's or a ledger's). */
  format(list: OpenCorrection[] = this.list()): string {
    return list
      .map((open) => `  ${plain(`${open.file}${open.line ? `:${open.line}:${open.column}` : ''} ${open.id} ${open.summary}`)}`)
      .join('\n')
  }
}

const sortOpen = (list: OpenCorrection[]) => list.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))

const NO_SHIFT = { lines: 0, column: 0 }

/**
 * Where the rendered text starts in the file. Markdown modules render the file
 * with its frontmatter blanked (same lines); a content collection's eagerly
 * rendered entries get the body trimmed, so their lines start after the
 * frontmatter. Positions are reported in the file the author edits.
 */
function bodyShift(path: string, rendered: string): { lines: number; column: number } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return NO_SHIFT
  }
  const { body } = blankFrontmatter(text)
  if (rendered === text || body.startsWith(rendered)) return NO_SHIFT
  const start = body.length - body.trimStart().length
  if (!body.startsWith(rendered, start)) return NO_SHIFT
  const before = body.slice(0, start)
  const lines = before.split('\n').length - 1
  return { lines, column: start - (before.lastIndexOf('\n') + 1) }
}

/** `content/post.vetted.json:5:12: …`: the ledger's path relative to the working folder, like the posts'. */
function ledgerProblem(message: VFile['messages'][number]): string {
  const error = message.cause
  if (!(error instanceof VettedInputError) || !error.message.startsWith(error.file)) return message.reason
  return relativeProblem(error)
}

/** The error's message with its file, and any other path in it (the `vetted mv` of a renamed ledger), relative to the working folder. */
function relativeProblem(error: VettedInputError): string {
  const message = error.message.startsWith(error.file)
    ? relative(process.cwd(), error.file) + error.message.slice(error.file.length)
    : error.message
  return message.replaceAll(process.cwd() + sep, '')
}
