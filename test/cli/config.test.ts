// Where the config is found and how a TypeScript config loads: the one of
// vetted.config.json, vetted.config.ts and vetted.config.mts (two are refused); a
// .ts or .mts config is an ES module in any project, whatever its package.json says.
// Each runs the real bin: loading a TypeScript config is Node's work, which vitest
// would do in its place inside this process.

import { describe, expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { POST, expectRefused, project, vetted } from './support.ts'

const TS_CONFIG =
  "import type { VettedConfigInput } from '@vetted/cli'\n\nconst content: string[] = ['writing']\nexport default { content } satisfies VettedConfigInput\n"

describe('the config file', () => {
  for (const [label, manifest] of [
    ['"type": "commonjs"', '{ "type": "commonjs" }\n'],
    ['no "type"', '{ "name": "blog" }\n'],
    ['"type": "module"', '{ "type": "module" }\n'],
  ] as const) {
    it(`vetted.config.ts loads in a project with ${label}, without a warning`, async () => {
      const cwd = project({ 'package.json': manifest, 'vetted.config.ts': TS_CONFIG, 'writing/towns.md': POST })
      const result = await vetted(['check', '--ci'], { cwd })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('writing/towns.md — 0 corrections found, 3 claims, 3 unchecked')
    })
  }

  it('vetted.config.mts is read when there is no .json or .ts', async () => {
    const mts = project({ 'package.json': '{ "type": "commonjs" }\n', 'vetted.config.mts': TS_CONFIG, 'writing/towns.md': POST })
    expect((await vetted(['check', '--ci'], { cwd: mts })).stdout).toContain('writing/towns.md')
  })

  it('a vetted.config.json beside a vetted.config.ts is refused naming both, not one silently ignored; --config picks one', async () => {
    const both = project({
      'vetted.config.json': '{ "content": ["content"] }\n',
      'vetted.config.ts': TS_CONFIG,
      'content/first.md': POST,
      'writing/towns.md': POST,
    })
    await expectRefused(
      both,
      ['check', '--ci'],
      /^vetted: \S*vetted\.config\.json: and vetted\.config\.ts are both here; keep one config \(or pick one with --config\)\n$/,
      { subprocess: true },
    )
    const picked = await vetted(['check', '--ci', '--config', 'vetted.config.ts'], { cwd: both })
    expect(picked.stdout).toContain('writing/towns.md')
    expect(picked.stdout).not.toContain('content/first.md')
  })

  it('a .ts config that does not parse, in a commonjs project, names the file and the line', async () => {
    const cwd = project({
      'package.json': '{ "type": "commonjs" }\n',
      'vetted.config.ts': 'export default {\n  content: [\n',
      'content/a.md': POST,
    })
    const before = checksums(cwd)
    const result = await vetted(['check'], { cwd })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^vetted: vetted\.config\.ts:2:1: cannot be loaded: [^\n]+\n$/)
    expect(checksums(cwd)).toEqual(before)
  })

  it('a .mts config with a wrong key names the file and the key', async () => {
    const cwd = project({ 'vetted.config.mts': 'export default { contents: ["x"] }\n', 'content/a.md': POST })
    const result = await vetted(['check'], { cwd })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('vetted: vetted.config.mts: invalid config at contents: Unrecognized key: "contents"\n')
  })
})
