// Real `astro build`s of the sample site's code: on fixture posts (every state a
// correction can be in), on the project's own content/, and on posts that must
// stop the build. The HTML is inspected as a reader's browser would get it.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FIXTURES,
  REPO,
  astroBuild,
  contentFolder,
  copyOfSampleSite,
  htmlPages,
  idOf,
  idsOf,
  javascriptBytes,
  jsonLdOf,
  ledgerFor,
  type BuildResult,
  type CorrectionSpec,
} from './support.ts'

const fixture = (name: string) => readFileSync(join(FIXTURES, 'content', name), 'utf8')
// The elements a browser makes of the page: attribute values (their quotes escaped) and text
// (its < escaped) hold no markup, so every tag is a real `<name` outside them.
const tagsOf = (html: string) =>
  [...html.replace(/="[^"]*"/g, '=""').matchAll(/<([a-z][\w-]*)([^>]*)>/gi)].map((match) => `<${match[1]!.toLowerCase()}${match[2]}>`)
const HOSTILE = 'It fell in 1303 </script><script>alert(1)</script> <img src=x onerror=alert(2)>.'

const TELEGRAPH: CorrectionSpec[] = [
  {
    quote: 'completed in 1866',
    status: 'annotate',
    summary: 'The first cable was completed in 1858; it failed after three weeks. The 1866 cable was the first to last.',
    reasoning: 'The **1858** cable carried the Queen’s message and failed within weeks.',
    sources: [
      { url: 'https://example.org/atlantic-cable/1858', title: 'The 1858 cable', quote: 'completed on 5 August 1858' },
      { url: 'https://example.com/history', title: 'Cable history' },
    ],
    checker: { model: 'gpt-5.1', prompt: 'investigate-v1', date: '2026-03-03' },
  },
  {
    quote: 'more than 4,000 kilometres of cable',
    status: 'dismiss',
    summary: 'The holds carried about 4,300 km, so “more than 4,000” understates it.',
    note: 'It is more than 4,000 km: the sentence is right.',
  },
  {
    quote: 'every continent except Antarctica',
    status: 'annotate',
    summary: 'Africa’s southern tip was only linked in 1879, thirteen years later.',
    checker: { model: 'manual', prompt: 'manual', date: '2026-03-08' },
  },
  {
    quote: 'knighted for the work in 1865',
    sentence: 'Its captain, James Anderson, was knighted for the work in 1865.',
    // Published, then the author rewrote the sentence: the log dates the fix.
    status: 'annotate',
    summary: 'He was knighted in 1866, after the cable was laid.',
    history: [
      { date: '2026-03-02', status: 'annotate' },
      { date: '2026-03-05', status: 'fixed' },
    ],
  },
]
const LIGHTHOUSE: CorrectionSpec[] = [
  {
    quote: 'about 100 metres tall',
    status: 'annotate',
    summary: 'Estimates range from 100 to 130 metres.',
    sources: [{ url: 'https://example.org/pharos', title: 'The Pharos' }],
    checker: { model: 'manual', prompt: 'manual', date: '2026-02-03' },
  },
  {
    quote: 'the last of them in 1303',
    status: 'annotate',
    summary: HOSTILE,
    reasoning: `<script>alert(3)</script> ${HOSTILE}`,
    sources: [{ url: 'https://example.org/"onmouseover="alert(4)', title: '<b>bold</b>' }],
    checker: { model: 'manual', prompt: 'manual', date: '2026-02-04' },
  },
]

describe('the sample site on fixture posts', () => {
  let build: BuildResult
  let pages: Record<string, string>
  const ledgers = {
    telegraph: ledgerFor('telegraph.md', fixture('telegraph.md'), TELEGRAPH),
    lighthouse: ledgerFor('lighthouse.md', fixture('lighthouse.md'), LIGHTHOUSE),
  }
  beforeAll(async () => {
    const content = contentFolder({
      'telegraph.md': fixture('telegraph.md'),
      'telegraph.vetted.json': ledgers.telegraph,
      'lighthouse.md': fixture('lighthouse.md'),
      'lighthouse.vetted.json': ledgers.lighthouse,
      'notes.md': fixture('notes.md'),
      'README.md': '# Not a post\n',
    })
    build = await astroBuild(copyOfSampleSite(), { VETTED_CONTENT_DIR: content })
    pages = htmlPages(build.outDir)
  }, 120_000)

  it('builds a home page, a page per post and /corrections, and the README is no post', () => {
    expect(build.code, build.output).toBe(0)
    expect(Object.keys(pages).sort()).toEqual([
      'corrections/index.html',
      'index.html',
      'lighthouse/index.html',
      'notes/index.html',
      'telegraph/index.html',
    ])
  })

  it('lists the posts newest first with their number of published corrections', () => {
    const home = pages['index.html']!
    const titles = [...home.matchAll(/<h2><a href="\/([^/]+)\/">/g)].map((match) => match[1])
    expect(titles).toEqual(['telegraph', 'lighthouse', 'notes'])
    expect(home).toContain('<a href="/telegraph/#telegraph-correction-1">2 published corrections</a>')
    expect(home).toContain('<a href="/lighthouse/#lighthouse-correction-1">2 published corrections</a>')
    expect(home).toMatch(/15 January 2026<\/time> · no corrections/)
  })

  it('marks each published claim, with a reference, a popover and a card; not the dismissed one', () => {
    const html = pages['telegraph/index.html']!
    expect(html).toContain(
      '<mark class="vetted-claim" id="telegraph-claim-1">completed in 1866<span class="vetted-sr-only"> (corrected, see correction 1)</span></mark>',
    )
    expect(html).toContain(
      '<sup class="vetted-ref"><a href="#telegraph-correction-1" id="telegraph-ref-1" data-vetted-ref="" aria-describedby="telegraph-corrections-label">1</a></sup>',
    )
    expect(html).toMatch(
      /<button type="button" class="vetted-pop" popovertarget="telegraph-pop-1" aria-label="Correction 1: The first cable was completed in 1858;[^"]*">/,
    )
    expect(html).toMatch(
      /<span class="vetted-popover" id="telegraph-pop-1" popover[^>]*><bdi>The first cable was completed in 1858;.*?<a href="#telegraph-correction-1">Full correction<\/a><\/span>/,
    )
    expect(html.match(/<li id="telegraph-correction-\d" class="vetted-card"/g)).toHaveLength(2)
    expect(html).toContain('<a href="#telegraph-ref-2" class="vetted-backref" aria-label="Back to the claim of correction 2">')
    expect(html).not.toContain(idOf(ledgers.telegraph, 'more than 4,000 kilometres of cable'))
    expect(html).not.toContain('the sentence is right')
  })

  it('gives each card the claim, the correction, the reasoning and the sources as <details>, and the checker', () => {
    const card =
      /<li id="telegraph-correction-1" class="vetted-card".*?<\/li><\/ol>|<li id="telegraph-correction-1" class="vetted-card".*?(?=<li id="telegraph-correction-2")/s.exec(
        pages['telegraph/index.html']!,
      )![0]
    expect(card).toContain(
      '<div class="vetted-card-claim"><p>The first transatlantic telegraph cable was <span class="vetted-card-quoted">completed in 1866</span> after years of failed attempts.</p></div>',
    )
    expect(card).toContain(
      '<details class="vetted-card-reasoning"><summary>Full reasoning</summary><div class="vetted-card-reasoning-text" dir="auto"><p>The <strong>1858</strong> cable',
    )
    expect(card).toContain('<details class="vetted-card-sources"><summary>2 sources</summary>')
    expect(card).toContain(
      '<a href="https://example.org/atlantic-cable/1858" rel="noopener noreferrer nofollow"><bdi>The 1858 cable</bdi></a> <span class="vetted-card-domain" dir="ltr">example.org</span><p class="vetted-card-quote">“<bdi>completed on 5 August 1858</bdi>”</p>',
    )
    expect(card).toContain('Checked by <bdi>gpt-5.1</bdi> on <time datetime="2026-03-03">')
  })

  it('logs a correction fixed after the post was published', () => {
    expect(pages['telegraph/index.html']).toMatch(
      /<h2 id="telegraph-log-label">Correction log<\/h2><ul><li[^>]*>Corrected on <time datetime="2026-03-05">[^<]*<\/time>: “<bdi>knighted for the work in 1865<\/bdi>” — <bdi>He was knighted in 1866/,
    )
  })

  it('keeps ids unique on every page', () => {
    for (const [path, html] of Object.entries(pages)) {
      const ids = idsOf(html)
      expect(new Set(ids).size, `${path}: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`).toBe(ids.length)
    }
  })

  it('describes each post as a schema.org Article with a CorrectionComment per published correction', () => {
    const article = jsonLdOf(pages['telegraph/index.html']!)
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'The first transatlantic cable',
      datePublished: '2026-03-01',
      dateModified: '2026-03-10',
    })
    expect(article.correction.map((c) => c['@type'])).toEqual(['CorrectionComment', 'CorrectionComment', 'CorrectionComment'])
    expect(article.correction[0]).toMatchObject({
      datePublished: '2026-03-03',
      url: 'http://127.0.0.1:4321/telegraph/#telegraph-correction-1',
      citation: ['https://example.org/atlantic-cable/1858', 'https://example.com/history'],
    })
    expect(article.correction[2]).toMatchObject({
      datePublished: '2026-03-05',
      text: 'Corrected: He was knighted in 1866, after the cable was laid.',
    })
    expect(jsonLdOf(pages['notes/index.html']!).correction).toEqual([])
  })

  it('keeps hostile ledger text as text, in the card and in the JSON-LD', () => {
    const html = pages['lighthouse/index.html']!
    expect(tagsOf(html).filter((tag) => /^<(script|img|b)\b|\son\w+=/.test(tag))).toEqual(['<script type="">'])
    expect(html).toContain('&#x3C;/script>&#x3C;script>alert(1)&#x3C;/script>')
    expect(jsonLdOf(html).correction[1]!['text']).toContain(HOSTILE)
  })

  it('lists every published correction on /corrections, newest first, each linking to its card', () => {
    const html = pages['corrections/index.html']!
    const links = [...html.matchAll(/href="(\/[^"#]+\/#[^"]+)"/g)].map((match) => match[1]!)
    expect(links).toEqual([
      '/telegraph/#telegraph-correction-2',
      '/telegraph/#telegraph-correction-1',
      '/lighthouse/#lighthouse-correction-2',
      '/lighthouse/#lighthouse-correction-1',
    ])
    for (const link of links) {
      const [page, anchor] = link.split('#')
      expect(pages[`${page!.slice(1)}index.html`]).toContain(`id="${anchor}"`)
    }
  })

  it('ships no JavaScript', () => {
    expect(javascriptBytes(build.outDir)).toBe(0)
    for (const html of Object.values(pages)) {
      expect(tagsOf(html).filter((tag) => tag.startsWith('<script'))).toEqual(
        html.includes('application/ld+json') ? ['<script type="">'] : [],
      )
    }
  })
})

describe('the sample site on content/', () => {
  it('builds every post, with unique ids, JSON-LD for each card and /corrections linking to them', async () => {
    const build = await astroBuild(copyOfSampleSite(), { VETTED_CONTENT_DIR: join(REPO, 'content') })
    expect(build.code, build.output).toBe(0)
    const pages = htmlPages(build.outDir)
    const posts = Object.keys(pages).filter((path) => path !== 'index.html' && path !== 'corrections/index.html')
    expect(posts.length).toBeGreaterThanOrEqual(1)
    let cards = 0
    for (const path of posts) {
      const html = pages[path]!
      const ids = idsOf(html)
      expect(new Set(ids).size, path).toBe(ids.length)
      const shown = (html.match(/class="vetted-card"/g) ?? []).length
      const logged = (/<section class="vetted-log".*?<\/section>/s.exec(html)?.[0].match(/<li/g) ?? []).length
      expect(jsonLdOf(html).correction, path).toHaveLength(shown + logged)
      cards += shown
    }
    const links = [...pages['corrections/index.html']!.matchAll(/href="\/([^"#]+\/)#([^"]+)"/g)]
    expect(links).toHaveLength(cards)
    for (const [, page, anchor] of links) expect(pages[`${page}index.html`]).toContain(`id="${anchor}"`)
    // The MDX post (@astrojs/mdx): its component renders, the published claim marked inside it, and its import is no text.
    const mdx = pages['how-the-metre-was-measured/index.html']!
    expect(mdx).toMatch(/<aside class="aside"[^>]*>(?:(?!<\/aside>).)*<mark class="vetted-claim"[^>]*>from Dunkirk to Marseille/s)
    expect(mdx).toContain('class="vetted-card"')
    expect(mdx).not.toMatch(/import Aside|export const|surveyStart/)
  }, 120_000)
})

describe('the build gate', () => {
  const draft =
    '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'
  const open: CorrectionSpec = {
    quote: 'completed in 1866',
    status: 'open',
    summary: 'The first cable was completed in 1858; it failed within weeks.',
  }
  const brokenLedger = `{
  "version": 1,
  "post": "eiffel.md",
  "claims": {},
  "corrections": {
    "c-0123456789": {
      "id": "c-0123456789", "claim": "0123456789abcdef", "quote": "completed in 1889", "summary": "S.", "reasoning": "R.",
      "sources": [{ "url": "javascript:alert(1)", "title": "Evil" }],
      "checker": { "model": "manual", "prompt": "manual", "date": "2026-03-02" }, "status": "annotate", "history": []
    }
  },
  "usage": []
}
`

  it('fails while a post has an open correction or a broken ledger, naming file:line and id; builds once they are settled', async () => {
    const ledger = ledgerFor('draft.md', draft, [open])
    const id = idOf(ledger, 'completed in 1866')
    const content = contentFolder({
      'draft.md': draft,
      'draft.vetted.json': ledger,
      'eiffel.md': '---\ntitle: Eiffel\ndate: 2026-03-01\n---\n\nThe Eiffel Tower was completed in 1889 for the World Fair.\n',
      'eiffel.vetted.json': brokenLedger,
    })
    const site = copyOfSampleSite()
    const failed = await astroBuild(site, { VETTED_CONTENT_DIR: content })
    expect(failed.code).not.toBe(0)
    expect(failed.output).toMatch(new RegExp(`draft\\.md:6:\\d+ ${id} The first cable was completed in 1858`))
    expect(failed.output).toMatch(
      /eiffel\.vetted\.json:8:\d+: invalid ledger: expected a public http\(s\) URL, found a javascript: URL at corrections\["c-0123456789"\]\.sources\[0\]\.url/,
    )

    // The author settles both (vetted resolve ID --annotate; the ledger repaired): the same site builds, and
    // shows the card, although the posts themselves did not change.
    writeFileSync(join(content, 'draft.vetted.json'), ledger.replace('"status": "open"', '"status": "annotate"'))
    writeFileSync(join(content, 'eiffel.vetted.json'), brokenLedger.replace('javascript:alert(1)', 'https://example.org/eiffel'))
    const settled = await astroBuild(site, { VETTED_CONTENT_DIR: content })
    expect(settled.code, settled.output).toBe(0)
    expect(htmlPages(settled.outDir)['draft/index.html']).toContain(`data-vetted-id="${id}" data-vetted-status="annotate"`)
  }, 120_000)

  it('only warns about open corrections when told to, and does not publish them', async () => {
    const ledger = ledgerFor('draft.md', draft, [open])
    const content = contentFolder({ 'draft.md': draft, 'draft.vetted.json': ledger })
    const result = await astroBuild(copyOfSampleSite(), { VETTED_CONTENT_DIR: content, VETTED_OPEN_CORRECTIONS: 'warn' })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(new RegExp(`\\[WARN\\].*1 open correction.*\\n.*draft\\.md:6:\\d+ ${idOf(ledger, 'completed in 1866')}`))
    const html = htmlPages(result.outDir)['draft/index.html']!
    expect(html).toContain('completed in 1866')
    expect(html).not.toContain('class="vetted-card"')
    expect(html).not.toContain('<mark')
  }, 60_000)
})
