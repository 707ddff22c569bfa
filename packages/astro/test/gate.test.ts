// The build gate's collector on real posts and ledgers in a temp folder, run as
// Astro runs remark: a Markdown module gets the file with its frontmatter
// blanked, an eagerly rendered collection entry gets the body trimmed.

import { renameSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { emptyLedger, serializeLedger } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import { blankFrontmatter } from '@vetted/post/internal'
import { describe, expect, it } from 'vitest'
import { temporaryFolder } from '../../../test/support/files.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'
import { OpenCorrections } from '../src/lib/open-corrections.ts'
import { collect } from './collect.ts'

const post =
  '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nIntro.\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'

function folderWithOpenCorrection(): { path: string; id: string } {
  const dir = temporaryFolder('vetted-gate-')
  const claim = detectClaims(post).find((candidate) => candidate.text.includes('completed in 1866'))!
  const ledger = emptyLedger('draft.md')
  const correction = manualCorrection({
    post: 'draft.md',
    claim: claim.fingerprint,
    quote: 'completed in 1866',
    status: 'open',
    date: '2026-03-02',
    summary: 'It was 1858.',
  })
  ledger.corrections[correction.id] = correction
  writeFileSync(join(dir, 'draft.md'), post)
  writeFileSync(join(dir, 'draft.vetted.json'), serializeLedger(ledger))
  return { path: join(dir, 'draft.md'), id: correction.id }
}

describe('the build gate', () => {
  it('names the line and column of an open correction in the file, as a Markdown module is rendered', async () => {
    const { path, id } = folderWithOpenCorrection()
    const gate = new OpenCorrections()
    await collect(gate, path, blankFrontmatter(post).body)
    expect(gate.list()).toMatchObject([{ line: 8, column: 45, id, summary: 'It was 1858.' }])
  })

  it('names the same place when a content collection renders the trimmed body', async () => {
    const { path, id } = folderWithOpenCorrection()
    const gate = new OpenCorrections()
    await collect(gate, path, blankFrontmatter(post).body.trim())
    expect(gate.list()).toMatchObject([{ line: 8, column: 45, id }])
    expect(gate.format()).toMatch(new RegExp(`draft\\.md:8:45 ${id} It was 1858\\.$`))
  })

  it('forgets a post once it is rendered again with its correction settled', async () => {
    const { path } = folderWithOpenCorrection()
    const gate = new OpenCorrections()
    await collect(gate, path, blankFrontmatter(post).body)
    writeFileSync(path.replace(/\.md$/, '.vetted.json'), serializeLedger(emptyLedger('draft.md')))
    await collect(gate, path, blankFrontmatter(post).body)
    expect(gate.list()).toEqual([])
  })

  it('reports a broken ledger with its file, line and column', async () => {
    const { path } = folderWithOpenCorrection()
    writeFileSync(path.replace(/\.md$/, '.vetted.json'), '{ "version": 1,\n  "post": 5 }\n')
    const gate = new OpenCorrections()
    await collect(gate, path, blankFrontmatter(post).body)
    expect(gate.broken()).toHaveLength(1)
    expect(gate.broken()[0]).toMatch(/draft\.vetted\.json:2:\d+: /)
    // Relative to the working folder, like the posts' paths in the same report.
    expect(gate.broken()[0]!.startsWith(`${relative(process.cwd(), path.replace(/\.md$/, '.vetted.json'))}:2:`)).toBe(true)
  })

  it('reads each ledger with its post from disk, whatever rendered, and a post renamed with its ledger by hand names vetted mv', () => {
    const { path } = folderWithOpenCorrection()
    const renamed = path.replace(/draft\.md$/, 'cable.md')
    renameSync(path, renamed)
    renameSync(path.replace(/\.md$/, '.vetted.json'), renamed.replace(/\.md$/, '.vetted.json'))
    const gate = new OpenCorrections()
    gate.readLedgers([{ ledger: renamed.replace(/\.md$/, '.vetted.json'), post: renamed }])
    expect(gate.list()).toEqual([])
    expect(gate.broken()[0]).toMatch(
      /cable\.vetted\.json:\d+:\d+: belongs to "draft\.md", not to "cable\.md"; if cable\.md was draft\.md, run vetted mv /,
    )
    // The temporary folder is outside the working folder: its paths stay absolute.
    expect(gate.broken()[0]).toContain(`vetted mv ${path} ${renamed}`)

    const other = folderWithOpenCorrection()
    gate.readLedgers([{ ledger: other.path.replace(/\.md$/, '.vetted.json'), post: other.path }])
    expect(gate.unreported().open).toMatchObject([{ line: 8, column: 45, id: other.id }])
  })
})
