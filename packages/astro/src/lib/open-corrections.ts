// The build gate: a remark plugin, run after remark-vetted, that collects each
// post's open corrections and broken ledgers; the integration reports them all
// at the end of the build, with file:line and id, and fails it (open ones only
// warn when told to; a broken ledger always fails: the post would silently lose
// its corrections).

import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { VettedInputError, plain } from '@vetted/core'
import { blankFrontmatter } from '@vetted/post'
import type { Root } from 'mdast'
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

  /** The remark plugin that records what remark-vetted found in a file. */
  readonly remarkPlugin = () => (_tree: Root, file: VFile) => {
    const data = file.data.vetted as VettedData | undefined
    if (!data) return
    const key = file.path || data.post
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
    return [...this.#found.values()].flat().sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
  }

  /** One line per open correction: `content/post.md:12:5 c-0123456789 summary`, as plain text (the summary is the model's or a ledger's). */
  format(): string {
    return this.list()
      .map((open) => `  ${plain(`${open.file}${open.line ? `:${open.line}:${open.column}` : ''} ${open.id} ${open.summary}`)}`)
      .join('\n')
  }
}

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
  return relative(process.cwd(), error.file) + error.message.slice(error.file.length)
}
