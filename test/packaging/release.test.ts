// `pnpm release --dry-run`: what would go to npm, with nothing published.

import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { run, userEnv } from './support.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

it('the release dry run lists each package’s files, ships no tests or fixtures, and publishes nothing', async () => {
  const result = await run('pnpm', ['release', '--dry-run'], { cwd: root, env: userEnv() })
  expect(result.stdout).not.toContain('should not ship')
  expect(result.code).toBe(0)
  for (const tarball of ['vetted-core', 'vetted-post', 'remark-vetted', 'vetted-checker', 'vetted-astro', 'vetted-cli']) {
    expect(result.stdout).toMatch(new RegExp(`^${tarball}-\\d+\\.\\d+\\.\\d+\\.tgz: [\\d.]+ kB packed`, 'm'))
  }
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'README.md', 'LICENSE', 'CHANGELOG.md'])
    expect(result.stdout).toContain(`  ${file} `)
  expect(result.stdout).toContain('dist/bin.js')
  expect(result.stdout).toContain('dist/styles/vetted.css')
  expect(result.stdout).toContain('dist/prompts/instructions.md')
  expect(result.stdout).not.toMatch(/^\s+(src|test)\//m)
  expect(result.stdout).not.toMatch(/fixtures|\.test\.|\.tsbuildinfo/)
  expect(result.stdout).toContain('Dry run: nothing was published.')
})
