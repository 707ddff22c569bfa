// The README's unified pipeline, copied from the README as a user would copy it,
// run in a project that installed remark-vetted from its tarball.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { run, userProject, type UserProject } from './support.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const POST = 'why-gps-clocks-run-fast'

/** The README's code block that starts with `// build-post.mjs`. */
function readmePipeline(): { script: string; install: string[] } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const script = /```js\n(\/\/ build-post\.mjs[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1]
  const install = /\(`npm install (remark-vetted [^`]+)`\)/.exec(readme)?.[1]?.split(' ')
  if (!script || !install) throw new Error('README.md has no unified pipeline with its npm install line')
  return { script, install }
}

let project: UserProject

beforeAll(async () => {
  const { install } = readmePipeline()
  project = await userProject(
    ['remark-vetted'],
    install.filter((name) => name !== 'remark-vetted'),
  )
})
afterAll(() => project?.remove())

it('the README’s unified pipeline prints the post as HTML with its published correction’s card', async () => {
  writeFileSync(join(project.dir, 'build-post.mjs'), readmePipeline().script)
  copyFileSync(join(root, 'content', `${POST}.md`), join(project.dir, `${POST}.md`))
  copyFileSync(join(root, 'content', `${POST}.vetted.json`), join(project.dir, `${POST}.vetted.json`))

  const result = await run(process.execPath, ['build-post.mjs', `${POST}.md`], { cwd: project.dir })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const html = result.stdout
  // The corrected words are marked and linked to a card in the Corrections section.
  expect(html).toMatch(/<mark class="vetted-claim"[^>]*>about 38\s+milliseconds per day/)
  expect(html).toContain('<section class="vetted-corrections"')
  expect(html).toContain('The net gain is about 38 microseconds per day')
  expect(html).toMatch(/<a href="#[^"]+-correction-1"/)
  // And the rest of the post is there, without its frontmatter; no message about the post.
  expect(html).toContain('<h2>What this means for you</h2>')
  expect(html).not.toContain('title:')
  expect(html).not.toContain('<hr>')
})
