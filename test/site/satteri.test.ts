// A site on Astro 7's default Markdown processor, Sätteri (no `markdown` key in
// astro.config.mjs): @vetted/astro adds a Sätteri-native plugin and keeps the
// processor, with the site's own Sätteri plugins, in `.md` and `.mdx` posts
// (@astrojs/mdx renders MDX with the same processor). Real `astro build`s.

import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ASTRO_BIN, astroBuild, fixtureSite, htmlPages, idOf, jsonLdOf, ledgerFor, type CorrectionSpec } from './support.ts'

const CABLE = `---
title: The cable
date: 2026-03-01
---

The first transatlantic telegraph cable was [completed](https://example.org/cable "The cable") in *1866* after years[^years] of failures.

A paragraph without a quote, which the plugin does not read.

Britain's navy laid most of it -- a task of *many long* months, said "the papers".

[^years]: Four attempts, from 1857 on.
`
const CABLE_SPECS: CorrectionSpec[] = [
  { quote: 'completed in 1866', status: 'annotate', summary: 'The first cable was completed in 1858.' },
  // Sätteri's smart punctuation turns the apostrophe, the dash and the quotes into typographic ones in the tree.
  {
    quote: "Britain's navy laid most",
    sentence: 'Britain\'s navy laid most of it -- a task of many long months, said "the papers".',
    status: 'annotate',
    summary: 'Two companies’ ships laid it.',
  },
]

const LIGHTHOUSE = `---
title: The lighthouse
date: 2026-02-01
---
export const height = 100

The Pharos of Alexandria was about 100 metres tall when it was finished.

<aside class="note">

Earthquakes damaged it, and the last of its stones fell in 1303 into the harbour.

</aside>

It was {height} metres, give or take.
`
const LIGHTHOUSE_SPECS: CorrectionSpec[] = [
  { quote: 'about 100 metres tall', status: 'annotate', summary: 'Estimates range from 100 to 130 metres.' },
  { quote: 'fell in 1303', status: 'annotate', summary: 'The last ruins were gone by 1480.' },
]

const cableLedger = ledgerFor('cable.md', CABLE, CABLE_SPECS)
const lighthouseLedger = ledgerFor('lighthouse.mdx', LIGHTHOUSE, LIGHTHOUSE_SPECS)
const POSTS = {
  'cable.md': CABLE,
  'cable.vetted.json': cableLedger,
  'lighthouse.mdx': LIGHTHOUSE,
  'lighthouse.vetted.json': lighthouseLedger,
}

/** The marker vetted draws around a quote: the marked quote, then its reference. */
const marked = (prefix: string, n: number, quote: string) =>
  `<span class="vetted-marker"><mark class="vetted-claim" id="${prefix}-claim-${n}">${quote}<span class="vetted-sr-only">`

describe('a site on Astro’s default Markdown processor, Sätteri', () => {
  it('keeps Sätteri, without a word, and marks the quotes of .md and .mdx posts with their cards and page data', async () => {
    const result = await astroBuild(fixtureSite(POSTS, { unified: false, mdx: true }))
    expect(result.code, result.output).toBe(0)
    expect(result.output).not.toMatch(/unified|@vetted\/astro\]/)
    const pages = htmlPages(result.outDir)

    const cable = pages['cable/index.html']!
    // The quote spans a link (its target is no text) and emphasis; the footnote reference stays after it.
    expect(cable).toContain(
      `telegraph cable was ${marked('cable', 1, '<a href="https://example.org/cable" title="The cable">completed</a> in <em>1866</em>')}`,
    )
    expect(cable).toMatch(/after years<sup[ >]/)
    // Sätteri's smart punctuation stays, in the marked sentence too.
    expect(cable).toContain(`<p>${marked('cable', 2, 'Britain’s navy laid most')}`)
    expect(cable).toContain('of it – a task of <em>many long</em> months, said “the papers”.')
    expect(cable).toContain(`data-vetted-id="${idOf(cableLedger, 'completed in 1866')}" data-vetted-status="annotate"`)
    expect(cable).toContain('The first cable was completed in 1858.')
    expect(jsonLdOf(cable).correction).toHaveLength(2)

    const lighthouse = pages['lighthouse/index.html']!
    expect(lighthouse).toContain(`Alexandria was ${marked('lighthouse', 1, 'about 100 metres tall')}`)
    expect(lighthouse).toMatch(
      new RegExp(
        `<aside class="note">\\s*<p>Earthquakes damaged it, and the last of its stones ${marked('lighthouse', 2, 'fell in 1303').replaceAll(/[()]/g, '\\$&')}`,
      ),
    )
    expect(lighthouse).toContain('It was 100 metres, give or take.')
    expect(lighthouse).not.toContain('export const')
    expect(lighthouse).toContain(`data-vetted-id="${idOf(lighthouseLedger, 'fell in 1303')}" data-vetted-status="annotate"`)
    expect(jsonLdOf(lighthouse).correction).toHaveLength(2)
  }, 120_000)

  it('keeps the site’s own Sätteri plugins and features, which run beside vetted’s in .md and .mdx', async () => {
    const root = fixtureSite(POSTS, { unified: false, mdx: true })
    // Astro's own Sätteri package (a dependency of astro, not of this site).
    const satteri = pathToFileURL(createRequire(ASTRO_BIN).resolve('@astrojs/markdown-satteri')).href
    writeFileSync(
      join(root, 'astro.config.mjs'),
      `import { satteri } from ${JSON.stringify(satteri)}
import mdx from '@astrojs/mdx'
import vetted from '@vetted/astro'
import { defineConfig } from 'astro/config'
const signature = {
  name: 'site-signature',
  after(root, ctx) { ctx.appendChild(root, { type: 'paragraph', data: { hProperties: { id: 'signed' } }, children: [{ type: 'text', value: 'Signed by the site’s own plugin.' }] }) },
}
export default defineConfig({
  markdown: { processor: satteri({ mdastPlugins: [signature], features: { smartPunctuation: false } }) },
  integrations: [mdx(), vetted()],
  devToolbar: { enabled: false },
})
`,
    )
    const result = await astroBuild(root)
    expect(result.code, result.output).toBe(0)
    expect(result.output).not.toMatch(/unified|@vetted\/astro\]/)
    const pages = htmlPages(result.outDir)
    for (const [page, prefix, quote] of [
      ['cable/index.html', 'cable', '<a href="https://example.org/cable" title="The cable">completed</a> in <em>1866</em>'],
      ['lighthouse/index.html', 'lighthouse', 'about 100 metres tall'],
    ] as const) {
      const html = pages[page]!
      expect(html, page).toContain('<p id="signed">Signed by the site’s own plugin.</p>')
      expect(html, page).toContain(marked(prefix, 1, quote))
      expect(html, page).toContain('class="vetted-card"')
    }
    // The site turned smart punctuation off: the text stays as written.
    expect(pages['cable/index.html']).toContain(`<p>${marked('cable', 2, "Britain's navy laid most")}`)
  }, 120_000)

  it('fails the build while a post has an open correction, naming file:line and id, before any page is written', async () => {
    const ledger = ledgerFor('lighthouse.mdx', LIGHTHOUSE, [
      { quote: 'fell in 1303', status: 'open', summary: 'The last ruins were gone by 1480.' },
    ])
    const result = await astroBuild(fixtureSite({ ...POSTS, 'lighthouse.vetted.json': ledger }, { unified: false, mdx: true }))
    expect(result.code, result.output).toBe(1)
    expect(result.output).toMatch(new RegExp(`lighthouse\\.mdx:11:\\d+ ${idOf(ledger, 'fell in 1303')}`))
    expect(result.output).toContain(`vetted resolve ${idOf(ledger, 'fell in 1303')} --annotate`)
    expect(Object.keys(htmlPages(result.outDir))).toEqual([])
  }, 120_000)
})
