// Where the pipeline's time goes on the benchmark blog: V8's CPU profile (the one
// `node --cpu-prof` writes), taken only around rounds of the 200 posts, not around
// writing them. Prints the share of each stage and, inside remark-vetted, the time
// of each function its transformer calls; writes the profile for Chrome DevTools
// (Performance > Load profile) or VS Code.
// `node test/bench/profile.ts [--without] [ROUNDS]` (default 3 rounds, with the plugin)
// writes vetted-pipeline.cpuprofile (or baseline-pipeline.cpuprofile) in the current folder.

import { writeFileSync, rmSync } from 'node:fs'
import { Session, type Profiler } from 'node:inspector/promises'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { generateBlog, writeBlog } from '../support/posts.ts'
import { temporaryFolder } from '../support/files.ts'
import { markdownToHtml } from './processors.ts'

const without = process.argv.includes('--without')
const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 3)
const posts = generateBlog(200)
const folder = temporaryFolder('vetted-bench-profile-')
try {
  writeBlog(folder, posts)
  const processor = without ? markdownToHtml() : markdownToHtml({})
  const files = posts.map((post) => ({ path: join(folder, post.name), value: post.markdown }))
  for (const file of files) await processor.process(new VFile(file)) // warm-up, not profiled

  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  for (let round = 0; round < rounds; round++) for (const file of files) await processor.process(new VFile(file))
  const { profile } = await session.post('Profiler.stop')
  const out = `${without ? 'baseline' : 'vetted'}-pipeline.cpuprofile`
  writeFileSync(out, JSON.stringify(profile))
  console.log(`${out}: ${rounds} rounds of ${posts.length} posts`)
  summarize(profile, rounds * posts.length)
} finally {
  rmSync(folder, { recursive: true, force: true })
}

/** Sampled time by stage, and inside the plugin by the function its transformer calls, in ms a post. */
function summarize(profile: Profiler.Profile, runs: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const name = (id: number) => {
    const { functionName, url } = byId.get(id)!.callFrame
    return `${functionName || '(anonymous)'} ${url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/packages\//, 'packages/')}`
  }
  const stages = new Map<string, number>()
  const plugin = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms)
  profile.samples!.forEach((leaf, index) => {
    const ms = (profile.timeDeltas![index + 1] ?? 0) / 1000
    const stack: number[] = []
    for (let id: number | undefined = leaf; id !== undefined; id = parentOf.get(id)) stack.push(id) // leaf first
    const names = stack.map(name)
    // The plugin's work is what its `transform` calls (else: its outermost frame).
    const inPlugin = (frame: string) => frame.includes('packages/remark-vetted/')
    const transform = names.findLastIndex((frame) => frame.startsWith('transform ') && inPlugin(frame))
    const outer = transform >= 0 ? transform : names.findLastIndex(inPlugin)
    if (names[0]!.startsWith('(garbage collector)')) add(stages, 'garbage collection', ms)
    else if (outer >= 0) {
      add(stages, 'remark-vetted', ms)
      add(plugin, outer === 0 ? '(its own code)' : names[outer - 1]!, ms)
    } else if (names.some((frame) => /micromark|mdast-util-from-markdown|remark-parse/.test(frame))) add(stages, 'parse', ms)
    else if (names.some((frame) => /mdast-util-to-hast|remark-rehype/.test(frame))) add(stages, 'remark-rehype', ms)
    else if (names.some((frame) => /hast-util-to-html|rehype-stringify/.test(frame))) add(stages, 'rehype-stringify', ms)
    else add(stages, 'other', ms)
  })
  const total = [...stages.values()].reduce((sum, ms) => sum + ms, 0)
  const print = (map: Map<string, number>, of: number) => {
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1])) {
      if (ms / of < 0.005) continue
      console.log(`  ${(ms / runs).toFixed(2).padStart(6)} ms a post  ${((ms / of) * 100).toFixed(1).padStart(5)}%  ${key}`)
    }
  }
  console.log(`stages (${(total / runs).toFixed(1)} ms a post sampled):`)
  print(stages, total)
  if (plugin.size > 0) {
    console.log('inside remark-vetted, by the function its transformer calls:')
    print(plugin, stages.get('remark-vetted')!)
  }
}
