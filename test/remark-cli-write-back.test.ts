// remark-cli writing posts back (`remark . -o`, issue 23 item 4): remark-vetted
// reports there and never renders, so the file remark writes is the author's
// text, byte for byte when it is in remark-stringify's style, with corrections
// published, open, dismissed, stale and fixed, quotes starting inside emphasis
// and links. The real remark-cli, with the `.remarkrc.mjs` of remark-vetted's
// README (the report step, `remarkVettedReport`) and with the default plugin
// (what a config written before the report step existed has).

import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { temporaryFolder } from './support/files.ts'

const REMARK = join(import.meta.dirname, 'node_modules', '.bin', 'remark')
const PLUGIN = JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('remark-vetted')).href)
/** A syntax plugin, from remark-vetted's own dev dependencies. */
const SYNTAX = (name: string) =>
  JSON.stringify(
    pathToFileURL(createRequire(join(import.meta.dirname, '..', 'packages', 'remark-vetted', 'package.json')).resolve(name)).href,
  )
const FIXTURE = join(import.meta.dirname, '..', 'packages', 'remark-vetted', 'test', 'fixtures', 'written-back-as-markdown')

/** A project with the fixture's post and ledger and a `.remarkrc.mjs` using `plugin` (an import of remark-vetted) with every status shown. */
function project(plugin: string): string {
  const dir = temporaryFolder('vetted-remark-write-')
  cpSync(join(FIXTURE, 'input.md'), join(dir, 'input.md'))
  cpSync(join(FIXTURE, 'input.vetted.json'), join(dir, 'input.vetted.json'))
  writeFileSync(
    join(dir, '.remarkrc.mjs'),
    `import ${plugin} from ${PLUGIN}
import remarkDirective from ${SYNTAX('remark-directive')}
import remarkGfm from ${SYNTAX('remark-gfm')}
import remarkFrontmatter from ${SYNTAX('remark-frontmatter')}

export default { plugins: [remarkFrontmatter, remarkGfm, remarkDirective, [vetted, { render: ['annotate', 'dismiss'], preview: true }]] }
`,
  )
  return dir
}

function remark(dir: string, args: string[]) {
  const result = spawnSync(REMARK, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  expect(result.error).toBeUndefined()
  return result
}

describe('remark-cli writes a post with corrections back unchanged', () => {
  for (const [name, plugin] of [
    ['the report step, as the README configures it', '{ remarkVettedReport as vetted }'],
    ['the default plugin', 'vetted'],
  ] as const) {
    it(`with ${name}`, () => {
      const dir = project(plugin)
      const author = readFileSync(join(dir, 'input.md'), 'utf8')
      const result = remark(dir, ['.', '-o', '--no-color'])
      expect(result.status, result.stderr).toBe(0)
      expect(readFileSync(join(dir, 'input.md'), 'utf8')).toBe(author)
      // It did report: the open correction and the stale entry.
      expect(result.stderr).toMatch(/warning +.+ +open-correction +vetted/)
      expect(result.stderr).toMatch(/stale-entry +vetted/)
    })
  }

  it('prints the post to stdout as the author wrote it', () => {
    const dir = project('vetted')
    const result = remark(dir, ['input.md', '--quiet'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toBe(readFileSync(join(dir, 'input.md'), 'utf8'))
    expect(result.stdout).not.toMatch(/:correction|vetted-/)
  })
})
