// An `.mdx` post is a post like any other: checked, listed, gated and resolved
// through the same reader as Markdown, its ESM, expressions and attributes never
// taken for claims. The real CLI against the fake OpenAI server (which flags the
// sentences that say "flat").

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

/** Two planted errors: one in a paragraph, one inside a component, each on its own line. */
const MDX_POST = `---
title: Towns
pubDate: 2026-03-01
---
import Aside from '../components/Aside.astro'
export const surveyed = 1851

# Towns of the plain

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.

In {surveyed}, surveyors reported that Ashford sat on ground that was perfectly flat.

<Aside type="note" title="In 1999 the river moved 40 miles north.">
  In 1852, the railway found the valley floor to be entirely flat for 20 miles.
</Aside>

\`\`\`js
// In 1853 the mayor counted 5,000 residents.
\`\`\`
`

const lineOf = (text: string, words: string) => text.split('\n').findIndex((line) => line.includes(words)) + 1

it('an .mdx post is checked: each planted error becomes a correction on its own sentence, and check --ci fails naming file.mdx:line', async () => {
  const cwd = project({ 'content/towns.mdx': MDX_POST })
  const sentBefore = fake.requests.length
  const checked = await vettedInProcess(['check'], { cwd, env: online })
  expect(checked.stderr).toContain('content/towns.mdx: checked 3 claims (2 new corrections')
  // The post as the model reads it: the words inside <Aside>, never the import, the export or the attribute.
  const inputs = fake.requests
    .slice(sentBefore)
    .map((request) => request.input)
    .join('\n')
  expect(inputs).toContain('entirely flat for 20 miles')
  expect(inputs).not.toMatch(/import Aside|export const|moved 40 miles/)
  expect(checked.code).toBe(1)
  const ledger = readLedger(join(cwd, 'content/towns.vetted.json'), 'towns.mdx')!
  const quotes = Object.values(ledger.corrections)
    .map((correction) => correction.quote)
    .sort()
  expect(quotes).toEqual(['be entirely flat', 'was perfectly flat'])
  // Neither the import, the export, the attribute nor the code was sent as a claim.
  const sent = Object.values(ledger.claims)
    .map((claim) => claim.text)
    .join('\n')
  expect(sent).not.toMatch(/import|export|moved 40 miles|mayor/)

  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.code).toBe(1)
  expect(gate.stdout).toContain(`content/towns.mdx:${lineOf(MDX_POST, 'perfectly flat')}`)
  expect(gate.stdout).toContain(`content/towns.mdx:${lineOf(MDX_POST, 'entirely flat')}`)
})

it('vetted resolve finds a correction in an .mdx post, and check --ci passes once both are settled', async () => {
  const cwd = project({ 'content/towns.mdx': MDX_POST })
  await vettedInProcess(['check'], { cwd, env: online })
  const ledger = readLedger(join(cwd, 'content/towns.vetted.json'), 'towns.mdx')!
  for (const id of Object.keys(ledger.corrections)) {
    const resolved = await vettedInProcess(['resolve', id, '--annotate'], { cwd })
    expect(resolved.stderr).toBe('')
    expect(resolved.code).toBe(0)
    expect(resolved.stdout).toBe(`${id}: open -> annotate (content/towns.vetted.json)\n`)
  }
  const gate = await vettedInProcess(['check', '--ci'], { cwd })
  expect(gate.stdout).not.toMatch(/not read|skipped/i)
  expect(gate.code).toBe(0)
})

it('vetted claims lists the sentences of an .mdx post, including those inside components, and not its import or export lines', async () => {
  const cwd = project({ 'content/towns.mdx': MDX_POST })
  const listed = await vettedInProcess(['claims', 'content/towns.mdx'], { cwd })
  expect(listed.stderr).toBe('')
  expect(listed.code).toBe(0)
  expect(listed.stdout).toContain('Millbrook had 1,200 residents')
  expect(listed.stdout).toContain('the valley floor to be entirely flat')
  expect(listed.stdout).not.toMatch(/import Aside|export const|surveyed = 1851|moved 40 miles|mayor counted/)
})

it('an .mdx post that does not parse is refused naming file:line:column, with nothing written', async () => {
  const broken = MDX_POST.replace('</Aside>', '')
  const cwd = project({ 'content/towns.mdx': broken })
  const result = await vettedInProcess(['check', '--dry-run'], { cwd })
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^vetted: content\/towns\.mdx:\d+:\d+: is not valid MDX: Expected a closing tag for `<Aside>`/)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(() => readFileSync(join(cwd, 'content/towns.vetted.json'))).toThrow()
})

it('a post.md beside a post.mdx is refused naming both: they would share one ledger', async () => {
  const cwd = project({ 'content/towns.mdx': MDX_POST, 'content/towns.md': MDX_POST.replace(/^import.*\n|^export.*\n/gm, '') })
  const result = await vettedInProcess(['check', '--ci'], { cwd })
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(
    /content\/towns\.mdx: and .*content\/towns\.md would share one ledger \(towns\.vetted\.json\); rename one of them/,
  )
})
