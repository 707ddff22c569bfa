// The life of a correction (issue 13), as an author meets it through the CLI:
// a correction stays on its own sentence, comes back with it, has an id of its
// own in every post, shows its whole sentence, and a ledger key vetted does not
// know is refused. The real CLI, real files, the fake Responses API server.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { correctionId, fingerprint } from '@vetted/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { POST, expectRefused, project, vettedInProcess } from './support.ts'

const FLAT = 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.'
/** The author's fix keeps the corrected words: "was perfectly flat" still stands in it. */
const FIXED = 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat near the river and rolling elsewhere.'

// Each test is an author's session of several runs of the CLI.
vi.setConfig({ testTimeout: 120_000 })

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
let online: Record<string, string>
beforeAll(async () => {
  // Flat is wrong, unless the sentence says where.
  fake = await startFakeOpenAI({
    judge: (claim) => (/\bflat\b/.test(claim.text) && !/rolling/.test(claim.text) ? 'incorrect' : 'supported'),
  })
  online = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
})
afterAll(() => fake.close())

const ledgerOf = (cwd: string, post = 'content/towns') => JSON.parse(readFileSync(join(cwd, `${post}.vetted.json`), 'utf8'))

async function jsonReport(cwd: string) {
  const result = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
  return { code: result.code, report: JSON.parse(result.stdout) }
}

/** A post checked online with its one correction published. */
async function publishedPost(): Promise<{ cwd: string; id: string }> {
  const cwd = project({ 'content/towns.md': POST })
  expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(1)
  const id = Object.keys(ledgerOf(cwd).corrections)[0]!
  expect((await vettedInProcess(['resolve', id, '--annotate'], { cwd })).code).toBe(0)
  return { cwd, id }
}

describe('a correction stays on its own sentence', () => {
  it('a rewritten sentence that keeps the quoted words is sent to the checker, never marked, and the correction is fixed', async () => {
    const { cwd, id } = await publishedPost()
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace(FLAT, FIXED))

    const gate = await jsonReport(cwd)
    expect(gate.code).toBe(1)
    expect(gate.report.files[0].uncheckedClaims.map((claim: { text: string }) => claim.text)).toEqual([FIXED])
    expect(gate.report.files[0].corrections[0]).toMatchObject({ id, status: 'fixed', shown: false })
    expect(gate.report.files[0].corrections[0].start).toBeUndefined()

    const sent = fake.requests.length
    const check = await vettedInProcess(['check'], { cwd, env: online })
    expect(check.code).toBe(0)
    expect(fake.requests.slice(sent).flatMap((request) => request.claims.map((claim) => claim.text))).toEqual([FIXED])
    expect(check.stderr).toContain('content/towns.md: 1 correction recorded as fixed (the sentence left the post)')

    const after = await jsonReport(cwd)
    expect(after.code).toBe(0)
    expect(after.report.files[0].corrections[0]).toMatchObject({ id, status: 'fixed', shown: false })
  })

  it('a published correction of a year does not move to another sentence with the same year', async () => {
    const wrong = 'The first PNG specification came out in 1995.'
    const right = 'Netscape went public in 1995.'
    const post = `---\ntitle: Formats\ndate: 2026-03-01\n---\n\n${wrong} ${right}\n`
    const id = correctionId('formats.md', fingerprint(wrong), '1995')
    const editor = { model: 'manual', prompt: 'manual', date: '2026-03-02' }
    // Version 1, as an editor wrote it: both the code before issue 13 and after it read it.
    const ledger = {
      version: 1,
      post: 'formats.md',
      claims: {
        [fingerprint(wrong)]: { text: wrong, verdict: 'incorrect', checker: 'manual', checkedAt: '2026-03-02' },
        [fingerprint(right)]: { text: right, verdict: 'supported', checker: 'manual', checkedAt: '2026-03-02' },
        [fingerprint('The first PNG specification came out in 1996.')]: {
          text: 'The first PNG specification came out in 1996.',
          verdict: 'supported',
          checker: 'manual',
          checkedAt: '2026-03-03',
        },
      },
      corrections: {
        [id]: {
          id,
          claim: fingerprint(wrong),
          quote: '1995',
          summary: 'It came out in 1996.',
          reasoning: 'RFC 2083.',
          sources: [],
          checker: editor,
          status: 'annotate',
          history: [{ date: '2026-03-02', status: 'annotate' }],
        },
      },
      usage: [],
    }
    const cwd = project({ 'content/formats.md': post, 'content/formats.vetted.json': JSON.stringify(ledger, null, 2) })
    const published = await jsonReport(cwd)
    expect(published.report.files[0].corrections[0]).toMatchObject({ id, status: 'annotate', shown: true, start: { line: 6, column: 41 } })

    writeFileSync(join(cwd, 'content/formats.md'), post.replace('came out in 1995', 'came out in 1996'))
    const edited = await jsonReport(cwd)
    expect(edited.report.files[0].corrections[0]).toMatchObject({ id, status: 'fixed', shown: false, stale: true })
    expect(edited.report.files[0].corrections[0].start).toBeUndefined()
    await vettedInProcess(['check'], { cwd })
    const fixed = await jsonReport(cwd)
    expect(fixed.code).toBe(0)
    expect(fixed.report.files[0].corrections[0]).toMatchObject({ id, status: 'fixed', shown: false })
  })
})

describe('a fixed correction comes back with its sentence', () => {
  it('a sentence gone for one run and back word for word brings its correction back to the gate, the site and resolve', async () => {
    const { cwd, id } = await publishedPost()
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace(`${FLAT}\n\n`, ''))
    const gone = await vettedInProcess(['check'], { cwd })
    expect(ledgerOf(cwd).corrections[id]).toMatchObject({ status: 'annotate' })
    expect(ledgerOf(cwd).corrections[id].history.at(-1)).toMatchObject({ status: 'fixed' })
    expect(gone.stderr).toContain('content/towns.md: 1 correction recorded as fixed (the sentence left the post)')

    writeFileSync(join(cwd, 'content/towns.md'), POST)
    const back = await jsonReport(cwd)
    expect(back.report.files[0].corrections[0]).toMatchObject({ id, status: 'annotate', shown: true, start: { line: 10 } })

    const recorded = await vettedInProcess(['check'], { cwd })
    expect(recorded.stderr).toContain('content/towns.md: 1 correction back with its sentence')
    expect(ledgerOf(cwd).corrections[id].history.map((event: { status: string }) => event.status)).toEqual([
      'open',
      'annotate',
      'fixed',
      'back',
    ])

    expect((await vettedInProcess(['resolve', id, '--reopen'], { cwd })).code).toBe(0)
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(1)
  })
})

describe('ids are unique across a project', () => {
  const sentence = FLAT

  it('two page bundles with the same sentence get two ids, and each is settled on its own', async () => {
    const cwd = project({ 'content/a/index.md': POST, 'content/b/index.md': POST })
    expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(1)
    const [a] = Object.keys(ledgerOf(cwd, 'content/a/index').corrections)
    const [b] = Object.keys(ledgerOf(cwd, 'content/b/index').corrections)
    expect(a).not.toBe(b)
    expect(a).toBe(correctionId('content/a/index.md', fingerprint(sentence), 'was perfectly flat'))

    expect((await vettedInProcess(['resolve', b!, '--annotate'], { cwd })).code).toBe(0)
    expect(ledgerOf(cwd, 'content/a/index').corrections[a!].status).toBe('open')
    expect(ledgerOf(cwd, 'content/b/index').corrections[b!].status).toBe('annotate')
    expect((await vettedInProcess(['resolve', a!, '--annotate'], { cwd })).code).toBe(0)
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
  })

  it('an id two version-1 ledgers share is refused by resolve, naming both, until vetted check gives each its own', async () => {
    const cwd = project({ 'content/a/index.md': POST, 'content/b/index.md': POST })
    await vettedInProcess(['check'], { cwd, env: online })
    // As version 1 wrote them: the id hashed the file name, index.md in both.
    const shared = correctionId('index.md', fingerprint(sentence), 'was perfectly flat')
    for (const post of ['content/a/index', 'content/b/index']) {
      const ledger = ledgerOf(cwd, post)
      const [correction] = Object.values(ledger.corrections) as Array<Record<string, unknown>>
      ledger.version = 1
      ledger.corrections = { [shared]: { ...correction, id: shared } }
      writeFileSync(join(cwd, `${post}.vetted.json`), JSON.stringify(ledger, null, 2))
    }
    await expectRefused(
      cwd,
      ['resolve', shared, '--annotate'],
      new RegExp(`^vetted: ${shared} is in the ledgers of two posts, content/a/index\\.md and content/b/index\\.md`),
    )

    const check = await vettedInProcess(['check'], { cwd })
    const a = correctionId('content/a/index.md', fingerprint(sentence), 'was perfectly flat')
    expect(check.stderr).toContain(`content/a/index.md: correction ${shared} is now ${a}`)
    expect(ledgerOf(cwd, 'content/a/index').corrections[a].history.at(-1)).toMatchObject({ status: 'rekeyed', note: `was ${shared}` })
    expect((await vettedInProcess(['resolve', a, '--annotate'], { cwd })).code).toBe(0)
    expect(ledgerOf(cwd, 'content/b/index').version).toBe(2)
  })
})

describe('reports show the whole sentence', () => {
  it("the JSON report gives the claim sentence and the quote's place in it", async () => {
    const { cwd } = await publishedPost()
    const { report } = await jsonReport(cwd)
    const [correction] = report.files[0].corrections
    expect(correction.sentence).toEqual({ text: FLAT, quoteStart: FLAT.indexOf('was perfectly flat'), quoteEnd: FLAT.length - 1 })
    expect(correction.sentence.text.slice(correction.sentence.quoteStart, correction.sentence.quoteEnd)).toBe(correction.quote)
  })
})

describe('a ledger key vetted does not know', () => {
  it('is refused with the file, the line and the key, and nothing is written', async () => {
    const { cwd, id } = await publishedPost()
    const text = readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8').replace(
      '"status": "annotate",',
      '"status": "annotate",\n      "colour": "red",',
    )
    writeFileSync(join(cwd, 'content/towns.vetted.json'), text)
    const line = text.split('\n').findIndex((l) => l.includes('"colour"')) + 1
    await expectRefused(
      cwd,
      ['check'],
      new RegExp(
        `^vetted: content/towns\\.vetted\\.json:${line}:\\d+: invalid ledger: Unrecognized key: "colour" at corrections\\["?${id}"?\\]\\.colour\\n$`,
      ),
      { env: online },
    )
    await expectRefused(
      cwd,
      ['resolve', id, '--reopen'],
      /content\/towns\.vetted\.json:\d+:\d+: invalid ledger: Unrecognized key: "colour"/,
    )
  })
})
