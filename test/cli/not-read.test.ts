// Nothing left out silently: `vetted init` counts .mdx posts as posts, and names
// the files in post formats vetted does not read (Markdoc, AsciiDoc…) and why;
// a post in such a format named on the command line is refused saying so.

import { describe, expect, it } from 'vitest'
import { POST, expectRefused, project, vettedInProcess } from './support.ts'

const MDX = `${POST}\nimport Aside from '../../components/Aside.astro'\n\n<Aside>In 1853, a second bridge was built.</Aside>\n`

describe('vetted init', () => {
  it('counts .mdx posts in a folder named on the command line, as vetted check reads them', async () => {
    const cwd = project({
      'package-lock.json': '{}\n',
      'astro.config.mjs': "import { defineConfig } from 'astro/config'\nexport default defineConfig({})\n",
      'src/content/blog/towns.md': POST,
      'src/content/blog/bridges.mdx': MDX,
      'src/content/blog/harbour.mdx': MDX,
    })
    const result = await vettedInProcess(['init', 'src/content/blog', '--astro'], { cwd })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Posts in src/content/blog (3 posts).')
    expect(result.stdout).not.toMatch(/left out|\.mdx file/)
  })

  it('finds a folder of .mdx posts by itself, and names a Markdoc file beside them as not read, saying why', async () => {
    const cwd = project({ 'src/content/blog/bridges.mdx': MDX, 'src/content/blog/notes.mdoc': '# Notes\n' })
    const result = await vettedInProcess(['init'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'Posts in src/content/blog (1 post). Not read: src/content/blog/notes.mdoc (Markdoc, a format vetted does not read).',
    )
  })

  it('with only files vetted cannot read, says which it saw and why', async () => {
    await expectRefused(
      project({ 'src/content/blog/a.mdoc': '# A\n', 'src/content/blog/b.adoc': '= B\n' }),
      ['init'],
      /^vetted: no Markdown or MDX posts \(\.md, \.markdown, \.mdx\) found in .*; 2 files seen in formats vetted does not read \(AsciiDoc, Markdoc\); say where they are: vetted init content\/posts\n$/,
    )
  })
})

it('a Markdoc post named on the command line is refused, saying it is Markdoc, which vetted does not read', async () => {
  const cwd = project({ 'content/notes.mdoc': '# Notes\n', 'content/towns.md': POST })
  await expectRefused(
    cwd,
    ['check', '--ci', 'content/notes.mdoc'],
    /^vetted: content\/notes\.mdoc: is Markdoc, which vetted does not read \(it reads Markdown and MDX\)\n$/,
  )
  await expectRefused(cwd, ['claims', 'content/notes.mdoc'], /^vetted: content\/notes\.mdoc: is Markdoc, which vetted does not read/)
})

it('the gate counts a Markdoc file among the posts as not read, says why in the text and JSON reports, and never says everything is settled', async () => {
  const cwd = project({ 'content/towns.md': POST, 'content/notes.mdoc': '# Notes\n' })
  const text = await vettedInProcess(['check', '--ci'], { cwd })
  expect(text.stdout).toContain('content/notes.mdoc: cannot be checked: Markdoc, a format vetted does not read')
  expect(text.stdout).not.toContain('Everything is settled')
  expect(text.code).toBe(1)
  const json = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
  const report = JSON.parse(json.stdout)
  expect(report.unreadable).toEqual([{ path: 'content/notes.mdoc', reason: 'Markdoc, a format vetted does not read' }])
  expect(report.summary.files).toBe(1)
  // A glob in the config that names only the formats vetted reads leaves the Markdoc file out, by the author's choice.
  const narrowed = project({
    'content/towns.md': POST,
    'content/notes.mdoc': '# Notes\n',
    'vetted.config.json': '{ "content": ["content/*.{md,mdx}"] }\n',
  })
  const chosen = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd: narrowed })
  expect(JSON.parse(chosen.stdout).unreadable).toEqual([])
})
