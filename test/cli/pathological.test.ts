// Markdown built to choke a parser: every case of the generated corpus, 1 MB
// each, goes through `vetted check --ci` and is handled (exit 0 or 1 with a
// report, or exit 2 with one line naming the place), never crashing (70). Before
// the limits, 10 KB of `>` overflowed the stack, and a 100 KB emphasis bomb or a
// wide table ran for minutes. What each case costs against 1 MB of plain prose is
// a benchmark (`pnpm bench hostile`); here a case still running after two minutes
// is a hang and fails. The limits refuse no real post: the sample content, the
// plugin's fixtures and the 200-post test blog. The cases run in one worker
// thread, which a case that hangs cannot stall: it is ended there.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseMarkdown } from '@vetted/post'
import { describe, expect, it } from 'vitest'
import { PATHOLOGICAL } from '../support/pathological.ts'
import { generatePost } from '../support/posts.ts'
import { project, useVettedWorker, vettedInProcess } from './support.ts'

const SIZE = 1024 * 1024
// Far past what any case takes (the slowest, 1 MB of `&#`, about 5 s): only a hang reaches it.
const HANG_MS = 120_000
const ROOT = join(import.meta.dirname, '../..')

interface CaseRun {
  name: string
  /** The exit code, or -1 when the run was not handled: a crash, a hang, or a CLI that did not start (it exits 1 too). */
  code: number
  line: string
}

const worker = useVettedWorker()

/** `vetted check --ci` on one post; a run past `killAfterMs` is ended, so that a hang fails here instead of stalling the suite. */
async function runCase(name: string, markdown: string, killAfterMs: number): Promise<CaseRun> {
  const cwd = project({ 'content/case.md': markdown })
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
    code: handled ? run.code : -1,
    line: (run.stderr || run.stdout).split('\n')[0]!.slice(0, 120),
  }
}

describe('pathological Markdown', () => {
  it('vetted check --ci handles every 1 MB case: a report, or one line naming the place; never a crash or a hang', {
    timeout: 900_000,
  }, async () => {
    const runs: CaseRun[] = []
    for (const [name, make] of Object.entries(PATHOLOGICAL)) runs.push(await runCase(name, make(SIZE), HANG_MS))
    for (const run of runs)
      expect({ name: run.name, handled: run.code !== -1, line: run.line }).toMatchObject({ name: run.name, handled: true })
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
