// What a ledger says reaches readers as cards, popovers, JSON-LD and reports, so
// nothing in it may spoof or endanger a reader: bidirectional controls cannot
// reorder the text around them (a domain label always reads in order), a source
// URL with credentials or to a private host is refused (by the gate, and by the
// plugin when it renders), and a reasoning past the Markdown limits of a post is
// refused at its line instead of crashing or stalling a build.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { articleJsonLd } from '@vetted/astro'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { launchChromium } from './browser/support.ts'
import { project, vettedInProcess } from './cli/support.ts'
import { REPO, astroBuild, fixtureSite, ledgerFor } from './site/support.ts'
import { REASONING_PAST_THE_LIMITS } from './support/pathological.ts'

const POST = `---
title: The telegraph
date: 2026-03-01
---

The first transatlantic telegraph cable was completed in 1866 after several failed attempts.
`

const RLO = '\u202e'
const SAFE_URL = 'https://example.org/atlantic-cable/1858'

/** A ledger for POST with one published correction; `edit` changes its JSON text (to write what the schema would refuse to serialize). */
function ledgerText(
  overrides: { summary?: string; reasoning?: string; title?: string; status?: 'annotate' | 'open' } = {},
  edit: (json: string) => string = (json) => json,
): string {
  return edit(
    ledgerFor('post.md', POST, [
      {
        quote: 'completed in 1866',
        status: overrides.status ?? 'annotate',
        summary: overrides.summary ?? 'The first cable was completed in 1858.',
        reasoning: overrides.reasoning ?? 'The 1858 cable worked for three weeks.',
        sources: [{ url: SAFE_URL, title: overrides.title ?? 'Atlantic cable', quote: 'Completed on 5 August 1858.' }],
      },
    ]),
  )
}

/** The post and its ledger in a project; `vetted check --ci` and the unified pipeline read them from there. */
function postProject(ledger: string): string {
  return project({ 'content/post.md': POST, 'content/post.vetted.json': ledger })
}

/** The post through a unified pipeline with remark-vetted, its ledger read from beside it. */
async function render(dir: string) {
  const file = await unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkVetted)
    .use(remarkRehype)
    .use(rehypeStringify)
    .process(new VFile({ path: join(dir, 'content/post.md'), value: readFileSync(join(dir, 'content/post.md'), 'utf8') }))
  return {
    html: String(file),
    messages: file.messages.map((message) => ({ reason: message.reason, ruleId: message.ruleId, fatal: message.fatal })),
  }
}

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/

describe('bidirectional controls in a ledger', () => {
  const hostile = ledgerText(
    { summary: `Fixed ${RLO}in 1858`, title: `Cable history ${RLO}`, reasoning: `It ${RLO}worked for three weeks.` },
    (json) => json.replace(SAFE_URL, 'https://evil.example/moc'),
  )

  it('reach neither the card nor the popover: ledger text is isolated and the domain label reads in order', async () => {
    const { html } = await render(postProject(hostile))
    expect(html).not.toMatch(BIDI_CONTROLS)
    expect(html).toContain('<bdi>Cable history </bdi>')
    expect(html).toContain('<span class="vetted-card-domain" dir="ltr">evil.example</span>')
    // In Chromium, with an unterminated U+202E left in the title on purpose, the domain's letters still run left to right.
    const raw = html.replace('<bdi>Cable history </bdi>', `<bdi>Cable history ${RLO}</bdi>`)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent(`<style>${readFileSync(join(REPO, 'packages/remark-vetted/src/styles/vetted.css'), 'utf8')}</style>${raw}`)
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((details) => {
          details.open = true
        }),
      )
      const lefts = await page.locator('.vetted-card-domain').evaluate((span) => {
        const text = span.firstChild!
        return [...(text.textContent ?? '')].map((_, index) => {
          const range = document.createRange()
          range.setStart(text, index)
          range.setEnd(text, index + 1)
          return range.getBoundingClientRect().left
        })
      })
      expect(lefts).toEqual([...lefts].sort((a, b) => a - b))
    } finally {
      await browser.close()
    }
  })

  it('reach no JSON-LD: the correction text is published without them', () => {
    const data = articleJsonLd({
      title: 'The telegraph',
      date: '2026-03-01',
      url: 'https://blog.example/telegraph/',
      vetted: {
        corrections: [
          {
            id: 'c-0123456789',
            number: 1,
            anchor: 'post-correction-1',
            status: 'annotate',
            quote: `completed ${RLO}in 1866`,
            summary: `Fixed ${RLO}in 1858`,
            reasoning: 'r',
            sources: [
              { url: SAFE_URL, title: 't' },
              { url: 'http://169.254.169.254/latest/meta-data/', title: 'metadata' },
            ],
            checker: { model: 'manual', prompt: 'manual', date: '2026-03-02' },
            line: 6,
          },
        ],
        fixed: [{ id: 'c-1123456789', quote: 'q', summary: `Was ${RLO}wrong`, date: '2026-03-03' }],
        open: [],
      },
    })
    expect(JSON.stringify(data)).not.toMatch(BIDI_CONTROLS)
    expect((data['correction'] as Array<{ citation?: string[] }>)[0]!.citation).toEqual([SAFE_URL])
  })
})

describe('source URLs that may not be published', () => {
  const UNSAFE = {
    credentials: ['https://admin:hunter2@example.com/x', /a URL with a user name or password in it/],
    loopback: ['http://127.0.0.1:8080/admin', /a URL to a loopback address \(127\.0\.0\.1\)/],
    'link-local': ['http://169.254.169.254/latest/meta-data/', /a URL to a link-local address \(169\.254\.169\.254\)/],
    private: ['http://10.0.0.7/intranet', /a URL to a private address \(10\.0\.0\.7\)/],
    'over 2,048 characters': [`https://example.com/${'a'.repeat(100_000)}`, /a URL of 100,020 characters \(at most 2,048\)/],
  } as const

  for (const [kind, [url, reason]] of Object.entries(UNSAFE)) {
    it(`are refused by the gate with the ledger's line: ${kind}`, async () => {
      const ledger = ledgerText({}, (json) => json.replace(SAFE_URL, url))
      const line = ledger.split('\n').findIndex((text) => text.includes('"url"')) + 1
      const result = await vettedInProcess(['check', '--ci'], { cwd: postProject(ledger) })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(
        new RegExp(`content/post\\.vetted\\.json:${line}:\\d+: .*expected a public http\\(s\\) URL, found ${reason.source}`),
      )
      expect(result.stderr).not.toContain('hunter2@')
    })

    it(`are refused when a pipeline renders the ledger, and never become links: ${kind}`, async () => {
      const { html, messages } = await render(postProject(ledgerText({}, (json) => json.replace(SAFE_URL, url))))
      expect(messages).toEqual([expect.objectContaining({ ruleId: 'invalid-ledger', fatal: true, reason: expect.stringMatching(reason) })])
      expect(html).not.toContain('vetted-card')
      expect(html).not.toContain(url.slice(0, 30))
    })
  }

  it('a hostname with non-ASCII letters is reported in punycode, as the card shows it', async () => {
    // Open, so that the gate lists it with its sources.
    const dir = postProject(ledgerText({ status: 'open' }, (json) => json.replace(SAFE_URL, 'https://bücher.example/kabel')))
    const report = await vettedInProcess(['check', '--ci'], { cwd: dir })
    expect(report.stdout).toContain('<https://xn--bcher-kva.example/kabel>')
    expect(report.stdout).not.toContain('bücher')
    writeFileSync(
      join(dir, 'content/post.vetted.json'),
      ledgerText({}, (json) => json.replace(SAFE_URL, 'https://bücher.example/kabel')),
    )
    const { html } = await render(dir)
    expect(html).toContain('<span class="vetted-card-domain" dir="ltr">xn--bcher-kva.example</span>')
  })
})

describe('a reasoning past the Markdown limits of a post', () => {
  // What the refusal costs against an ordinary reasoning is a benchmark: `pnpm bench hostile`.
  const REFUSED_FOR: Record<string, RegExp> = {
    '20,000 nested block quotes': /nests 20000 levels deep \(block quotes and lists\); at most 32 are read/,
    'an 80 KB run of emphasis marks': /has a paragraph with more than 1000 of \* _ ~ ` \[ \] \(emphasis, code and link marks\)/,
    'nested quotes after a line that looks like frontmatter': /nests 20000 levels deep/,
  }

  for (const [kind, reasoning] of Object.entries(REASONING_PAST_THE_LIMITS)) {
    const reason = REFUSED_FOR[kind]!
    it(`is refused by the gate at the ledger's line of the field: ${kind}`, async () => {
      const ledger = ledgerText({ reasoning })
      const line = ledger.split('\n').findIndex((text) => text.includes('"reasoning"')) + 1
      const result = await vettedInProcess(['check', '--ci'], { cwd: postProject(ledger) })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(
        new RegExp(`content/post\\.vetted\\.json:${line}:\\d+: the reasoning of correction c-[0-9a-f]{10} ${reason.source}`),
      )
    })

    it(`is refused when a pipeline renders the ledger, without a crash: ${kind}`, async () => {
      const { html, messages } = await render(postProject(ledgerText({ reasoning })))
      expect(messages).toEqual([expect.objectContaining({ ruleId: 'invalid-ledger', fatal: true, reason: expect.stringMatching(reason) })])
      expect(html).not.toContain('vetted-card')
    })
  }

  it('stops astro build with the ledger, its line and the limit, not "Maximum call stack size exceeded"', async () => {
    const build = await astroBuild(fixtureSite({ 'post.md': POST, 'post.vetted.json': ledgerText({ reasoning: '> '.repeat(20_000) }) }))
    expect(build.output).not.toContain('Maximum call stack size exceeded')
    expect(build.code, build.output).not.toBe(0)
    expect(build.output).toMatch(/post\.vetted\.json:\d+:\d+: the reasoning of correction c-[0-9a-f]{10} nests 20000 levels deep/)
  }, 120_000)
})
