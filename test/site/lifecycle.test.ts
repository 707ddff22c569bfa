// The life of a correction as readers see it (issue 13): one real `astro build`
// of the sample site on posts an author edited after publishing, with the fixes
// recorded by the real `vetted check`. Ledgers are written as an editor would,
// in version 1 (what projects have on disk before issue 13).

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { correctionId, fingerprint } from '@vetted/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { vetted } from '../cli/support.ts'
import { astroBuild, contentFolder, copyOfSampleSite, htmlPages, jsonLdOf, type BuildResult } from './support.ts'

const EDITOR = { model: 'manual', prompt: 'manual', date: '2026-03-02' }
const today = new Date().toISOString().slice(0, 10)

const post = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2026-03-01\n---\n\n${body}\n`

/** A version 1 ledger: every sentence in `judged` has a verdict, and one correction of `quote` in `wrong`. */
function ledger(name: string, wrong: string, quote: string, status: 'open' | 'annotate', judged: string[]): string {
  const id = correctionId(name, fingerprint(wrong), quote)
  const claims: Record<string, unknown> = {
    [fingerprint(wrong)]: { text: wrong, verdict: 'incorrect', checker: 'manual', checkedAt: '2026-03-02' },
  }
  for (const text of judged) claims[fingerprint(text)] = { text, verdict: 'supported', checker: 'manual', checkedAt: '2026-03-02' }
  const history =
    status === 'open'
      ? [{ date: '2026-03-02', status: 'open' }]
      : [
          { date: '2026-03-02', status: 'open' },
          { date: '2026-03-03', status: 'annotate' },
        ]
  const correction = {
    id,
    claim: fingerprint(wrong),
    quote,
    summary: `Not ${quote}.`,
    reasoning: 'See the sources.',
    sources: [],
    checker: EDITOR,
    status,
    history,
  }
  return JSON.stringify({ version: 1, post: name, claims, corrections: { [id]: correction }, usage: [] }, null, 2)
}

// Published, then rewritten keeping the quoted words; the new sentence was judged right.
const IPV6_WRONG = 'IPv6 addresses are 64 bits long.'
const IPV6_RIGHT = 'IPv6 addresses are 128 bits long (the last 64 bits usually name the interface).'
// Found while a draft, never published, then deleted.
const DRAFT_WRONG = 'The bridge opened in 1932.'
const DRAFT_KEPT = 'The river is 40 km long.'
// Published, deleted for one `vetted check`, then back word for word.
const TOWN_WRONG = 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.'
const TOWN_KEPT = 'In 1850, Millbrook had 1,200 residents.'

describe('what readers see of a correction as its sentence is rewritten, removed and brought back', () => {
  let build: BuildResult
  let pages: Record<string, string>
  beforeAll(async () => {
    const content = contentFolder({
      'ipv6.md': post('IPv6', IPV6_RIGHT),
      'ipv6.vetted.json': ledger('ipv6.md', IPV6_WRONG, '64 bits', 'annotate', [IPV6_RIGHT]),
      'draft.md': post('Draft', DRAFT_KEPT),
      'draft.vetted.json': ledger('draft.md', DRAFT_WRONG, 'opened in 1932', 'open', [DRAFT_KEPT]),
      'towns.md': post('Towns', TOWN_KEPT),
      'towns.vetted.json': ledger('towns.md', TOWN_WRONG, 'was perfectly flat', 'annotate', [TOWN_KEPT]),
    })
    // The author's run while the sentences are gone records each correction as fixed...
    const check = await vetted(['check', content], { cwd: content })
    expect(check.stderr).toContain('towns.md: 1 correction recorded as fixed')
    // ...and then the town's sentence comes back, word for word.
    writeFileSync(join(content, 'towns.md'), post('Towns', `${TOWN_KEPT} ${TOWN_WRONG}`))
    build = await astroBuild(copyOfSampleSite(), { VETTED_CONTENT_DIR: content })
    pages = htmlPages(build.outDir)
  }, 240_000)

  it('the site builds with a fix recorded and a sentence back', () => {
    expect(build.code, build.output).toBe(0)
  })

  it('a rewritten sentence that keeps the quoted words is never marked; the fix is logged as it was published', () => {
    const page = pages['ipv6/index.html']!
    expect(page).not.toContain('vetted-claim')
    expect(page).not.toContain('class="vetted-corrections"')
    expect(page).toMatch(new RegExp(`Corrected on <time datetime="${today}">[^<]*</time>: “<bdi>64 bits</bdi>” — <bdi>Not 64 bits\\.`))
    expect(jsonLdOf(page).correction).toEqual([{ '@type': 'CorrectionComment', text: 'Corrected: Not 64 bits.', datePublished: today }])
  })

  it('a correction readers never saw is not in the correction log', () => {
    const page = pages['draft/index.html']!
    expect(page).not.toContain('Correction log')
    expect(page).not.toContain('Corrected on')
    expect(jsonLdOf(page).correction).toEqual([])
  })

  it('a sentence back word for word is marked again, its card shows the whole sentence, and the log does not call it corrected', () => {
    const page = pages['towns/index.html']!
    expect(page).toMatch(/<mark class="vetted-claim" id="towns-claim-1">was perfectly flat/)
    expect(page).toContain(
      '<div class="vetted-card-claim"><p>In 1851, surveyors reported that Ashford sat on ground that <span class="vetted-card-quoted">was perfectly flat</span>.</p></div>',
    )
    expect(page).not.toContain('Corrected on')
    expect(jsonLdOf(page).correction).toHaveLength(1)
  })

  it("/corrections shows each published correction's whole sentence with the quoted words marked", () => {
    const list = pages['corrections/index.html']!
    expect(list).toContain(
      '<blockquote><p>In 1851, surveyors reported that Ashford sat on ground that <mark>was perfectly flat</mark>.</p></blockquote>',
    )
    expect(list).not.toContain('64 bits')
    // The summary is ledger text: isolated, so that a bidirectional control in it cannot reorder the link after it.
    expect(list).toMatch(/<p><bdi>[^<]+<\/bdi> <a href="\/[^"]+#[^"]+">Read the correction/)
  })
})
