// The site's benchmark: the 200 posts of the benchmark blog, with their settled
// ledgers, built by `astro build` with and without @vetted/astro in the same run
// (same processor, same content collection, same page template), on each
// Markdown processor vetted runs on: Astro 7's default, Sätteri (vetted adds its
// Sätteri plugin), and unified() (vetted adds its remark plugins). Each pair is
// timed in alternating rounds; the ratio is the median of the per-round ratios.
// For the default processor it also prints the HTML bytes added per card, the
// stylesheet, and the client JavaScript shipped.
// `node test/bench/site.ts` (BENCH_ROUNDS: builds of each, default 3;
// BENCH_PROCESSORS: `satteri`, `unified` or both, comma-separated, default both)

import { cpus, loadavg } from 'node:os'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { serializeLedger } from '@vetted/core'
import { describeBlog, generateBlog } from '../support/posts.ts'
import { astroBuild, fixtureSite, htmlPages, javascriptBytes } from '../site/support.ts'
import { measure, median, ratio } from './measure.ts'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3)
const TARGET = 1.15
const PROCESSORS = (process.env['BENCH_PROCESSORS'] ?? 'satteri,unified').split(',') as Array<'satteri' | 'unified'>
const NAMES = { satteri: "Astro's default processor, Sätteri", unified: 'unified() from @astrojs/markdown-remark' }

const posts = generateBlog(200)
const files: Record<string, string> = {}
for (const post of posts) {
  files[post.name] = post.markdown
  files[post.name.replace(/\.md$/, '.vetted.json')] = serializeLedger(post.ledger)
}

console.log(`site: astro build of the blog with and without @vetted/astro`)
console.log(`  ${describeBlog(posts)}`)
let met = true
for (const processor of PROCESSORS) {
  const unified = processor === 'unified'
  const withVetted = fixtureSite(files, { vetted: true, unified })
  const without = fixtureSite(files, { vetted: false, unified })
  const outDirs: Record<'with' | 'without', string> = { with: '', without: '' }
  try {
    const build = async (key: 'with' | 'without', root: string) => {
      const result = await astroBuild(root)
      if (result.code !== 0) throw new Error(result.output)
      if (outDirs[key]) rmSync(outDirs[key], { recursive: true, force: true })
      outDirs[key] = result.outDir
    }
    const load = loadavg()[0]!
    const times = await measure(ROUNDS, { without: () => build('without', without), with: () => build('with', withVetted) })
    const result = ratio(times.with, times.without, TARGET)
    if (!result.met) met = false
    console.log(`  ${NAMES[processor]}:`)
    console.log(
      `    median of ${ROUNDS} builds each: without ${(median(times.without) / 1000).toFixed(2)} s | with ${(median(times.with) / 1000).toFixed(2)} s | ${result.text}`,
    )
    console.log(`    machine load (1-minute average, ${cpus().length} cores): ${load.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`)
    if (processor === PROCESSORS[0]) reportBytes(outDirs)
  } finally {
    for (const path of [withVetted, without, outDirs.with, outDirs.without]) if (path) rmSync(path, { recursive: true, force: true })
  }
}
if (!met) process.exitCode = 1

/** HTML added per card, the correction logs, the stylesheet and client JavaScript: from one pair of builds. */
function reportBytes(outDirs: Record<'with' | 'without', string>): void {
  const bytesOf = (dir: string, pattern: RegExp): number =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => pattern.test(name))
      .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  // Astro inlines a small stylesheet into each page (<style>) and links a larger one: the
  // stylesheet is counted on its own, once, not per card.
  const STYLE = /<style[^>]*>.*?<\/style>|<link rel="stylesheet"[^>]*>/gs
  const pagesWith = htmlPages(outDirs.with)
  const pagesWithout = htmlPages(outDirs.without)
  // The "Corrected on" logs of fixed corrections are counted on their own too.
  const LOG = /<section class="vetted-log".*?<\/section>/gs
  const htmlBytes = (pages: Record<string, string>) =>
    Object.values(pages).reduce((sum, html) => sum + Buffer.byteLength(html.replace(STYLE, '').replace(LOG, '')), 0)
  const cards = Object.values(pagesWith).reduce((sum, html) => sum + (html.match(/class="vetted-card"/g) ?? []).length, 0)
  const logs = Object.values(pagesWith).flatMap((html) => html.match(LOG) ?? [])
  const added = htmlBytes(pagesWith) - htmlBytes(pagesWithout)
  const inlined =
    Object.values(pagesWith)[0]!
      .match(/<style[^>]*>.*?<\/style>/gs)
      ?.join('') ?? ''
  const stylesheet = bytesOf(outDirs.with, /\.css$/) - bytesOf(outDirs.without, /\.css$/) + Buffer.byteLength(inlined)
  console.log(
    `    ${cards} cards on the pages; HTML added per card: ${(added / cards).toFixed(0)} bytes (target <= 2.5 KB; marker, reference, popover, card, JSON-LD entry)`,
  )
  console.log(
    `    correction logs: ${logs.length} posts, ${(logs.join('').length / logs.length).toFixed(0)} bytes each, not counted per card`,
  )
  console.log(
    `    stylesheet: ${stylesheet} bytes${inlined ? ', inlined by Astro into each page (small)' : ', one file for the whole site'}, not counted per card`,
  )
  console.log(`    client JavaScript for the cards: ${javascriptBytes(outDirs.with) - javascriptBytes(outDirs.without)} bytes (target 0)`)
}
