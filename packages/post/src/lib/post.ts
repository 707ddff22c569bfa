// Reading a post safely: what is not a regular UTF-8 Markdown file of sensible
// size and nesting is a clear error naming the file and the place, never garbage
// (or a device, a pipe, a file outside the project) fed to the parser.

import { VettedInputError } from '@vetted/core'
import { placeOf, readRegularFile } from '@vetted/core/internal'
import { checkMarkdownLimits } from './limits.ts'

// Where parse.ts and frontmatter.ts have long taken it from; it lives apart so that limits.ts can use it without a cycle.
export { blankFrontmatter } from './blank-frontmatter.ts'

/** The largest post read by default: 5 MiB of Markdown is far beyond any article. */
export const DEFAULT_MAX_POST_BYTES = 5 * 1024 * 1024

export function decodePost(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_POST_BYTES): string {
  if (bytes.byteLength > maxBytes) {
    throw new VettedInputError(file, `is larger than ${Number((maxBytes / 1048576).toFixed(1))} MiB; larger posts are refused`, {
      expected: `a Markdown file of at most ${maxBytes} bytes`,
    })
  }
  const utf16 = utf16Kind(bytes)
  if (utf16) throw new VettedInputError(file, `is UTF-16 (${utf16}), not UTF-8`, { expected: 'a UTF-8 text file (save it as UTF-8)' })
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
    const shown = [...bytes.subarray(bad.at, bad.at + bad.length)].map((byte) => `0x${byte.toString(16).padStart(2, '0')}`)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad.at))
    const bytesAt = `${shown.length === 1 ? 'byte' : 'bytes'} ${shown.join(' ')} at byte offset ${bad.at}`
    throw new VettedInputError(file, `is not valid UTF-8 (${bytesAt}: ${bad.what})`, {
      place: placeOf(before, before.length),
      expected: 'UTF-8 text',
    })
  }
}

export interface ReadPostOptions {
  /** The largest post accepted, in bytes (5 MiB). */
  maxBytes?: number
  /** The project root a symlinked post must stay inside: the working folder by default. */
  root?: string
}

/**
 * Read a post from disk: a regular file (or a symlink to one inside the project
 * root), at most `maxBytes`, UTF-8, and within the Markdown limits
 * (`checkMarkdownLimits`: nesting depth, inline delimiters), so that parsing it is
 * bounded in time and stack.
 */
export function readPost(file: string, options: ReadPostOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_POST_BYTES
  const bytes = readRegularFile(file, { maxBytes, what: 'a Markdown post', ...(options.root ? { root: options.root } : {}) })
  if (bytes === undefined) throw new VettedInputError(file, 'does not exist', { expected: 'a Markdown file' })
  const source = decodePost(bytes, file, maxBytes)
  checkMarkdownLimits(source, file)
  return source
}

/** UTF-16 by its byte order mark, or by the zero high bytes of ASCII text; undefined otherwise. */
function utf16Kind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian, with a byte order mark'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian, with a byte order mark'
  // Without a mark: mostly-ASCII text has a zero in every other byte.
  const pairs = Math.min(Math.floor(bytes.length / 2), 512)
  if (pairs < 2) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++
    if (bytes[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros >= pairs * 0.8 && evenZeros === 0) return 'little-endian, without a byte order mark'
  if (evenZeros >= pairs * 0.8 && oddZeros === 0) return 'big-endian, without a byte order mark'
  return undefined
}

/**
 * The first invalid UTF-8 sequence, by the Unicode standard's table of
 * well-formed sequences (Table 3-7): overlong forms, encoded surrogates
 * (0xed 0xa0..0xbf) and code points above U+10FFFF are invalid, not just bad
 * continuation bytes.
 */
function firstInvalidUtf8(bytes: Uint8Array): { at: number; length: number; what: string } {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i]!
    if (lead < 0x80) {
      i++
      continue
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0
    if (need === 0) {
      const what =
        lead <= 0xbf
          ? 'a continuation byte without a lead byte'
          : lead <= 0xc1
            ? 'an overlong sequence'
            : 'a byte that never occurs in UTF-8'
      return { at: i, length: lead === 0xc0 || lead === 0xc1 ? 2 : 1, what }
    }
    // The second byte's range depends on the lead: this is where overlongs and surrogates are caught.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf
    for (let k = 1; k <= need; k++) {
      const byte = bytes[i + k]
      if (byte === undefined) return { at: i, length: k, what: 'a sequence cut short by the end of the file' }
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf]
      if (byte < min || byte > max) {
        const what =
          k === 1 && lead === 0xed && byte >= 0xa0 && byte <= 0xbf
            ? 'an encoded surrogate (CESU-8 or WTF-8, not UTF-8)'
            : k === 1 && (lead === 0xe0 || lead === 0xf0) && byte >= 0x80 && byte < low
              ? 'an overlong sequence'
              : k === 1 && lead === 0xf4 && byte > 0x8f && byte <= 0xbf
                ? 'a code point above U+10FFFF'
                : 'a lead byte without its continuation bytes; is the file Latin-1 or Windows-1252?'
        // A surrogate or an overlong form is wrong as a whole sequence: show all of it.
        return { at: i, length: what.startsWith('a lead byte') ? 1 : need + 1, what }
      }
    }
    i += need + 1
  }
  return { at: i, length: 0, what: 'an unknown sequence' }
}
