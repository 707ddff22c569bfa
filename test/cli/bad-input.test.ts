// Bad input to the CLI: exit 2, one clear line naming the file (and place), and
// every file exactly as it was.

import { chmodSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { POST, project, vetted } from './support.ts'

async function expectRefused(cwd: string, args: string[], line: RegExp) {
  const before = checksums(cwd)
  const result = await vetted(args, { cwd })
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  expect(result.stderr).toMatch(line)
  expect(checksums(cwd)).toEqual(before)
}

describe('bad input', () => {
  it('a path that does not exist', async () => {
    await expectRefused(project({ 'content/a.md': POST }), ['check', 'content/nope.md'], /^vetted: content\/nope\.md: does not exist\n$/)
  })

  it('a folder with no Markdown', async () => {
    const cwd = project({ 'drafts/notes.txt': 'not a post' })
    await expectRefused(cwd, ['check', 'drafts'], /^vetted: drafts: has no Markdown files/)
  })

  it('an unreadable file', async () => {
    const cwd = project({})
    mkdirSync(join(cwd, 'content'))
    if (process.getuid?.() === 0) symlinkSync('missing-target.md', join(cwd, 'content/post.md')) // root reads any mode
    else {
      const cwdFile = join(cwd, 'content/post.md')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(cwdFile, POST)
      chmodSync(cwdFile, 0o000)
    }
    await expectRefused(cwd, ['check'], /^vetted: .*content\/post\.md: (does not exist|cannot be read \(EACCES\))\n$/)
  })

  it('a config that is not JSON, and one with a wrong key, name the file, line and key', async () => {
    await expectRefused(project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize" 10\n}\n', 'content/a.md': POST }), ['check'], /vetted\.config\.json:3:\d+: is not valid JSON/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize": "ten"\n}\n', 'content/a.md': POST }), ['check'], /vetted\.config\.json:3:\d+: invalid config at batchSize: .*number/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "contents": ["posts"]\n}\n', 'content/a.md': POST }), ['check'], /vetted\.config\.json:2:\d+: invalid config at contents: .*[Uu]nrecognized key/)
  })

  it('a broken ledger names the ledger, the line and the JSON path', async () => {
    const cwd = project({
      'content/a.md': POST,
      'content/a.vetted.json': '{\n  "version": 1,\n  "post": "a.md",\n  "claims": {\n    "0123456789abcdef": { "text": "x", "verdict": "maybe" }\n  }\n}\n',
    })
    await expectRefused(cwd, ['check'], /a\.vetted\.json:5:\d+: invalid ledger: .*claims\["0123456789abcdef"\]\.verdict/)
  })

  it('an unknown or malformed correction id for resolve', async () => {
    const cwd = project({ 'content/a.md': POST })
    await expectRefused(cwd, ['resolve', 'c-0000000000', '--annotate'], /^vetted: no correction c-0000000000 in the ledgers of 1 post/)
    await expectRefused(cwd, ['resolve', 'banana', '--annotate'], /^vetted: "banana" is not a correction id/)
  })

  it('unknown options and formats', async () => {
    const cwd = project({ 'content/a.md': POST })
    await expectRefused(cwd, ['check', '--format', 'xml'], /--format must be one of text, json, github, sarif, not "xml"/)
    await expectRefused(cwd, ['check', '--colour'], /Unknown option '--colour'/)
  })
})
