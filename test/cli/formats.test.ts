// The machine formats: JSON against its zod schema, GitHub workflow commands
// parsed back, SARIF validated against the SARIF 2.1.0 JSON schema.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'

// CommonJS packages: their default export is the module object under NodeNext typing.
const Ajv = AjvDraft04 as unknown as typeof AjvDraft04.default
const addFormats = ajvFormats as unknown as typeof ajvFormats.default
import { ReportSchema } from '@vetted/cli'
import { beforeAll, describe, expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess, vettedOnTerminal } from './support.ts'

const { online } = await useFakeOpenAI()
let cwd: string
beforeAll(async () => {
  // One post with an open correction; another with 12 unchecked claims.
  const many = Array.from(
    { length: 12 },
    (_, i) => `In ${1900 + i}, the town of Ridge ${i} had ${100 + i} houses, 50% of them brick.`,
  ).join('\n\n')
  cwd = project({ 'content/towns.md': POST, 'content/ridge.md': `${many}\n` })
  await vettedInProcess(['check', 'content/towns.md'], { cwd, env: online })
})

/** Undo GitHub's escaping of workflow command data and properties. */
const unescapeData = (value: string) =>
  value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%')

describe('report formats', () => {
  it('json matches its schema and counts what the ledgers hold', async () => {
    const result = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
    expect(result.code).toBe(1)
    const report = ReportSchema.parse(JSON.parse(result.stdout))
    // ridge.md has no frontmatter, so no date: a note, which does not fail the gate.
    expect(report.summary).toEqual({
      files: 2,
      claims: 15,
      claimsUnchecked: 12,
      unchecked: 12,
      unscreened: 0,
      older: 0,
      open: 1,
      annotate: 0,
      dismiss: 0,
      fixed: 0,
      stale: 0,
      unreadable: 0,
      orphans: 0,
      notes: 1,
    })
    const towns = report.files.find((file) => file.path === 'content/towns.md')!
    expect(towns.corrections[0]).toMatchObject({
      status: 'open',
      quote: 'was perfectly flat',
      start: { line: 10 },
      shown: false,
      checker: { model: expect.any(String) },
    })
    expect(towns.corrections[0]!.sources).toHaveLength(2)
  })

  it('github prints annotations GitHub can parse, within its limit, then the full report', async () => {
    const result = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    const commands = result.stdout.split('\n').filter((line) => /^::(error|notice) /.test(line))
    const errors = commands.filter((line) => line.startsWith('::error '))
    // GitHub shows at most 10 error annotations of a step: the rest go to the log.
    expect(errors).toHaveLength(10)
    expect(commands.at(-1)).toBe(`::notice title=vetted::3 more problems are not annotated; the full report follows in the log.`)
    const parsed = errors.map((line) => {
      const match = /^::error ([^:]*)::(.*)$/.exec(line)!
      const properties = Object.fromEntries(
        match[1]!
          .split(',')
          .map((pair) => pair.split('=') as [string, string])
          .map(([k, v]) => [k, unescapeData(v)]),
      )
      return { properties, message: unescapeData(match[2]!) }
    })
    const open = parsed.find((p) => p.properties['title']!.startsWith('vetted: open correction'))!
    expect(open.properties).toMatchObject({ file: 'content/towns.md', line: '10' })
    expect(open.message).toMatch(
      /^Claim: In 1851, surveyors reported that Ashford sat on ground that «was perfectly flat»\.\nCorrection: .+\nSettle: vetted resolve c-[0-9a-f]{10} --annotate/,
    )
    const unchecked = parsed.filter((p) => p.properties['title'] === 'vetted: unchecked claim')
    expect(unchecked[0]!.properties).toMatchObject({ file: 'content/ridge.md', line: '1', col: '1' })
    expect(unchecked[0]!.message.split('\n')[0]).toBe('In 1900, the town of Ridge 0 had 100 houses, 50% of them brick.')
    expect(result.stdout).toContain('content/towns.md — 1 correction found')
    expect(result.stdout).not.toContain('\u001b[')
  })

  it('github escapes what would break a workflow command: % and line breaks in messages; , and : in properties too', async () => {
    const odd = project({ 'content/odd, 100%: one.md': 'In 1999, 75% of the 12 towns had a mill.\n' })
    const result = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd: odd })
    const line = result.stdout.split('\n').find((text) => text.startsWith('::error '))!
    expect(line).toContain('file=content/odd%2C 100%25%3A one.md,line=1,col=1,')
    const match = /^::error ([^:]*)::(.*)$/.exec(line)!
    const file = unescapeData(match[1]!.split(',')[0]!.slice('file='.length))
    expect(file).toBe('content/odd, 100%: one.md')
    expect(unescapeData(match[2]!)).toBe(
      'In 1999, 75% of the 12 towns had a mill.\nRun vetted check with OPENAI_API_KEY set, then commit the ledger.',
    )
  })

  it('sarif is valid SARIF 2.1.0 with rules, locations and help', async () => {
    const result = await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })
    const log = JSON.parse(result.stdout)
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/sarif-schema-2.1.0.json'), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's patterns predate the u flag
    addFormats(ajv)
    const validate = ajv.compile(schema)
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      'open-correction',
      'unchecked-claim',
      'stale-entry',
      'unscreened-sentence',
      'no-date',
      'unreadable-post',
      'orphan-ledger',
    ])
    expect(run.tool.driver.rules[0].help.text).toContain('vetted resolve')
    expect(run.results).toHaveLength(14) // 12 unchecked claims, 1 open correction, 1 note (ridge.md has no date)
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'content/ridge.md' },
      region: { startLine: 1, startColumn: 1 },
    })
  })

  it('writes plain text to a pipe', async () => {
    const result = await vettedInProcess(['check', '--ci'], { cwd })
    expect(result.stdout).not.toContain('\u001b[')
    expect(result.stderr).toBe('')
  })

  it('on a terminal: colour, never with NO_COLOR', async () => {
    const coloured = await vettedOnTerminal(['check', '--ci'], { cwd })
    expect(coloured.code).toBe(1)
    expect(coloured.output).toContain('\u001b[1mcontent/ridge.md\u001b[22m')
    expect(coloured.output).toContain('\u001b[31mNot settled yet.\u001b[39m')
    const plain = await vettedOnTerminal(['check', '--ci'], { cwd, env: { NO_COLOR: '1' } })
    expect(plain.output).toContain('Not settled yet.')
    expect(plain.output).not.toContain('\u001b[')
  })

  it('on a terminal, checking draws a progress bar with claims, requests and time, then clears it', async () => {
    const result = await vettedOnTerminal(['check', 'content/ridge.md'], {
      cwd: project({ 'content/ridge.md': readFileSync(join(cwd, 'content/ridge.md'), 'utf8') }),
      env: { ...online, NO_COLOR: '1' },
    })
    expect(result.code).toBe(0)
    expect(result.output).toMatch(/\r\u001b\[2K[█░]{24} 0\/12 claims · 0 requests · \d+\.\ds · content\/ridge\.md/)
    expect(result.output).toMatch(/\r\u001b\[2K█{24} 12\/12 claims · [1-9]\d* requests · \d+\.\ds · content\/ridge\.md/)
    expect(result.output).toMatch(/\r\u001b\[2Kcontent\/ridge\.md: checked 12 claims/) // the bar is cleared before the log line
  })

  it('a pipe gets no progress bar, only one line per checked post', async () => {
    const result = await vettedInProcess(['check', 'content/ridge.md'], {
      cwd: project({ 'content/ridge.md': readFileSync(join(cwd, 'content/ridge.md'), 'utf8') }),
      env: online,
    })
    expect(result.stderr).toMatch(
      /^vetted check: sending to 127\.0\.0\.1:\d+\ncontent\/ridge\.md: checked 12 claims \(0 new corrections, 0 rejected by validation\); \d+ requests, \d+ tokens \(\d+ input, \d+ of them cached, \d+ output\), \d+ search(es)?\n$/,
    )
  })
})
