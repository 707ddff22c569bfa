// The build gate: a remark plugin, run after remark-vetted, that collects each
// post's open corrections; the integration reports them all at the end of the
// build, with file:line and id, and fails it unless told to warn.

import { relative } from 'node:path'
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

  /** The remark plugin that records what remark-vetted found in a file. */
  readonly remarkPlugin = () => (_tree: unknown, file: VFile) => {
    const data = file.data.vetted as VettedData | undefined
    if (!data) return
    const key = file.path || data.post
    const open = data.corrections
      .filter((state) => state.correction.status === 'open' && state.status === 'open')
      .map((state) => ({
        file: file.path ? relative(process.cwd(), file.path) : data.post,
        ...(state.start ? { line: state.start.line, column: state.start.column } : {}),
        id: state.correction.id,
        summary: state.correction.summary,
      }))
    // A file rendered again (dev, or twice in a build) replaces its earlier entry.
    if (open.length > 0) this.#found.set(key, open)
    else this.#found.delete(key)
  }

  list(): OpenCorrection[] {
    return [...this.#found.values()].flat().sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
  }

  /** One line per open correction: `content/post.md:12:5 c-0123456789 summary`. */
  format(): string {
    return this.list()
      .map((open) => `  ${open.file}${open.line ? `:${open.line}:${open.column}` : ''} ${open.id} ${open.summary}`)
      .join('\n')
  }
}
