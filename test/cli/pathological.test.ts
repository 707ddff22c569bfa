// Markdown built to choke a parser: every case of the generated corpus, 1 MB
// each, goes through `vetted check --ci` and finishes within 10 s on this machine
// (or 1.5 times what 1 MB of plain prose takes, when it is busier), with exit 0, 1
// or 2 and never 70 (a crash). Before the limits, 10 KB of `>` overflowed the
// stack, and a 100 KB emphasis bomb or a wide table ran for minutes. The limits
// refuse no real post: the sample content, the plugin's fixtures and the 200-post
// test blog. The cases run in one worker thread: no Node start-up in their times,
// and one that hangs is ended there instead of stalling the suite.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseMarkdown } from '@vetted/post'
import { describe, expect, it } from 'vitest'
import { PATHOLOGICAL, PLAIN_PROSE } from '../support/pathological.ts'
import { generatePost } from '../support/posts.ts'
import { POST, project, useVettedWorker, vettedInProcess } from './support.ts'

const SIZE = 1024 * 1024
const BOUND_MS = 10_000
const ROOT = join(import.meta.dirname, '../..')

interface CaseRun {
  name: string
  ms: number
  /** The exit code, or -1 when the run was not handled: a crash, or a CLI that did not start (it exits 1 too). */
  code: number
  line: string
}

const worker = useVettedWorker()

/** `vetted check --ci` on one post; a run past `killAfterMs` is ended, so that a hang fails here instead of stalling the suite. */
async function runCase(name: string, markdown: string, killAfterMs: number): Promise<CaseRun> {
  const cwd = project({ 'content/case.md': markdown })
  const begun = performance.now()
  const run = (await worker.run(['check', '--ci', 'content/case.md'], { cwd, killAfterMs })) ?? {
    code: -1,
    stdout: '',
    stderr: `still running after ${killAfterMs} ms`,
  }
  // What a user sees: a report of the post (exit 0 or 1) or one line refusing it with its place (exit 2).
  const handled =
    run.code === 2
      ? /^vetted: content\/case\.md:\d+:\d+: [^\n]+\n$/.test(run.stderr)
      : (run.code === 0 || run.code === 1) && run.stdout.includes('1 post')
  return {
    name,
    ms: performance.now() - begun,
    code: handled ? run.code : -1,
    line: (run.stderr || run.stdout).split('\n')[0]!.slice(0, 120),
  }
}

describe('pathological Markdown', () => {
  it(`vetted check --ci finishes every 1 MB case within ${BOUND_MS / 1000} s (or 1.5 times plain prose of that size), never crashing`, {
    timeout: 900_000,
  }, async () => {
    // A first small run loads the CLI in the worker: the cases' times are their own work.
    const started = performance.now()
    await worker.run(['check', '--ci'], { cwd: project({ 'content/a.md': POST }), killAfterMs: 120_000 })
    const startup = performance.now() - started
    // The yardstick: 1 MB of ordinary prose (27,172 claims) takes 4.5 to 12 s here,
    // by the load of this shared 2-core machine. No case may take much longer than
    // it or than the bound: a super-linear one took minutes at 100 KB.
    const prose = await runCase('plain prose (the yardstick)', PLAIN_PROSE(SIZE), 60_000)
    const bound = Math.max(BOUND_MS, 1.5 * prose.ms)

    const times = [prose]
    for (const [name, make] of Object.entries(PATHOLOGICAL)) times.push(await runCase(name, make(SIZE), 6 * bound))
    const slowest = times.toSorted((a, b) => b.ms - a.ms)[0]!
    console.log(
      `start-up ${Math.round(startup)} ms, bound ${Math.round(bound)} ms; slowest case: ${slowest.name}, ${Math.round(slowest.ms)} ms\n${times.map((t) => `${String(Math.round(t.ms)).padStart(6)} ms  ${t.code === -1 ? 'NOT HANDLED' : `exit ${t.code}`}  ${t.name}: ${t.line}`).join('\n')}`,
    )
    for (const time of times) {
      expect({ name: time.name, handled: time.code !== -1 }).toEqual({ name: time.name, handled: true })
      if (time !== prose) expect({ name: time.name, late: time.ms > bound }).toEqual({ name: time.name, late: false })
    }
  })

  it('a refused case names the file, the line and the limit in one line', async () => {
    const cwd = project({ 'content/a.md': `# Deep\n\nIn 1850 the town had 3 bridges.\n\n${'> '.repeat(40)}quoted\n` })
    const result = await vettedInProcess(['check', '--ci'], { cwd })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('vetted: content/a.md:5:1: nests 40 levels deep (block quotes and lists); at most 32 are read\n')
    const emphasis = project({ 'content/a.md': `In 1850 the town had 3 bridges.\n\nIntro.\n${'*a_ '.repeat(600)}\n` })
    expect((await vettedInProcess(['check', '--ci'], { cwd: emphasis })).stderr).toBe(
      'vetted: content/a.md:3:1: has a paragraph with more than 1000 of * _ ~ ` [ ] (emphasis, code and link marks); refused, as parsing it would take too long\n',
    )
  })

  it('code in a fence is not counted, also right after a paragraph', () => {
    const code = Array.from({ length: 400 }, (_, i) => `my_var_${i} = other_var_${i} * 2  # [${i}]`).join('\n')
    expect(() =>
      parseMarkdown(`# Code\n\nHere is the script:\n\`\`\`python\n${code}\n\`\`\`\n\nIn 1850 the town had 3 bridges.\n`, 'post.md'),
    ).not.toThrow()
    // The same lines indented into a list item are Markdown once the item ends: counted.
    expect(() => parseMarkdown(`- item\n\n  \`\`\`\n${code}\n`, 'post.md')).toThrow(/post\.md:3:1: has a paragraph with more than 1000/)
  })

  it('the limits refuse no real post: the sample content, the fixtures and the 200-post blog', () => {
    // The posts of the 200-post blog (generateBlog's, without the ledgers it also builds).
    const posts: Array<[string, string]> = Array.from({ length: 200 }, (_, index) => generatePost(index)).map((post) => [
      post.name,
      post.markdown,
    ])
    for (const folder of ['content', 'packages/remark-vetted/test/fixtures', 'test/cli/fixtures']) {
      for (const name of readdirSync(join(ROOT, folder), { recursive: true }) as string[]) {
        if (name.endsWith('.md')) posts.push([name, readFileSync(join(ROOT, folder, name), 'utf8')])
      }
    }
    expect(posts.length).toBeGreaterThan(200)
    for (const [name, markdown] of posts) expect(() => parseMarkdown(markdown, name)).not.toThrow()
  })
})
