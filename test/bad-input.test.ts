// Bad input to the plugin and its files: each case gives one clear message naming
// the file, the place and what was expected, and no file on disk changes.

import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fingerprint, VettedInputError } from '@vetted/core'
import { readPost } from '@vetted/post'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { checksums, temporaryFolder } from './support/files.ts'

const POST = 'The first web browser was released in 1990 by Tim Berners-Lee.\n'
const CLAIM = 'The first web browser was released in 1990 by Tim Berners-Lee.'

/** Read a post and run the plugin on it, as the CLI and the site do. */
async function processPost(path: string) {
  const source = readPost(path)
  const file = new VFile({ value: source, path })
  await unified().use(remarkParse).use(remarkDirective).use(remarkVetted).run(unified().use(remarkParse).parse(file), file)
  return file
}

function expectInputError(run: () => unknown, pattern: RegExp) {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(VettedInputError)
    expect((error as Error).message).toMatch(pattern)
    return error as VettedInputError
  }
  throw new Error('expected a VettedInputError')
}

describe('bad input', () => {
  it('a binary file is refused as not Markdown, naming the file and the place of the first NUL', () => {
    const dir = temporaryFolder()
    const path = join(dir, 'image.md')
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x41, 0x00, 0x01]))
    const before = checksums(dir)
    const error = expectInputError(() => readPost(path), /image\.md:2:2: is a binary file/)
    expect(error.expected).toBe('a UTF-8 text file')
    expect(checksums(dir)).toEqual(before)
  })

  it('invalid UTF-8 is refused with the line and column of the bad byte', () => {
    const dir = temporaryFolder()
    const path = join(dir, 'latin1.md')
    writeFileSync(path, Buffer.concat([Buffer.from('# Title\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]))
    const before = checksums(dir)
    expectInputError(() => readPost(path), /latin1\.md:3:4: is not valid UTF-8 \(byte 0xe9/)
    expect(checksums(dir)).toEqual(before)
  })

  it('a 20 MB Markdown file is refused by size before it is parsed', () => {
    const dir = temporaryFolder()
    const path = join(dir, 'huge.md')
    writeFileSync(path, 'All claims are true. '.repeat(1_000_000))
    const before = checksums(dir)
    const error = expectInputError(() => readPost(path), /huge\.md: is larger than 5 MiB; refused/)
    expect(error.expected).toMatch(/of at most 5242880 bytes/)
    expect(checksums(dir)).toEqual(before)
  })

  it('a device is refused by what it is, even where links may go (root /): /dev/zero is never read', () => {
    const dir = temporaryFolder()
    const path = join(dir, 'zero.md')
    symlinkSync('/dev/zero', path)
    // Refused by what fstat says before any byte is read (a read would stop at 5 MiB and say "larger than").
    expectInputError(() => readPost(path, { root: '/' }), /zero\.md: is a character device, not a regular file/)
  })

  it('a ledger with wrong types is a fatal message naming the ledger, the line and the JSON path', async () => {
    const dir = temporaryFolder()
    writeFileSync(join(dir, 'post.md'), POST)
    const fp = fingerprint(CLAIM)
    writeFileSync(
      join(dir, 'post.vetted.json'),
      `{\n  "version": 1,\n  "post": "post.md",\n  "claims": {\n    "${fp}": { "text": "x", "verdict": "maybe" }\n  }\n}\n`,
    )
    const before = checksums(dir)
    const file = await processPost(join(dir, 'post.md'))
    const fatal = file.messages.filter((message) => message.fatal === true)
    expect(fatal).toHaveLength(1)
    expect(fatal[0]!.ruleId).toBe('invalid-ledger')
    expect(fatal[0]!.reason).toMatch(/post\.vetted\.json:5:\d+: invalid ledger: .*verdict/)
    expect(fatal[0]!.reason).toContain(`claims["${fp}"].verdict`)
    expect(checksums(dir)).toEqual(before)
  })

  it('a ledger of another post is refused, naming both posts', async () => {
    const dir = temporaryFolder()
    writeFileSync(join(dir, 'post.md'), POST)
    writeFileSync(
      join(dir, 'post.vetted.json'),
      JSON.stringify({ version: 1, post: 'other.md', claims: {}, corrections: {}, usage: [] }, null, 2),
    )
    const before = checksums(dir)
    const file = await processPost(join(dir, 'post.md'))
    const fatal = file.messages.filter((message) => message.fatal === true)
    expect(fatal.map((message) => message.ruleId)).toEqual(['invalid-ledger'])
    expect(fatal[0]!.reason).toMatch(/post\.vetted\.json:3:\d+: belongs to "other\.md", not to "post\.md"/)
    expect(checksums(dir)).toEqual(before)
  })
})
