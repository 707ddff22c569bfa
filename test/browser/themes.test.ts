// The cards on four kinds of site, in real Chromium: a light-only blog shaped
// like Astro's blog template, Starlight-like and Docusaurus-like docs with their
// dark toggle, and the project's own site (astro build). The cards are the real
// HTML of remark-vetted (a unified pipeline) placed in each theme's page, with
// vetted's stylesheet after the theme's. Asserted: axe-core's color-contrast rule
// finds nothing inside vetted's elements in light and in dark; the popover opens
// beside its claim, inside the window and never over the claim, on a wide and a
// narrow screen; cards print in black without the popover. Screenshots go to
// test-results/screenshots/themes/ (look at them when the CSS changes).

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { parseLedger } from '@vetted/core'
import type { Browser, Page } from 'playwright-core'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, SAMPLE_SITE, astroBuild, ledgerFor, temporarySiteFolder } from '../site/support.ts'
import { launchChromium, screenshotPath, serveStatic } from './support.ts'
import { THEMES, type Theme } from './themes/themes.ts'

const STYLESHEET = join(REPO, 'packages/remark-vetted/src/styles/vetted.css')

const filler = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Paragraph ${i + 1} of the background, with nothing in it to check and a few words to fill a line or two of the page.`,
  ).join('\n\n')

const POST = `${filler(3)}

> A quotation the author chose, in the theme's own blockquote style.

The first transatlantic telegraph cable was completed in 1866 after several failed attempts, and it carried messages between Ireland and Newfoundland for many years afterwards without any trouble at all.

${filler(2)}

The Eiffel Tower was finished in 1899 for the World's Fair in Paris.

${filler(8)}
`

const LEDGER = ledgerFor('post.md', POST, [
  {
    quote: 'completed in 1866',
    status: 'annotate',
    summary: 'The first cable was completed in 1858; it failed within weeks. The lasting one followed in 1866.',
    reasoning:
      'The **1858** cable carried the first messages:\n\n- Queen Victoria to President Buchanan\n- then it failed after `three weeks`\n\nSee [the history](https://example.org/atlantic-cable/1858).',
    sources: [
      { url: 'https://example.org/atlantic-cable/1858', title: 'Atlantic cable, 1858', quote: 'The cable was completed on 5 August 1858.' },
      { url: 'https://www.example.com/history', title: 'History of the telegraph' },
    ],
    checker: { model: 'gpt-5-mini', prompt: 'v3', date: '2026-03-03' },
  },
  { quote: 'finished in 1899', status: 'open', summary: 'It was finished in 1889, for the Exposition Universelle.' },
])

/** The post's HTML as remark-vetted renders it (the author's preview, so that an open correction shows too). */
async function postHtml(): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkVetted, { ledger: parseLedger(LEDGER, 'post.vetted.json'), preview: true, idPrefix: 'post' })
    .use(remarkRehype)
    .use(rehypeStringify)
    .process({ path: 'post.md', value: POST })
  return String(file)
}

let browser: Browser
const origins = new Map<string, string>()
const closers: Array<() => Promise<void>> = []
const SITE_POST = '/why-gps-clocks-run-fast/'

beforeAll(async () => {
  const body = await postHtml()
  for (const theme of THEMES) {
    const dir = temporarySiteFolder(`theme-${theme.name}-`)
    writeFileSync(join(dir, 'index.html'), theme.page('The telegraph', body))
    writeFileSync(join(dir, 'theme.css'), theme.css)
    copyFileSync(STYLESHEET, join(dir, 'vetted.css'))
    const served = await serveStatic(dir)
    origins.set(theme.name, `${served.origin}/`)
    closers.push(served.close)
  }
  const build = await astroBuild(SAMPLE_SITE)
  if (build.code !== 0) throw new Error(build.output)
  const site = await serveStatic(build.outDir)
  origins.set('site', site.origin + SITE_POST)
  closers.push(site.close)
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  for (const close of closers) await close()
})

type Scheme = 'light' | 'dark'
const SITES: Array<{ name: string; dark: Theme['dark'] }> = [
  ...THEMES.map(({ name, dark }) => ({ name, dark })),
  { name: 'site', dark: 'system' },
]

/** The site's page in `scheme`, as a reader sets it: the system's scheme, and the site's toggle where it has one. */
async function open(site: (typeof SITES)[number], scheme: Scheme, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: scheme })
  const page = await context.newPage()
  await page.goto(origins.get(site.name)!)
  if (site.dark === 'data-theme') await page.evaluate((theme) => (document.documentElement.dataset['theme'] = theme), scheme)
  return page
}

const openDetails = (page: Page) =>
  page.evaluate(() =>
    document.querySelectorAll('.vetted-card details').forEach((details) => {
      ;(details as HTMLDetailsElement).open = true
    }),
  )

describe.each(SITES)('on $name', (site) => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no contrast problem in the cards, markers and popover (${scheme})`, async () => {
      const page = await open(site, scheme)
      await openDetails(page)
      await page.locator('.vetted-pop').first().click()
      await expect
        .poll(() =>
          page
            .locator('.vetted-popover')
            .first()
            .evaluate((el) => el.matches(':popover-open')),
        )
        .toBe(true)
      const results = await new AxeBuilder({ page })
        .include('.vetted-claim')
        .include('.vetted-corrections')
        .withRules(['color-contrast'])
        .analyze()
      const checked = results.passes.flatMap((pass) => pass.nodes).length
      expect(checked).toBeGreaterThan(10) // axe looked at the cards' text
      expect(results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([])
      await page.screenshot({ path: themeShot(`${site.name}-${scheme}.png`), fullPage: true })
      await page.context().close()
    })
  }

  it('a card uses the page’s font and text colour, and none of the theme’s blockquote or mark styles', async () => {
    const page = await open(site, 'light')
    const styles = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
      const card = style('.vetted-card-claim')
      const main = style('.vetted-corrections').color
      return {
        claimFontSize: card.fontSize,
        sectionFontSize: style('.vetted-corrections').fontSize,
        claimBorderColor: card.borderInlineStartColor,
        quoted: style('.vetted-card-quoted').backgroundColor,
        summaryColor: style('.vetted-card-summary').color,
        main,
        cardFont: style('.vetted-card').fontFamily,
        bodyFont: getComputedStyle(document.querySelector('.vetted-claim')!.parentElement!).fontFamily,
        blockquotes: document.querySelectorAll('.vetted-card blockquote, .vetted-card mark').length,
      }
    })
    expect(styles.blockquotes).toBe(0)
    expect(styles.claimFontSize).toBe(styles.sectionFontSize)
    expect(styles.summaryColor).toBe(styles.main)
    expect(styles.cardFont).toBe(styles.bodyFont)
    // Not the browser's yellow, not the theme's highlight.
    expect(styles.quoted).not.toMatch(/^rgb\(255, 255, 0\)|^rgb\(255, 228, 92\)|^rgb\(255, 243, 176\)/)
    await page.context().close()
  })

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    for (const where of ['near the top', 'near the bottom'] as const) {
      it(`at ${viewport.width}×${viewport.height}, with the claim ${where} of the window, the popover opens beside it, inside the window, not over it`, async () => {
        const page = await open(site, 'light', viewport)
        const marker = page.locator('.vetted-marker').first()
        await marker.evaluate((el, top) => {
          const box = el.querySelector('.vetted-claim')!.getBoundingClientRect()
          window.scrollBy(0, box.top - (top ? 80 : innerHeight - 80 - box.height))
        }, where === 'near the top')
        await marker.locator('.vetted-pop').click()
        const popover = marker.locator('.vetted-popover')
        await expect.poll(() => popover.evaluate((el) => el.matches(':popover-open'))).toBe(true)
        const placed = await marker.evaluate((element) => {
          const mark = element.querySelector('.vetted-claim')!
          const pop = element.querySelector('.vetted-popover')!.getBoundingClientRect()
          const button = element.querySelector('.vetted-pop')!.getBoundingClientRect()
          const lines = [...mark.getClientRects()]
          const lineHeight =
            Number.parseFloat(getComputedStyle(element.parentElement!).lineHeight) ||
            1.5 * Number.parseFloat(getComputedStyle(mark).fontSize)
          const gap = (box: DOMRect) => Math.max(box.top - pop.bottom, pop.top - box.bottom)
          const overlaps = (box: DOMRect) => box.left < pop.right && pop.left < box.right && box.top < pop.bottom && pop.top < box.bottom
          return {
            inside: pop.left >= 0 && pop.top >= 0 && pop.right <= innerWidth && pop.bottom <= innerHeight,
            pop: [pop.left, pop.top, pop.right, pop.bottom].map(Math.round),
            window: [innerWidth, innerHeight],
            gapToMarker: Math.round(Math.min(gap(button), ...lines.map(gap))),
            lineHeight,
            coversClaim: lines.some(overlaps) || overlaps(button),
          }
        })
        await page.screenshot({ path: themeShot(`${site.name}-popover-${viewport.width}-${where.replace(/ /g, '-')}.png`) })
        expect(placed.inside, JSON.stringify(placed)).toBe(true)
        expect(placed.coversClaim, JSON.stringify(placed)).toBe(false)
        expect(placed.gapToMarker, JSON.stringify(placed)).toBeGreaterThanOrEqual(0)
        expect(placed.gapToMarker, JSON.stringify(placed)).toBeLessThanOrEqual(placed.lineHeight)
        await page.context().close()
      })
    }
  }

  it('prints the cards in dark text with their sources, and not the popover', async () => {
    const page = await open(site, 'dark')
    await page.locator('.vetted-pop').first().click()
    await page.emulateMedia({ media: 'print' })
    const printed = await page.evaluate(() => ({
      popover: getComputedStyle(document.querySelector('.vetted-popover')!).display,
      button: getComputedStyle(document.querySelector('.vetted-pop')!).display,
      colours: [...document.querySelectorAll('.vetted-card :is(p, span, a, summary, li)')].map((el) => {
        // Any CSS colour (oklch(), color-mix()) as sRGB bytes, through a canvas.
        const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d')!
        context.fillStyle = getComputedStyle(el).color
        context.fillRect(0, 0, 1, 1)
        return `rgba(${[...context.getImageData(0, 0, 1, 1).data].join(', ')})`
      }),
      reasoningShown: (document.querySelector('.vetted-card-reasoning-text') as HTMLElement).offsetHeight > 0,
    }))
    expect(printed.popover).toBe('none')
    expect(printed.button).toBe('none')
    expect(printed.reasoningShown).toBe(true)
    // Paper is white: every text of a card dark enough to read on it (WCAG AA, 4.5:1).
    for (const colour of new Set(printed.colours)) expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(4.5)
    await page.screenshot({ path: themeShot(`${site.name}-print.png`), fullPage: true })
    await page.context().close()
  })
})

function themeShot(name: string): string {
  const path = screenshotPath(join('themes', name))
  mkdirSync(join(path, '..'), { recursive: true })
  return path
}

/** WCAG contrast of an `rgba()` colour of bytes (alpha 0-255) on white. */
function contrastOnWhite(colour: string): number {
  const [r, g, b, alpha = 255] = (colour.match(/[\d.]+/g) ?? []).map(Number)
  const a = alpha / 255
  const channel = (value: number) => {
    const blended = (value * a + 255 * (1 - a)) / 255
    return blended <= 0.03928 ? blended / 12.92 : ((blended + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
  return 1.05 / (luminance + 0.05)
}
