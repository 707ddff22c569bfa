// Ledger text is data. A ledger whose correction texts carry script tags, event
// handlers and a javascript: link renders inert: asserted in the browser, where
// a successful attack would open a dialog or set a flag on window.

import { correctionId, emptyLedger, serializeLedger } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fixtureSite } from '../site/support.ts'
import { openBuiltSite } from './support.ts'

const POST = '---\ntitle: Hostile\ndate: 2026-03-01\n---\n\nThe Mosaic browser was released in 1993 by NCSA in Illinois.\n'
const ATTACK = `<img src=x onerror="window.__xss='img';alert('img')"><script>window.__xss='script';alert('script')</script>`

let browser: Browser
let site: Awaited<ReturnType<typeof openBuiltSite>>

beforeAll(async () => {
  const claim = detectClaims(POST)[0]!
  const quote = 'released in 1993'
  const id = correctionId('hostile.md', claim.fingerprint, quote)
  const ledger = emptyLedger('hostile.md')
  ledger.claims[claim.fingerprint] = { text: claim.text, verdict: 'incorrect', checker: 'manual' }
  ledger.corrections[id] = {
    id,
    claim: claim.fingerprint,
    quote,
    summary: `Summary ${ATTACK}`,
    reasoning: `Reasoning ${ATTACK} and [a link](javascript:window.__xss='link';alert('link')) and <a href="javascript:alert('raw')">raw</a>.`,
    sources: [{ url: 'https://www.ncsa.illinois.edu/', title: `Title ${ATTACK}`, quote: `Quote ${ATTACK}` }],
    checker: { model: `model ${ATTACK}`, prompt: 'v1', date: '2026-03-02' },
    status: 'annotate',
    history: [],
  }
  site = await openBuiltSite(fixtureSite({ 'hostile.md': POST, 'hostile.vetted.json': serializeLedger(ledger) }))
  browser = site.browser
}, 120_000)
afterAll(() => site?.close())

it('renders script tags, event handlers and javascript: links from a ledger as inert text', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const dialogs: string[] = []
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message())
    await dialog.dismiss()
  })
  await page.goto(`${site.origin}/hostile/`)
  // Open everything a reader could open: the popover and both <details>.
  await page.locator('.vetted-pop').click()
  await page.evaluate(() =>
    document.querySelectorAll('details').forEach((details) => {
      details.open = true
    }),
  )
  await page.locator('.vetted-card-sources a').hover()
  await page.waitForTimeout(200)

  expect(dialogs).toEqual([])
  expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined()
  expect(await page.locator('.vetted-card script, .vetted-popover script, .vetted-card img, .vetted-popover img').count()).toBe(0)
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0)
  // The text is shown as text, so a reader sees what the ledger says.
  expect(await page.locator('.vetted-card-summary').innerText()).toContain(`<script>window.__xss='script'`)
  expect(await page.locator('.vetted-card-reasoning').innerText()).toContain('a link')
  await context.close()
})
