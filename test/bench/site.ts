// Issue 5's benchmark: a generated site of 500 posts (about 1,500 words each,
// 3 published corrections each) built with and without @vetted/astro in the
// same run (same unified processor, same page template). Prints the build-time
// ratio, the HTML bytes added per card, and the client JavaScript shipped.

import { rmSync } from 'node:fs'
import { detectClaims, emptyLedger, serializeLedger } from '@vetted/core'
import { generateCorpus, generateLedger } from '../support/corpus.ts'
import { astroBuild, fixtureSite, htmlPages, javascriptBytes } from '../site/support.ts'
import { measure } from './measure.ts'

const POSTS = Number(process.env['BENCH_SITE_POSTS'] ?? 500)
const CARDS_PER_POST = 3

const files: Record<string, string> = {}
let words = 0
for (let i = 0; i < POSTS; i++) {
  const name = `post-${String(i).padStart(3, '0')}.md`
  const markdown = `---\ntitle: Post ${i}\ndate: 2026-01-01\n---\n\n${generateCorpus(9_500, i + 1)}`
  words += markdown.split(/\s+/).length
  // Every claim judged, as on a published site; three corrections published.
  const generated = generateLedger(markdown, name, detectClaims(markdown).length)
  const ledger = emptyLedger(name)
  ledger.claims = generated.claims
  for (const [id, correction] of Object.entries(generated.corrections).slice(0, CARDS_PER_POST)) ledger.corrections[id] = correction
  files[name] = markdown
  files[name.replace(/\.md$/, '.vetted.json')] = serializeLedger(ledger)
}
const withVetted = fixtureSite(files, { vetted: true })
const without = fixtureSite(files, { vetted: false })

const outDirs: Record<'with' | 'without', string> = { with: '', without: '' }
const build = async (key: 'with' | 'without', root: string) => {
  const result = await astroBuild(root)
  if (result.code !== 0) throw new Error(result.output)
  if (outDirs[key]) rmSync(outDirs[key], { recursive: true, force: true })
  outDirs[key] = result.outDir
}
const times = await measure(3, { without: () => build('without', without), with: () => build('with', withVetted) })

const withoutStyles = (html: string) => html.replace(/<style[^>]*>.*?<\/style>/gs, '')
const bytes = (pages: Record<string, string>, strip: (html: string) => string) =>
  Object.values(pages).reduce((sum, html) => sum + Buffer.byteLength(strip(html)), 0)
const pagesWith = htmlPages(outDirs.with)
const pagesWithout = htmlPages(outDirs.without)
const cards = Object.values(pagesWith).reduce((sum, html) => sum + (html.match(/class="vetted-card"/g) ?? []).length, 0)
const added = bytes(pagesWith, withoutStyles) - bytes(pagesWithout, withoutStyles)
const styles = bytes(pagesWith, (html) => (html.match(/<style[^>]*>.*?<\/style>/gs) ?? []).join('')) / Object.keys(pagesWith).length

console.log(`site: ${POSTS} posts (~${Math.round(words / POSTS)} words each), ${cards} cards`)
console.log(`  astro build without @vetted/astro: ${(times.without / 1000).toFixed(1)} s | with: ${(times.with / 1000).toFixed(1)} s | ratio ${(times.with / times.without).toFixed(3)}x (target <= 1.2x)`)
console.log(`  HTML added per card: ${(added / cards).toFixed(0)} bytes (target <= 2.5 KB; markers, popover, card and JSON-LD entry; the stylesheet, ${styles.toFixed(0)} bytes a page inlined by Astro, not counted)`)
console.log(`  client JavaScript for the cards: ${javascriptBytes(outDirs.with) - javascriptBytes(outDirs.without)} bytes (target 0)`)
for (const path of [withVetted, without, outDirs.with, outDirs.without]) rmSync(path, { recursive: true, force: true })
