// File names are data like any other: whatever a post is called, every report
// format prints its name inert (no escape sequence, no bidi reordering, no
// invisible character), and a post whose name vetted cannot handle is one
// finding in the report while the rest of the run goes on. Real files with such
// names in a temp folder (Linux takes any bytes but '/' and NUL in a name).

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

/** Every invisible or reordering character the reports must escape, with a C0 and a C1 control and DEL. */
const HIDDEN = [
  '\u001b',
  '\u009b',
  '\u007f',
  '\u202e',
  '\u2066',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u2064',
  '\ufeff',
]
const HOSTILE_NAME = `a${HIDDEN.join('')}[31mevil.md`
const ESCAPED = [
  '\\x1b',
  '\\x9b',
  '\\x7f',
  '\\u202e',
  '\\u2066',
  '\\u200e',
  '\\u200f',
  '\\u061c',
  '\\u200b',
  '\\u200c',
  '\\u200d',
  '\\u2060',
  '\\u2064',
  '\\ufeff',
].join('')

const rawIn = (text: string) => HIDDEN.filter((char) => text.includes(char))

it('a post named with controls, bidi and zero-width characters is escaped in the text, github and sarif reports, and JSON-escaped in json', async () => {
  const cwd = project({ [`content/${HOSTILE_NAME}`]: POST })
  for (const format of ['text', 'github', 'sarif', 'json']) {
    const result = await vettedInProcess(['check', '--ci', '--format', format], { cwd })
    expect(result.code, result.stderr).toBe(1)
    expect(rawIn(result.stdout), format).toEqual([])
    expect(rawIn(result.stderr), format).toEqual([])
    if (format === 'json') expect(JSON.parse(result.stdout).files[0].path).toBe(`content/${HOSTILE_NAME}`)
    else if (format === 'sarif')
      expect(result.stdout).toContain('%E2%80%AE') // the URI is percent-encoded
    else expect(result.stdout).toContain(`a${ESCAPED}[31mevil.md`)
  }
  // In the annotation's file= property too, which no stop-commands fence covers.
  const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
  const annotations = github.stdout.split('\n').filter((line) => line.startsWith('::error '))
  expect(annotations.length).toBeGreaterThan(0)
  for (const line of annotations) expect(line).toContain(`file=content/a${ESCAPED}[31mevil.md,`)
})

it('a post whose ledger name is too long, or whose name is not UTF-8, is one finding each; the other posts are checked and the gate fails', async () => {
  const cwd = project({ 'content/towns.md': POST })
  const long = `${'l'.repeat(247)}.md` // 250 bytes: its ledger, 259, is past the file system's 255
  writeFileSync(join(cwd, 'content', long), POST)
  // "caf\xe9.md": Latin-1, not UTF-8.
  writeFileSync(Buffer.concat([Buffer.from(join(cwd, 'content/caf')), Buffer.from([0xe9]), Buffer.from('.md')]), POST)

  const sent = fake.requests.length
  const run = await vettedInProcess(['check', '--format', 'json'], { cwd, env: online })
  expect(run.code, run.stderr).toBe(1)
  expect(fake.requests.length).toBeGreaterThan(sent) // towns.md went to the checker
  const report = JSON.parse(run.stdout)
  expect(report.files.map((file: { path: string; claims: number }) => [file.path, file.claims])).toEqual([['content/towns.md', 3]])
  expect(report.unreadable).toEqual([
    { path: 'content/caf\\xe9.md', reason: 'name is not valid UTF-8' },
    { path: `content/${long}`, reason: 'name too long for its ledger' },
  ])
  expect(report.summary.unreadable).toBe(2)

  // The gate and the text report name each with why.
  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.code).toBe(1)
  expect(gate.stdout).toContain(`content/${long}: cannot be checked: name too long for its ledger`)
  expect(gate.stdout).toContain('content/caf\\xe9.md: cannot be checked: name is not valid UTF-8')
  const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
  expect(github.stdout).toContain('::error file=content/caf\\xe9.md,title=vetted%3A post cannot be checked::name is not valid UTF-8')
})
