// What the build gate prints on the terminal of `astro build` comes from ledgers
// and file names: it must reach the terminal as text, with no escape sequence,
// C1 control or bidirectional override of its own (issue 14, item 2).

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { emptyLedger, serializeLedger } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import { blankFrontmatter } from '@vetted/post/internal'
import { expect, it } from 'vitest'
import { temporaryFolder } from '../../../test/support/files.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'
import { OpenCorrections } from '../src/lib/open-corrections.ts'
import { collect } from './collect.ts'

const ESC = '\u001b'
const HOSTILE = `\r${ESC}[2K${ESC}[32mBuild complete.${ESC}[39m ${ESC}]0;pwned\u0007${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\ \u009b31m \u202eevil`
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const post =
  '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'

it('an open correction’s summary and a file name are listed as plain text', async () => {
  const dir = temporaryFolder('vetted-gate-')
  const name = `dr${ESC}]0;t\u0007aft.md`
  const claim = detectClaims(post).find((candidate) => candidate.text.includes('completed in 1866'))!
  const ledger = emptyLedger(name)
  const correction = manualCorrection({
    post: name,
    claim: claim.fingerprint,
    quote: 'completed in 1866',
    status: 'open',
    date: '2026-03-02',
    summary: `It was 1858. ${HOSTILE}`,
  })
  ledger.corrections[correction.id] = correction
  writeFileSync(join(dir, name), post)
  writeFileSync(join(dir, name.replace(/\.md$/, '.vetted.json')), serializeLedger(ledger))
  const gate = new OpenCorrections()
  await collect(gate, join(dir, name), blankFrontmatter(post).body)
  expect(gate.list()).toHaveLength(1)
  const printed = gate.format()
  expect(printed).not.toMatch(CONTROLS)
  expect(printed).toContain(`dr\\x1b]0;t\\x07aft.md:6:`)
  expect(printed).toContain('It was 1858. \\x0d\\x1b[2K\\x1b[32mBuild complete.')
})

it('a broken ledger of a post with a hostile name is one plain line', async () => {
  const dir = temporaryFolder('vetted-gate-')
  const name = `${ESC}]0;pwned\u0007\r${ESC}[2K.md`
  writeFileSync(join(dir, name), post)
  writeFileSync(join(dir, name.replace(/\.md$/, '.vetted.json')), '{ "version": 1,\n  "post": 5 }\n')
  const gate = new OpenCorrections()
  await collect(gate, join(dir, name), blankFrontmatter(post).body)
  expect(gate.broken()).toHaveLength(1)
  expect(gate.broken()[0]).not.toMatch(CONTROLS)
  expect(gate.broken()[0]).toContain('\\x1b]0;pwned\\x07\\x0d\\x1b[2K.vetted.json:2:')
})
