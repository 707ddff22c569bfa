// remark-vetted in remark-cli, as a blog that is not built with vetted uses it:
// the packed tarball and remark-cli installed by npm in a project outside the
// repository, a `.remarkrc.mjs` as the README gives it, a post and its ledger.
// `remark post.md` reports what a unified pipeline with the same plugins reports,
// and `remark post.md -o` writes the post back with its text unchanged.

import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run, userProject, type UserProject } from './support.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures', 'remark-post')
const POST = readFileSync(join(FIXTURE, 'post.md'), 'utf8')

/** Where `needle` stands in `text`, as 1-based line and column (vfile's points). */
function placeOf(text: string, needle: string): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const at = text.indexOf(needle)
  if (at < 0) throw new Error(`not in the post: ${needle}`)
  const point = (offset: number) => {
    const before = text.slice(0, offset).split('\n')
    return { line: before.length, column: before.at(-1)!.length + 1 }
  }
  return { start: point(at), end: point(at + needle.length) }
}

// What remark-vetted reports, through remark's unified pipeline with the same
// `.remarkrc.mjs` (a preset: `{ plugins }`), as JSON.
const PIPELINE = `import { readFileSync } from 'node:fs'
import { remark } from 'remark'
import { VFile } from 'vfile'
import config from './.remarkrc.mjs'

const file = new VFile({ path: process.argv[2], value: readFileSync(process.argv[2], 'utf8') })
await remark().use(config).process(file)
console.log(JSON.stringify(file.messages.map(({ reason, ruleId, source, fatal, place, note, url, actual, expected }) => ({ reason, ruleId, source, fatal, place, note, url, actual, expected }))))
`

interface ReportedMessage {
  reason: string
  ruleId?: string
  source?: string
  fatal?: boolean | null
  place?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }
  note?: string
  url?: string
  actual?: string
  expected?: string[]
}

let project: UserProject

beforeAll(async () => {
  project = await userProject(
    ['remark-vetted'],
    [
      'remark-cli@^12',
      'remark@^15',
      'remark-frontmatter@^5',
      'remark-gfm@^4',
      'remark-math@^6',
      'remark-directive@^4',
      'vfile@^6',
      'vfile-reporter-json@^4',
    ],
  )
  cpSync(FIXTURE, project.dir, { recursive: true })
  writeFileSync(join(project.dir, 'pipeline.mjs'), PIPELINE)
})
afterAll(() => project?.remove())

describe('remark-vetted in remark-cli with a .remarkrc.mjs', () => {
  it('prints the open correction and the unchecked claim at their words, as the unified pipeline reports them', async () => {
    const result = await project.bin('remark', ['post.md', '--report', 'json', '--no-stdout'])
    expect(result.code, result.stderr).toBe(0)
    const [report] = JSON.parse(result.stderr) as Array<{ path: string; messages: ReportedMessage[] }>
    const pipeline = await run('node', ['pipeline.mjs', 'post.md'], { cwd: project.dir })
    expect(pipeline.code, pipeline.stderr).toBe(0)
    const expected = JSON.parse(pipeline.stdout) as ReportedMessage[]

    expect(report!.path).toBe('post.md')
    const shape = (message: ReportedMessage) => ({
      reason: message.reason,
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal ?? null,
      start: message.place ? [message.place.start.line, message.place.start.column] : null,
      end: message.place ? [message.place.end.line, message.place.end.column] : null,
      note: message.note ?? null,
    })
    expect(report!.messages.map(shape)).toEqual(expected.map(shape))

    const open = placeOf(POST, 'released by NCSA in 1992')
    const unchecked = placeOf(POST, 'Netscape Navigator, released in October 1994, took most of the browser market within a year.')
    expect(report!.messages.map(shape)).toEqual([
      expect.objectContaining({
        ruleId: 'open-correction',
        source: 'vetted',
        fatal: false,
        reason: 'NCSA released Mosaic in 1993, not 1992.',
        start: [open.start.line, open.start.column],
        end: [open.end.line, open.end.column],
      }),
      expect.objectContaining({
        ruleId: 'unchecked-claim',
        source: 'vetted',
        fatal: false,
        start: [unchecked.start.line, unchecked.start.column],
        end: [unchecked.end.line, unchecked.end.column],
      }),
    ])
    expect(report!.messages[0]!.note).toContain('vetted resolve c-')
  })

  it('shows them in its usual report, one line each with place, rule and source', async () => {
    const result = await project.bin('remark', ['post.md', '--no-stdout', '--no-color'])
    expect(result.code, result.stderr).toBe(0)
    const open = placeOf(POST, 'released by NCSA in 1992')
    const unchecked = placeOf(POST, 'Netscape Navigator, released in October 1994, took most of the browser market within a year.')
    expect(result.stderr).toMatch(
      new RegExp(
        `${open.start.line}:${open.start.column}-${open.end.line}:${open.end.column} +warning +NCSA released Mosaic in 1993, not 1992\\. +open-correction +vetted`,
      ),
    )
    expect(result.stderr).toMatch(
      new RegExp(
        `${unchecked.start.line}:${unchecked.start.column}-${unchecked.end.line}:${unchecked.end.column} +warning +Unchecked claim \\(no verdict yet\\) +unchecked-claim +vetted`,
      ),
    )
    expect(result.stderr).toMatch(/2 warnings/)
  })

  it('writes the post back with -o byte for byte: no directives, no cards, emphasis around the published correction intact', async () => {
    const result = await project.bin('remark', ['post.md', '-o', '--quiet'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toMatch(/Cannot handle|error/i)
    expect(readFileSync(join(project.dir, 'post.md'), 'utf8')).toBe(POST)
  })

  it('writes a post back with nothing but remark-vetted in .remarkrc.mjs', async () => {
    // A folder of its own, with its own config: no frontmatter, GFM or directive syntax at all.
    const dir = join(project.dir, 'minimal')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '.remarkrc.mjs'), "import remarkVetted from 'remark-vetted'\n\nexport default { plugins: [remarkVetted] }\n")
    const post = `${POST.slice(POST.indexOf('# The first web browsers'), POST.indexOf('| Year')).trimEnd()}\n`
    writeFileSync(join(dir, 'post.md'), post)
    writeFileSync(join(dir, 'post.vetted.json'), readFileSync(join(FIXTURE, 'post.vetted.json')))
    const result = await project.bin('remark', ['minimal/post.md', '-o', '--no-color'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/open-correction +vetted/)
    expect(readFileSync(join(dir, 'post.md'), 'utf8')).toBe(post)
  })
})
