// Reading a post safely: what is not a UTF-8 Markdown file of sensible size is a
// clear error naming the file and the place, never garbage fed to the parser.

import { readFileSync, statSync } from 'node:fs'
import { VettedInputError, placeOf } from '@vetted/core'

/** The largest post read by default: 5 MiB of Markdown is far beyond any article. */
export const DEFAULT_MAX_POST_BYTES = 5 * 1024 * 1024

export function decodePost(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_POST_BYTES): string {
  if (bytes.byteLength > maxBytes) {
    throw new VettedInputError(file, `is ${(bytes.byteLength / 1048576).toFixed(1)} MiB; posts larger than ${(maxBytes / 1048576).toFixed(1)} MiB are refused`, {
      expected: `a Markdown file under ${maxBytes} bytes`,
    })
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, nul))
    throw new VettedInputError(file, 'is a binary file (it contains a NUL byte), not Markdown', {
      place: placeOf(before, before.length),
      expected: 'a UTF-8 text file',
    })
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad))
    throw new VettedInputError(file, `is not valid UTF-8 (byte 0x${bytes[bad]?.toString(16).padStart(2, '0')} at byte offset ${bad})`, {
      place: placeOf(before, before.length),
      expected: 'UTF-8 text',
    })
  }
}

/** Read a post from disk with the checks of `decodePost`. */
export function readPost(file: string, maxBytes = DEFAULT_MAX_POST_BYTES): string {
  let size: number
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) throw new VettedInputError(file, 'is a folder, not a Markdown file')
    size = stat.size
  } catch (error) {
    if (error instanceof VettedInputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new VettedInputError(file, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, { cause: error })
  }
  if (size > maxBytes) return decodePost(new Uint8Array(size), file, maxBytes)
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    throw new VettedInputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error })
  }
  return decodePost(bytes, file, maxBytes)
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += need + 1
  }
  return i
}

/**
 * Frontmatter replaced by spaces (newlines kept), so that offsets, lines and
 * columns still match the file, as Astro does before its Markdown processor runs.
 * Returns the frontmatter's YAML text too.
 */
export function blankFrontmatter(source: string): { body: string; frontmatter: string | undefined } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)
  if (!match) return { body: source, frontmatter: undefined }
  const blanked = match[0].replace(/[^\n]/g, ' ')
  return { body: blanked + source.slice(match[0].length), frontmatter: match[1] }
}

/** The post's date from simple YAML frontmatter (`date:` or `pubDate:`), as YYYY-MM-DD. */
export function frontmatterDate(frontmatter: string | undefined): string | undefined {
  if (!frontmatter) return undefined
  const match = /^(?:date|pubDate|published):\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(frontmatter)
  return match?.[1]
}
