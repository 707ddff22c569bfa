// A post's publication date, as blogs write it: claims are judged as of that
// date, and a published correction fixed after it makes the correction log. A
// date vetted cannot read is said (a note in every format), never guessed, and
// never fails the gate. The real CLI in-process, the fake Responses API server.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

const BODY = `
# Towns of the plain

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.

In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.
`
const FLAT = 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.'
/** No sentence the fake model calls wrong: the gate passes once it is checked. */
const SETTLED_BODY = BODY.replace(FLAT, 'In 1851, surveyors reported that Ashford sat beside the river.')

/** A post shaped like Astro's blog template: `updatedDate` first, then `pubDate` as the template writes it. */
const post = (dateLines: string, body = BODY) => `---\ntitle: 'Towns'\n${dateLines}\n---\n${body}`
const today = () => new Date().toISOString().slice(0, 10)

/** Run `vetted check` online and return what the fake received meanwhile. */
async function checkOnline(cwd: string, args: string[] = []) {
  const before = fake.requests.length
  const result = await vettedInProcess(['check', ...args], { cwd, env: online })
  return { ...result, sent: fake.requests.slice(before) }
}

const asOf = (input: string) => /The post was published on (\d{4}-\d{2}-\d{2})\./.exec(input)?.[1]

async function jsonReport(cwd: string) {
  const result = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
  return { code: result.code, report: JSON.parse(result.stdout) }
}

describe('the post date as blogs write it', () => {
  it.each([
    ["pubDate: 'Jul 30 2025'", 'Astro’s blog template'],
    ['pubDate: 2025-07-30', 'an unquoted YAML date'],
    ['publishDate: "July 30, 2025"', 'a long month name with a comma'],
    ['date: 2025-07-30T10:00:00Z', 'a YAML timestamp with a time'],
    ['published: 2025-07-30T23:30:00-05:00', 'a time and a zone: the day as written'],
    ["date: '30 July 2025'", 'the day first'],
  ])('%s (%s): the checker judges the claims as of 2025-07-30', async (line) => {
    const cwd = project({ 'content/towns.md': post(`updatedDate: 'Dec 01 2026'\n${line}`) })
    const run = await checkOnline(cwd)
    expect(run.sent.length).toBeGreaterThan(0)
    expect(run.sent.map((request) => asOf(request.input))).toEqual(run.sent.map(() => '2025-07-30'))
    const { report } = await jsonReport(cwd)
    expect(report.files[0].date).toBe('2025-07-30')
    expect(report.files[0].notes).toEqual([])
  })

  it('a published correction whose sentence is then rewritten appears in the correction log, dated after the post', async () => {
    const cwd = project({ 'content/towns.md': post("pubDate: 'Jul 30 2025'\nupdatedDate: 'Dec 01 2026'") })
    expect((await checkOnline(cwd)).code).toBe(1)
    const ledger = JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8'))
    const id = Object.keys(ledger.corrections)[0]!
    expect((await vettedInProcess(['resolve', id, '--annotate'], { cwd })).code).toBe(0)

    const path = join(cwd, 'content/towns.md')
    writeFileSync(path, readFileSync(path, 'utf8').replace(FLAT, 'In 1851, surveyors reported that Ashford sat on rolling ground.'))
    const fixed = await checkOnline(cwd)
    expect(fixed.stderr).toContain('1 correction recorded as fixed')

    const { code, report } = await jsonReport(cwd)
    expect(code).toBe(0)
    expect(report.files[0]).toMatchObject({ date: '2025-07-30', correctionLog: [{ id, date: today() }] })
    expect(report.files[0].correctionLog[0].date > '2025-07-30').toBe(true)
    const text = await vettedInProcess(['check'], { cwd })
    expect(text.stdout).toContain(`[fixed: the post was rewritten, on ${today()}, in the correction log]  ${id}`)
  })

  it('the config names other keys: dateKeys', async () => {
    const cwd = project({
      'content/towns.md': post('created: 2024-02-29\ndate: 2025-07-30'),
      'vetted.config.json': JSON.stringify({ dateKeys: ['created'] }),
    })
    const run = await checkOnline(cwd)
    expect(new Set(run.sent.map((request) => asOf(request.input)))).toEqual(new Set(['2024-02-29']))
  })
})

describe('a date vetted cannot read is said, not guessed', () => {
  it('07/08/2025 is ambiguous: a note names the post and the line, the claims are judged as of today, and the gate passes', async () => {
    const cwd = project({ 'content/towns.md': post("pubDate: '07/08/2025'", SETTLED_BODY) })
    const run = await checkOnline(cwd)
    expect(new Set(run.sent.map((request) => asOf(request.input)))).toEqual(new Set([today()]))
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Note: content/towns.md:3: pubDate "07/08/2025" is ambiguous (month or day first?) and is not guessed')
    expect(run.stdout).toMatch(/; 1 note\.\nEverything is settled\./)

    const { code, report } = await jsonReport(cwd)
    expect(code).toBe(0)
    expect(report.files[0].date).toBeUndefined()
    expect(report.files[0].notes).toEqual([{ rule: 'no-date', line: 3, message: expect.stringContaining('"07/08/2025" is ambiguous') }])
    expect(report.summary.notes).toBe(1)
  })

  it('updatedDate is not the publication date: a post with only that has no date, said in every format', async () => {
    const cwd = project({ 'content/towns.md': post("updatedDate: 'Jul 30 2025'", SETTLED_BODY) })
    const run = await checkOnline(cwd)
    expect(new Set(run.sent.map((request) => asOf(request.input)))).toEqual(new Set([today()]))

    const text = await vettedInProcess(['check', '--ci'], { cwd })
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Note: content/towns.md: no date in the frontmatter (vetted reads date, pubDate, publishDate, published)')
    const github = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    expect(github.code).toBe(0)
    expect(github.stdout).toMatch(/^::notice file=content\/towns\.md,title=vetted%3A no date::no date in the frontmatter/m)
    expect(github.stdout).not.toMatch(/^::error /m)
    const sarif = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })).stdout)
    expect(sarif.runs[0].results).toMatchObject([
      { ruleId: 'no-date', level: 'note', message: { text: expect.stringContaining('no date in the frontmatter') } },
    ])
  })

  it('frontmatter that is not YAML is refused, naming the file, line and column', async () => {
    const cwd = project({ 'content/towns.md': post('pubDate: [2025-07-30\nsummary: x') })
    const result = await vettedInProcess(['check', '--ci'], { cwd })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^vetted: content\/towns\.md:\d+:\d+: has frontmatter that is not valid YAML: /)
  })
})
