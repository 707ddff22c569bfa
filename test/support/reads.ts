// How often a post is read and parsed (issue 23: one forward pass), counted at the
// seams a second read or parse goes through: node:fs's openSync (core's
// readRegularFile opens every post and ledger with it) and remark-parse's parser
// (every parse of @vetted/post's parseMarkdown runs it). A test file mocks both
// with these (vi.mock is hoisted above imports, so the factory imports this file):
//
//   vi.mock('node:fs', async (original) => (await import('../support/reads.ts')).countingOpens(original))
//   vi.mock('remark-parse', async (original) => (await import('../support/reads.ts')).countingParses(original))
//
// This file imports neither module: it would count itself.

type ImportOriginal = <T>() => Promise<T>

/** Every path opened, and the number of parses, since the last `forgetReads()`. */
export const seen = { opened: [] as string[], parses: 0 }

export function forgetReads(): void {
  seen.opened.length = 0
  seen.parses = 0
}

/** How many times `file` was opened. */
export const opens = (file: string) => seen.opened.filter((path) => path === file).length

export async function countingOpens(importOriginal: ImportOriginal) {
  const fs = await importOriginal<typeof import('node:fs')>()
  const openSync = ((path: import('node:fs').PathLike, ...rest: unknown[]) => {
    seen.opened.push(String(path))
    return (fs.openSync as (...args: unknown[]) => number)(path, ...rest)
  }) as typeof fs.openSync
  return { ...fs, openSync, default: { ...fs, openSync } }
}

export async function countingParses(importOriginal: ImportOriginal) {
  const { default: remarkParse } = await importOriginal<typeof import('remark-parse')>()
  // The plugin sets the processor's parser; each call of it is one parse of a post.
  function counted(this: { parser: (document: string) => unknown }, ...options: unknown[]) {
    ;(remarkParse as (...args: unknown[]) => void).apply(this, options)
    const parser = this.parser
    this.parser = (document: string) => {
      seen.parses++
      return parser(document)
    }
  }
  return { default: counted }
}
