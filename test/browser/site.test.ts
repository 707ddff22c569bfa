// The reader's side in a real browser: keyboard, popover, footnote-style links,
// accessibility (axe-core) in light and dark schemes, no JavaScript, small
// screens, and hostile ledger text that must stay inert.

import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_SITE } from '../site/support.ts'
import { openBuiltSite, screenshotPath } from './support.ts'

const POST = '/why-gps-clocks-run-fast/'
let browser: Browser
let site: Awaited<ReturnType<typeof openBuiltSite>>

beforeAll(async () => {
  site = await openBuiltSite(SAMPLE_SITE)
  browser = site.browser
}, 120_000)
afterAll(() => site?.close())

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  await page.goto(site.origin + path)
  return page
}

const activeClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '')

describe('keyboard and links', () => {
  it('reaches the marker by Tab, opens the popover with Enter, closes it with Esc and returns focus', async () => {
    const page = await open(POST)
    let tabs = 0
    while (!(await activeClass(page)).includes('vetted-pop') && tabs++ < 60) await page.keyboard.press('Tab')
    expect(await activeClass(page)).toContain('vetted-pop')
    await page.keyboard.press('Enter')
    const popover = page.locator('#why-gps-clocks-run-fast-pop-1')
    await expect.poll(() => popover.evaluate((el) => el.matches(':popover-open'))).toBe(true)
    expect(await popover.innerText()).toContain('38 microseconds per day')
    await page.keyboard.press('Escape')
    await expect.poll(() => popover.evaluate((el) => el.matches(':popover-open'))).toBe(false)
    expect(await activeClass(page)).toContain('vetted-pop')
    await page.context().close()
  })

  it('the numbered reference lands on the card and the back-link returns to the claim', async () => {
    const page = await open(POST)
    await page.locator('#why-gps-clocks-run-fast-ref-1').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#why-gps-clocks-run-fast-correction-1')
    const card = page.locator('#why-gps-clocks-run-fast-correction-1')
    expect(await card.evaluate((el) => el.matches(':target'))).toBe(true)
    expect(await card.isVisible()).toBe(true)
    expect(await card.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight)).toBe(true)
    await card.locator('.vetted-backref').click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#why-gps-clocks-run-fast-ref-1')
    const ref = page.locator('#why-gps-clocks-run-fast-ref-1')
    expect(await ref.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight)).toBe(true)
    await page.context().close()
  })
})

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const path of ['/', POST, '/corrections/']) {
      it(`axe-core finds no violations on ${path} in the ${colorScheme} scheme`, async () => {
        const page = await open(path, { colorScheme })
        // Open every <details> so that the reasoning and sources are checked too.
        await page.evaluate(() =>
          document.querySelectorAll('details').forEach((details) => {
            ;(details as HTMLDetailsElement).open = true
          }),
        )
        const results = await new AxeBuilder({ page }).analyze()
        expect(results.passes.length).toBeGreaterThan(10) // axe really ran
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
        await page.context().close()
      })
    }
  }
})

describe('without JavaScript and on small screens', () => {
  it('is fully readable with JavaScript disabled: the claim, the card, the reasoning and the sources', async () => {
    const page = await open(POST, { javaScriptEnabled: false })
    expect(await page.locator('mark.vetted-claim').innerText()).toContain('about 38 milliseconds per day')
    const card = page.locator('.vetted-card').first()
    expect(await card.locator('.vetted-card-summary').innerText()).toContain('38 microseconds per day')
    await card.locator('.vetted-card-reasoning summary').click()
    expect(await card.locator('.vetted-card-reasoning').innerText()).toContain('45.7 microseconds per day')
    await card.locator('.vetted-card-sources summary').click()
    expect(await card.locator('.vetted-card-sources a').count()).toBe(2)
    expect(await card.locator('.vetted-card-sources a').first().getAttribute('rel')).toBe('noopener noreferrer nofollow')
    await page.context().close()
  })

  it('fits a 320 px screen without horizontal scrolling, and saves screenshots at 1280 and 375 px', async () => {
    for (const width of [320, 375, 1280]) {
      const page = await open(POST, { viewport: { width, height: 800 } })
      await page.evaluate(() =>
        document.querySelectorAll('.vetted-card details').forEach((details) => {
          ;(details as HTMLDetailsElement).open = true
        }),
      )
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      if (width !== 320) await page.screenshot({ path: screenshotPath(`post-${width}.png`), fullPage: true })
      await page.context().close()
    }
  })
})
