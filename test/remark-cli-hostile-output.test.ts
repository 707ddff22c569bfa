// Hostile output in remark-cli (issue 14, item 2): remark-cli prints
// remark-vetted's messages with vfile-reporter, which writes a message's reason,
// note and cause as they are. Text from a ledger or a post in them must reach
// the author's terminal with its escape sequences, C1 controls and bidirectional
// overrides written out as text, and the messages otherwise unchanged.

import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { emptyLedger, fingerprint, serializeLedger, type Correction } from '@vetted/core'
import { remark } from 'remark'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import { temporaryFolder } from './support/files.ts'
import { manualCorrection } from './support/ledgers.ts'

const ESC = '\u001b'
const BEL = '\u0007'
/** Erase the line, return to its start, and write our own wording over it. */
const FORGED = `${ESC}[2K\rEverything is settled.`
const HIDDEN_LINK = `${ESC}]8;;https://x.example${BEL}`
const WINDOW_TITLE = `${ESC}]0;pwned${BEL}`
const C1_CSI = '\u009b31m'
const BIDI = '\u202e'
/** What a terminal acts on: C0 controls but line feed, DEL, C1 controls, bidirectional embeddings, overrides and isolates. */
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

const REMARK = join(import.meta.dirname, 'node_modules', '.bin', 'remark')
const PLUGIN = pathToFileURL(createRequire(import.meta.url).resolve('remark-vetted')).href

const CLAIM = 'Mosaic was released in 1993 by NCSA in Illinois.'
const OTHER = 'Netscape Navigator had 10 million users in 1995.'
const POST = `# Browsers\n\n${CLAIM}\n\n${OTHER}\n\nIn 1994 about 2,700 web servers${WINDOW_TITLE} were online${C1_CSI}${BIDI}.\n`

const correction = (claim: string, quote: string, fields: Partial<Correction>) =>
  manualCorrection({ post: 'post.md', claim: fingerprint(claim), quote, status: 'open', date: '2026-03-02', ...fields })

/** The posts and ledgers of the hostile report: a post whose ledger holds escape sequences, and a post whose ledger is broken by one. */
function hostileProject(): string {
  const dir = temporaryFolder('vetted-remark-cli-')
  const ledger = emptyLedger('post.md')
  for (const [claim, verdict] of [
    [CLAIM, 'incorrect'],
    [OTHER, 'incorrect'],
  ] as const) {
    ledger.claims[fingerprint(claim)] = { text: claim, verdict, checker: 'manual', checkedAt: '2026-03-02' }
  }
  const entries = [
    // open-correction: the summary is the reason, the reasoning and sources the note.
    correction(CLAIM, 'released in 1993', {
      summary: FORGED,
      reasoning: `See ${HIDDEN_LINK}the record${HIDDEN_LINK}.\n\nIt was 1993${C1_CSI}.`,
      sources: [{ title: `NCSA${WINDOW_TITLE}`, url: 'https://www.ncsa.illinois.edu/', quote: `Mosaic${BIDI} 1993` }],
      note: FORGED,
    }),
    // quote-not-found: the quote is in the reason.
    correction(OTHER, `10 million${FORGED}`, {}),
    // stale-entry: a claim gone from the post, its quote in the reason.
    correction('Lynx was released in 1992.', `released${HIDDEN_LINK}`, { status: 'annotate' }),
  ]
  for (const entry of entries) ledger.corrections[entry.id] = entry
  writeFileSync(join(dir, 'post.md'), POST)
  writeFileSync(join(dir, 'post.vetted.json'), serializeLedger(ledger))
  // invalid-ledger: a key that breaks the schema, named in the reason's JSON path.
  writeFileSync(join(dir, 'broken.md'), `${CLAIM}\n`)
  const broken = { ...emptyLedger('broken.md'), claims: { [`${C1_CSI}${WINDOW_TITLE}`]: { text: CLAIM } } }
  writeFileSync(join(dir, 'broken.vetted.json'), JSON.stringify(broken))
  writeFileSync(
    join(dir, '.remarkrc.mjs'),
    `import remarkVetted from ${JSON.stringify(PLUGIN)}\n\nexport default { plugins: [remarkVetted] }\n`,
  )
  return dir
}

/** remark-cli's report, notes included, on the hostile project. */
function hostileReport(): string {
  const dir = hostileProject()
  const result = spawnSync(REMARK, ['post.md', 'broken.md', '--no-stdout', '--no-color', '--verbose'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  expect(result.error).toBeUndefined()
  expect(result.status, result.stderr).toBe(1) // the broken ledger is fatal
  return result.stderr
}

it('remark-cli prints ledger and post text with escape sequences written out, in the report and its notes', () => {
  const report = hostileReport()
  for (const ruleId of ['open-correction', 'quote-not-found', 'stale-entry', 'unchecked-claim', 'invalid-ledger'])
    expect(report).toContain(ruleId)
  expect(report).not.toMatch(ACTIVE)
  expect(report).toContain('\\x1b[2K\\x0dEverything is settled.')
  // An unchecked claim is reported at its place; its text is the message's `actual`, not printed.
  expect(report).not.toContain('In 1994 about 2,700 web servers')
  expect(report).toContain('See \\x1b]8;;https://x.example\\x07the record\\x1b]8;;https://x.example\\x07.')
  expect(report).toContain('NCSA\\x1b]0;pwned\\x07 <https://www.ncsa.illinois.edu/>: “Mosaic\\u202e 1993”')
})

it('gives editors the quotes and claims as `actual` with escape sequences written out', async () => {
  const dir = hostileProject()
  const { default: remarkVetted } = (await import(PLUGIN)) as typeof import('remark-vetted')
  const file = new VFile({ path: join(dir, 'post.md'), value: readFileSync(join(dir, 'post.md'), 'utf8') })
  await remark().use(remarkVetted).process(file)
  const fields = file.messages.flatMap(({ reason, note, actual }) => [reason, note ?? '', actual ?? ''])
  expect(fields.join('\n')).not.toMatch(ACTIVE)
  const actual = (ruleId: string) => file.messages.filter((message) => message.ruleId === ruleId).map((message) => message.actual)
  expect(actual('unchecked-claim')).toContain('In 1994 about 2,700 web servers\\x1b]0;pwned\\x07 were online\\x9b31m\\u202e.')
  expect(actual('quote-not-found')).toEqual(['10 million\\x1b[2K\\x0dEverything is settled.'])
  expect(actual('stale-entry')).toEqual(['released\\x1b]8;;https://x.example\\x07'])
})
