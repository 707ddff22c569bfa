// Real `astro build`s: the sample site, and small sites for the build gate.
// The HTML is inspected as a reader's browser would get it.

import { correctionId, detectClaims, emptyLedger, serializeLedger } from '@vetted/core'
import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { ASTRO_BIN, SAMPLE_SITE, astroBuild, fixtureSite, htmlPages, javascriptBytes, type BuildResult } from './support.ts'

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!)
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!)

describe('the sample site', () => {
  let build: BuildResult
  let pages: Record<string, string>
  beforeAll(async () => {
    build = await astroBuild(SAMPLE_SITE)
    pages = htmlPages(build.outDir)
  }, 120_000)

  it('builds a home page, a page per post and /corrections', () => {
    expect(build.code, build.output).toBe(0)
    expect(Object.keys(pages).sort()).toEqual([
      'a-short-history-of-python/index.html',
      'corrections/index.html',
      'how-the-web-got-its-standards/index.html',
      'index.html',
      'the-double-helix/index.html',
      'why-gps-clocks-run-fast/index.html',
    ])
    expect(pages['index.html']).toContain('1 published correction')
    expect(pages['index.html']).toContain('no corrections')
  })

  it('shows published corrections as cards, not dismissed ones, and logs fixed ones', () => {
    const web = pages['how-the-web-got-its-standards/index.html']!
    expect(web.match(/<li id="how-the-web-got-its-standards-correction-\d+" class="vetted-card"/g)).toHaveLength(1)
    expect(web).toContain('<mark class="vetted-claim" id="how-the-web-got-its-standards-claim-1">founded in 1996 at the Massachusetts Institute of Technology')
    expect(web).not.toContain('the first browser that ever ran on Windows, Mac and Unix<span class="vetted-sr-only">')
    const python = pages['a-short-history-of-python/index.html']!
    expect(python).toMatch(/Correction log<\/h2><ul><li data-vetted-id="c-[0-9a-f]{10}">Corrected on <time datetime="2026-06-10">10 June 2026<\/time>/)
    expect(pages['the-double-helix/index.html']).not.toContain('class="vetted-card"')
    const sources = /<details class="vetted-card-sources"><summary>2 sources<\/summary>(.*?)<\/details>/s.exec(pages['why-gps-clocks-run-fast/index.html']!)
    expect(sources?.[1]).toContain('rel="noopener noreferrer nofollow"')
  })

  it('keeps ids unique on every page', () => {
    for (const [path, html] of Object.entries(pages)) {
      const all = ids(html)
      expect(new Set(all).size, path).toBe(all.length)
    }
  })

  it('describes each post as a schema.org Article with its corrections', () => {
    const article = jsonLdOf(pages['why-gps-clocks-run-fast/index.html']!)
    expect(article).toMatchObject({ '@context': 'https://schema.org', '@type': 'Article', headline: 'Why GPS clocks are set to run slow', datePublished: '2026-04-03' })
    expect(article.correction).toHaveLength(1)
    expect(article.correction[0]).toMatchObject({ '@type': 'CorrectionComment', datePublished: '2026-04-05' })
    expect(article.correction[0].url).toMatch(/#why-gps-clocks-run-fast-correction-1$/)
    expect(jsonLdOf(pages['the-double-helix/index.html']!).correction).toEqual([])
  })

  it('lists every published correction on /corrections, newest first, linking to its card', () => {
    const html = pages['corrections/index.html']!
    const links = [...html.matchAll(/href="(\/[^"#]+\/#[^"]+-correction-\d+)"/g)].map((match) => match[1])
    expect(links).toEqual([
      '/a-short-history-of-python/#a-short-history-of-python-correction-1',
      '/why-gps-clocks-run-fast/#why-gps-clocks-run-fast-correction-1',
      '/how-the-web-got-its-standards/#how-the-web-got-its-standards-correction-1',
    ])
    for (const link of links) {
      const [page, anchor] = link!.split('#')
      expect(pages[`${page!.slice(1)}index.html`]).toContain(`id="${anchor}"`)
    }
  })

  it('ships no JavaScript for the cards', () => {
    expect(javascriptBytes(build.outDir)).toBe(0)
    for (const html of Object.values(pages)) expect(html.replace(/<script type="application\/ld\+json">.*?<\/script>/gs, '')).not.toContain('<script')
  })
})

describe('the build gate', () => {
  const post = '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'
  const quote = 'completed in 1866'
  function withOpenCorrection(openCorrections: 'error' | 'warn') {
    const claim = detectClaims(post)[0]!
    const ledger = emptyLedger('draft.md')
    const id = correctionId('draft.md', claim.fingerprint, quote)
    ledger.claims[claim.fingerprint] = { text: claim.text, verdict: 'incorrect', checker: 'manual' }
    ledger.corrections[id] = {
      id, claim: claim.fingerprint, quote, summary: 'The first cable was completed in 1858; it failed within weeks.', reasoning: 'The 1858 cable worked for about three weeks.',
      sources: [], checker: { model: 'manual', prompt: 'manual', date: '2026-03-02' }, status: 'open', history: [],
    }
    return { root: fixtureSite({ 'draft.md': post, 'draft.vetted.json': serializeLedger(ledger) }, { openCorrections }), id }
  }

  it('fails while a post has an open correction, naming its file, line and id', async () => {
    const { root, id } = withOpenCorrection('error')
    const result = await astroBuild(root)
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(new RegExp(`posts/draft\\.md:6:\\d+ ${id} The first cable was completed in 1858`))
  }, 60_000)

  it('astro dev shows the open correction, marked as not published: the author\'s preview', async () => {
    const { root, id } = withOpenCorrection('error')
    const server = spawn(process.execPath, [ASTRO_BIN, 'dev', '--root', root, '--port', '4321', '--host', '127.0.0.1'], {
      cwd: root,
      // Astro's dev server serves no pages under vitest's variables (NODE_ENV=test, VITEST=…): a user's shell has neither.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST')), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    })
    try {
      // Astro moves to the next free port when 4321 is taken: read the one it printed.
      const origin = await new Promise<string>((resolve, reject) => {
        let output = ''
        server.stdout.on('data', (chunk) => {
          output += chunk
          const match = /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
          if (match) resolve(match[1]!)
        })
        server.on('exit', () => reject(new Error(`astro dev exited:\n${output}`)))
      })
      const html = await fetch(`${origin}/draft/`).then((response) => response.text())
      expect(html).toContain('<mark class="vetted-claim vetted-open" id="draft-claim-1">completed in 1866')
      expect(html).toContain(`data-vetted-id="${id}" data-vetted-status="open"`)
      expect(html).toContain('Open correction (not published)')
    } finally {
      server.kill()
    }
  }, 60_000)

  it('only warns when told to, and does not publish the open correction', async () => {
    const { root, id } = withOpenCorrection('warn')
    const result = await astroBuild(root)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain(id)
    const html = htmlPages(result.outDir)['draft/index.html']!
    expect(html).toContain('completed in 1866')
    expect(html).not.toContain('class="vetted-card"')
    expect(html).not.toContain('<mark')
  }, 60_000)
})

describe('a broken ledger', () => {
  it('fails the build naming the ledger, the place and the JSON path, e.g. a javascript: source URL', async () => {
    const post = '---\ntitle: Post\ndate: 2026-03-01\n---\n\nThe Eiffel Tower was completed in 1889 for the World Fair.\n'
    const ledger = {
      version: 1,
      post: 'post.md',
      claims: {},
      corrections: {
        'c-0123456789': {
          id: 'c-0123456789', claim: '0123456789abcdef', quote: 'completed in 1889', summary: 'S.', reasoning: 'R.',
          sources: [{ url: 'javascript:alert(1)', title: 'Evil' }],
          checker: { model: 'manual', prompt: 'manual', date: '2026-03-02' }, status: 'annotate', history: [],
        },
      },
      usage: [],
    }
    const root = fixtureSite({ 'post.md': post, 'post.vetted.json': `${JSON.stringify(ledger, null, 2)}\n` })
    const result = await astroBuild(root)
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(/posts\/post\.vetted\.json:\d+:\d+: invalid ledger: an http\(s\) URL at corrections\["c-0123456789"\]\.sources\[0\]\.url/)
  }, 60_000)
})
