// Issue 25's benchmark: the share of input tokens the provider serves from its
// prompt cache on a first check of real-shaped posts with planted errors. The
// fake server counts tokens with o200k_base over everything the provider reads
// (tools, schema, instructions, input) and caches prefixes as the provider
// documents (test/fake-openai/tokens.ts). The posts (cache-posts.ts): the
// twelve of eval/corpus and four short ones; the scripted model flags exactly
// the planted errors, so each brings its validations. One server for all the
// posts, as one `vetted check` over a blog; 30 ms a request, the default
// concurrency (4) and batch size (4), then batches of 10 for comparison.
// Target: 70% or more overall at the default batch size.
// Run: pnpm bench cache

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkPost } from '@vetted/checker'
import { DEFAULT_PRICES } from '@vetted/cli'
import { CACHE_MINIMUM, startFakeOpenAI } from '../fake-openai/index.ts'
import { removeFolders, temporaryFolder } from '../support/files.ts'
import { benchPosts, plantedErrorsModel } from './cache-posts.ts'

const TARGET = 0.7
const LATENCY = 30
const MODEL = 'gpt-5.1'

const posts = benchPosts()
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`
const price = DEFAULT_PRICES[MODEL]!
const dollars = (input: number, cached: number) => ((input - cached) * price.input + cached * price.cachedInput) / 1e6

/** A first check of every post at this batch size, on a fresh server: the cached share overall (and, with `table`, post by post). */
async function firstCheck(batchSize: number, table: boolean): Promise<number> {
  const fake = await startFakeOpenAI({ tokenizer: 'o200k', latencyMs: LATENCY, handler: plantedErrorsModel(posts) })
  const folders: string[] = []
  try {
    if (table) console.log('  post              chars  requests (screen/investigate/validate)  under 1,024  input   cached  share')
    let input = 0
    let cached = 0
    let requests = 0
    let underFloor = 0
    for (const post of posts) {
      const folder = temporaryFolder('vetted-bench-cache-')
      folders.push(folder)
      const postPath = join(folder, `${post.slug}.md`)
      writeFileSync(postPath, post.source)
      const before = fake.requests.length
      const result = await checkPost({ postPath, config: { apiKey: 'sk-test', baseURL: fake.baseURL, model: MODEL, batchSize } })
      if (result.errors.length > 0) throw new Error(`${post.slug}: ${result.errors[0]!.message}`)
      const sent = fake.requests.slice(before)
      const kinds = ['screen', 'investigate', 'validate'].map((kind) => sent.filter((request) => request.kind === kind).length).join('/')
      const small = sent.filter((request) => request.usage!.inputTokens < CACHE_MINIMUM).length
      const { inputTokens, cachedInputTokens = 0 } = result.usage
      input += inputTokens
      cached += cachedInputTokens
      requests += sent.length
      underFloor += small
      if (!table) continue
      console.log(
        `  ${post.slug.padEnd(16)} ${String(post.source.length).padStart(6)}  ${String(sent.length).padStart(3)} (${kinds})${' '.repeat(Math.max(1, 28 - kinds.length))}` +
          `${String(small).padStart(5)}     ${String(inputTokens).padStart(6)}  ${String(cachedInputTokens).padStart(6)}  ${pct(cachedInputTokens, inputTokens)}`,
      )
    }
    console.log(
      `  batch size ${batchSize}: ${requests} requests (${underFloor} under the 1,024-token floor: not cacheable), ` +
        `${cached.toLocaleString('en-US')} of ${input.toLocaleString('en-US')} input tokens cached: ${pct(cached, input)}; ` +
        `input cost at ${MODEL}'s list prices (${price.date}) $${dollars(input, cached).toFixed(4)}, $${dollars(input, 0).toFixed(4)} with no cache hits`,
    )
    return cached / input
  } finally {
    await fake.close()
    removeFolders(folders)
  }
}

console.log(
  `cache: first check of ${posts.length} posts with planted errors, tokenizer-true fake server (o200k_base), +${LATENCY} ms a request`,
)
const share = await firstCheck(4, true)
console.log(`  the default batch size (4): ${pct(share, 1)} cached, target >= ${TARGET * 100}%: ${share >= TARGET ? 'met' : 'NOT MET'}`)
console.log('  for comparison:')
await firstCheck(10, false)
if (share < TARGET) process.exitCode = 1
