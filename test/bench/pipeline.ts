// Issue 12's pipeline benchmark: what a blog built with unified does. 200 posts
// of 5 to 50 KB, each with its settled ledger beside it, go one by one through
// parse (GFM, directives) -> remark-vetted -> remark-rehype -> rehype-stringify,
// the plugin reading each post's ledger as it does for a user; against the same
// pipeline without the plugin, in the same run. A round is the whole blog.
// `node --expose-gc test/bench/pipeline.ts` (BENCH_ROUNDS: rounds, default 7).

import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Correction } from '@vetted/core'
import { VFile } from 'vfile'
import { describeBlog, generateBlog, writeBlog } from '../support/posts.ts'
import { temporaryFolder } from '../support/files.ts'
import { measure, median, ratio } from './measure.ts'
import { markdownToHtml } from './processors.ts'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7)
const TARGET = 1.3

const posts = generateBlog(200)
const folder = temporaryFolder('vetted-bench-pipeline-')
try {
  writeBlog(folder, posts)
  const files = posts.map((post) => ({ path: join(folder, post.name), value: post.markdown }))
  const baseline = markdownToHtml()
  const vetted = markdownToHtml({})

  // Once, to see that the plugin does what a user's build needs: every published correction shown, nothing to report.
  let cards = 0
  let messages = 0
  for (const file of files) {
    const result = await vetted.process(new VFile(file))
    cards += (String(result).match(/class="vetted-card"/g) ?? []).length
    messages += result.messages.length
  }
  // Published and still in the post: a fixed one (its sentence rewritten) makes the correction log, not a card.
  const shown = (c: Correction) => c.status === 'annotate' && c.history.at(-1)?.status !== 'fixed'
  const published = posts.reduce((sum, post) => sum + Object.values(post.ledger.corrections).filter(shown).length, 0)
  if (cards !== published || messages > 0)
    throw new Error(`expected ${published} cards and no messages, got ${cards} cards and ${messages} messages`)

  const build = (processor: typeof baseline) => async () => {
    for (const file of files) await processor.process(new VFile(file))
  }
  const times = await measure(ROUNDS, { baseline: build(baseline), vetted: build(vetted) })
  const perPost = (samples: number[]) => `${median(samples).toFixed(0)} ms (${(median(samples) / posts.length).toFixed(1)} ms a post)`
  const result = ratio(times.vetted, times.baseline, TARGET)
  console.log(
    `pipeline: parse (GFM, directives) -> remark-vetted -> remark-rehype -> rehype-stringify, post by post, against the same without remark-vetted`,
  )
  console.log(`  ${describeBlog(posts)}; ${cards} cards shown`)
  console.log(
    `  median of ${ROUNDS} rounds of the whole blog: without ${perPost(times.baseline)} | with ${perPost(times.vetted)} | ${result.text}`,
  )
  if (!result.met) process.exitCode = 1
} finally {
  rmSync(folder, { recursive: true, force: true })
}
