// Issue 5's benchmark: a generated site of 500 posts (about 1,500 words each,
// 3 published corrections each) built with and without @vetted/astro in the
// same run (same unified processor, same content collection, same page
// template). Prints the build-time ratio, the HTML bytes added per card, the
// stylesheet, and the client JavaScript shipped.

import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { detectClaims, emptyLedger, serializeLedger } from '@vetted/core'
import { generateCorpus, generateLedger } from '../support/corpus.ts'
import { astroBuild, fixtureSite, htmlPages, javascriptBytes } from '../site/support.ts'
import { measure } from './measure.ts'

const POSTS = Number(process.env['BENCH_SITE_POSTS'] ?? 500)
const ROUNDS = Number(process.env['BENCH_SITE_ROUNDS'] ?? 3)
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
const times = await measure(ROUNDS, { without: () => build('without', without), with: () => build('with', withVetted) })

const bytesOf = (dir: string, pattern: RegExp): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
// Astro inlines a small stylesheet into each page (<style>) and links a larger one: the
// stylesheet is counted on its own, once, not per card.
const STYLE = /<style[^>]*>.*?<\/style>|<link rel="stylesheet"[^>]*>/gs
const pagesWith = htmlPages(outDirs.with)
const pagesWithout = htmlPages(outDirs.without)
const htmlBytes = (pages: Record<string, string>) => Object.values(pages).reduce((sum, html) => sum + Buffer.byteLength(html.replace(STYLE, '')), 0)
const cards = Object.values(pagesWith).reduce((sum, html) => sum + (html.match(/class="vetted-card"/g) ?? []).length, 0)
const added = htmlBytes(pagesWith) - htmlBytes(pagesWithout)
const inlined = Object.values(pagesWith)[0]!.match(/<style[^>]*>.*?<\/style>/gs)?.join('') ?? ''
const stylesheet = bytesOf(outDirs.with, /\.css$/) - bytesOf(outDirs.without, /\.css$/) + Buffer.byteLength(inlined)

console.log(`site: ${POSTS} posts (~${Math.round(words / POSTS)} words each), ${cards} cards, median of ${ROUNDS} builds each`)
console.log(`  astro build without @vetted/astro: ${(times.without / 1000).toFixed(1)} s | with: ${(times.with / 1000).toFixed(1)} s | ratio ${(times.with / times.without).toFixed(3)}x (target <= 1.2x)`)
console.log(`  HTML added per card: ${(added / cards).toFixed(0)} bytes (target <= 2.5 KB; marker, reference, popover, card, JSON-LD entry)`)
console.log(`  stylesheet: ${stylesheet} bytes${inlined ? ', inlined by Astro into each page (small)' : ', one file for the whole site'}, not counted per card`)
console.log(`  client JavaScript for the cards: ${javascriptBytes(outDirs.with) - javascriptBytes(outDirs.without)} bytes (target 0)`)
for (const path of [withVetted, without, outDirs.with, outDirs.without]) rmSync(path, { recursive: true, force: true })
