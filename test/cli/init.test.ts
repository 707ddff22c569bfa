// `vetted init` in a user's blog: the real command in temp folders laid out as
// blogs are. It creates the config and the workflow, edits astro.config.* only
// when asked and only when it is safe, never overwrites a file, and a second
// run changes nothing.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { POST, expectRefused, project, vetted } from './support.ts'

const read = (cwd: string, path: string) => readFileSync(join(cwd, path), 'utf8')
const config = (cwd: string) => JSON.parse(read(cwd, 'vetted.config.json'))

/** The config Astro's blog template writes. */
const ASTRO_CONFIG = `// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

// https://astro.build/config
export default defineConfig({
\tsite: 'https://example.com',
\tintegrations: [mdx(), sitemap()],
});
`

/** @vetted/astro as the site's package manager installed it: where Node finds it from the site. */
const ASTRO_INSTALLED = { 'node_modules/@vetted/astro/package.json': '{ "name": "@vetted/astro", "version": "0.1.0", "type": "module" }\n' }

describe('vetted init', () => {
  it('finds the posts folder, writes the config and an npm workflow, and says what to do next', async () => {
    const cwd = project({
      'package.json': '{ "name": "my-blog", "private": true }\n',
      'package-lock.json': '{ "lockfileVersion": 3 }\n',
      'README.md': '# My blog\n',
      'content/about.md': 'About me.\n',
      'content/posts/towns.md': POST,
      'content/posts/README.md': 'How to write a post.\n',
      'node_modules/some-package/README.md': '# not a post\n',
    })
    const result = await vetted(['init'], { cwd })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(read(cwd, 'vetted.config.json')).toBe('{\n  "content": [\n    "content/posts"\n  ]\n}\n')
    const workflow = read(cwd, '.github/workflows/vetted.yml')
    expect(workflow).toContain('      - uses: actions/checkout@v5\n')
    expect(workflow).toContain('      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n')
    expect(workflow).toContain('      - run: npm ci\n      - run: npx --no vetted check --ci --format github\n')
    expect(result.stdout).toContain('vetted init: set up vetted here. Posts in content/posts (1 post).\n')
    expect(result.stdout).toMatch(/ {2}created {2}vetted\.config\.json +content: content\/posts\n/)
    expect(result.stdout).toMatch(/ {2}created {2}\.github\/workflows\/vetted\.yml +the CI gate .*npm, from package-lock\.json/)
    expect(result.stdout).toContain('1. Install: npm install --save-dev @vetted/cli\n')
    expect(result.stdout).toContain('OPENAI_API_KEY=sk-… npx vetted check\n')
    expect(result.stdout).toContain("git add '*.vetted.json' vetted.config.json .github/workflows/vetted.yml .gitattributes\n")
    expect(read(cwd, '.gitattributes')).toBe('*.vetted.json merge=vetted\n.vetted/usage.jsonl merge=union\n')
    expect(result.stdout).toContain('git config merge.vetted.driver "npx vetted merge-driver %O %A %B"\n')
    expect(result.stdout).not.toContain('--astro') // no astro.config here

    // The config it wrote is the one check reads: the post's claims are unchecked.
    const gate = await vetted(['check', '--ci'], { cwd })
    expect(gate.code).toBe(1)
    expect(gate.stdout).toContain('content/posts/towns.md — 0 corrections found, 3 claims, 3 unchecked')
  })

  it('an Astro blog with --astro: src/content/blog, pnpm, and the integration added to astro.config.mjs', async () => {
    const cwd = project({
      'package.json': '{ "name": "my-blog", "packageManager": "pnpm@10.12.1", "devDependencies": { "@vetted/cli": "^0.1.0" } }\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'astro.config.mjs': ASTRO_CONFIG,
      ...ASTRO_INSTALLED,
      'src/content/blog/towns.md': POST,
      'src/content/blog/second.md': POST.replace('Towns', 'Bridges'),
      'src/pages/about.md': 'About me.\n',
      'dist/towns/index.md': POST,
    })
    const result = await vetted(['init', '--astro'], { cwd })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(config(cwd)).toEqual({ content: ['src/content/blog'] })
    expect(read(cwd, 'astro.config.mjs')).toBe(`// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import vetted from '@vetted/astro';

// https://astro.build/config
export default defineConfig({
\tsite: 'https://example.com',
\tintegrations: [mdx(), sitemap(), vetted()],
});
`)
    const workflow = read(cwd, '.github/workflows/vetted.yml')
    expect(workflow).toContain(
      '      - run: npm install --global pnpm@10.12.1\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm exec vetted check --ci --format github\n',
    )
    expect(result.stdout).toContain('vetted init: set up vetted here. Posts in src/content/blog (2 posts).')
    expect(result.stdout).toMatch(/ {2}edited {3}astro\.config\.mjs +import vetted, vetted\(\) in integrations\n/)
    expect(result.stdout).toContain('1. Install: pnpm add @vetted/astro\n') // @vetted/cli is there already
    expect(result.stdout).toContain('pnpm exec vetted resolve <id> --annotate')
  })

  it("--astro on a config with one integration a line (Starlight's template): vetted() gets a line of its own", async () => {
    const starlight = `// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
\tintegrations: [
\t\tstarlight({
\t\t\ttitle: 'My Docs',
\t\t}),
\t],
});
`
    const cwd = project({ 'astro.config.mjs': starlight, ...ASTRO_INSTALLED, 'src/content/docs/index.md': POST })
    const result = await vetted(['init', '--astro'], { cwd })
    expect(result.code, result.stderr).toBe(0)
    expect(read(cwd, 'astro.config.mjs')).toBe(
      starlight
        .replace("@astrojs/starlight';\n", "@astrojs/starlight';\nimport vetted from '@vetted/astro';\n")
        .replace('\t\t}),\n', '\t\t}),\n\t\tvetted(),\n'),
    )
  })

  it('--astro before @vetted/astro is installed leaves astro.config as it is (the site still builds) and says to install it first, then run it again', async () => {
    const cwd = project({ 'package-lock.json': '{}\n', 'astro.config.mjs': ASTRO_CONFIG, 'src/content/blog/towns.md': POST })
    const result = await vetted(['init', '--astro'], { cwd })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(read(cwd, 'astro.config.mjs')).toBe(ASTRO_CONFIG)
    expect(result.stdout).toMatch(
      / {2}left {5}astro\.config\.mjs +not edited: @vetted\/astro is not installed, and the site would not build importing it\n/,
    )
    expect(result.stdout).toContain(
      'Install @vetted/astro (npm install @vetted/astro), then run `npx vetted init --astro` again: it adds the integration to astro.config.mjs.',
    )
    expect(result.stdout).toContain('1. Install: npm install --save-dev @vetted/cli\n              npm install @vetted/astro\n')
    expect(config(cwd)).toEqual({ content: ['src/content/blog'] }) // the rest is done

    // Installed, the same command adds it and keeps the rest.
    for (const [path, text] of Object.entries(ASTRO_INSTALLED)) {
      mkdirSync(join(cwd, path, '..'), { recursive: true })
      writeFileSync(join(cwd, path), text)
    }
    const again = await vetted(['init', '--astro'], { cwd })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/ {2}edited {3}astro\.config\.mjs +import vetted, vetted\(\) in integrations\n/)
    expect(read(cwd, 'astro.config.mjs')).toContain("import vetted from '@vetted/astro';\n")
  })

  it('without --astro, an Astro site is told about it and its config is not touched', async () => {
    const cwd = project({ 'astro.config.mjs': ASTRO_CONFIG, 'src/content/blog/towns.md': POST })
    const result = await vetted(['init'], { cwd })
    expect(result.code).toBe(0)
    expect(read(cwd, 'astro.config.mjs')).toBe(ASTRO_CONFIG)
    expect(result.stdout).toContain('This is an Astro site: `vetted init --astro` adds @vetted/astro to astro.config.mjs')
  })

  it('an astro.config it cannot edit safely is left as it is, with the reason and the line', async () => {
    const astro = "import base from './base.mjs'\n\nexport default defineConfig({\n  ...base,\n  site: 'https://example.com',\n})\n"
    const cwd = project({ 'astro.config.mjs': astro, 'src/content/blog/towns.md': POST })
    const result = await vetted(['init', '--astro'], { cwd })
    expect(result.code).toBe(0)
    expect(read(cwd, 'astro.config.mjs')).toBe(astro)
    expect(result.stdout).toMatch(
      / {2}left {5}astro\.config\.mjs +not edited: its config spreads another object \(line 4\), which may set integrations\n/,
    )
    expect(result.stdout).toContain(
      'Add the integration to astro.config.mjs by hand: https://github.com/vetted-md/vetted/tree/main/packages/astro#use',
    )
    expect(config(cwd)).toEqual({ content: ['src/content/blog'] }) // the rest is done
  })

  it('--astro where there is no astro.config is refused, and nothing is written', async () => {
    await expectRefused(
      project({ 'content/towns.md': POST }),
      ['init', '--astro'],
      /^vetted: --astro: no astro\.config\.mjs, astro\.config\.js, astro\.config\.ts, astro\.config\.mts in this folder/,
    )
  })

  it('an existing config and workflow are kept untouched, and it says so', async () => {
    const cwd = project({
      'vetted.config.json': '{ "content": ["writing"], "model": "gpt-5.1" }\n',
      '.github/workflows/vetted.yml': 'name: mine\n',
      '.gitattributes': '*.png binary\n*.vetted.json  merge=vetted\n.vetted/usage.jsonl merge=union\n',
      'writing/towns.md': POST,
      'content/other.md': POST,
    })
    const before = checksums(cwd)
    const result = await vetted(['init'], { cwd })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(checksums(cwd)).toEqual(before)
    expect(result.stdout).toMatch(/^vetted init: nothing changed; vetted is already set up here\.\n/)
    expect(result.stdout).toMatch(/ {2}kept {5}vetted\.config\.json +it exists \(content: writing\)\n/)
    expect(result.stdout).toMatch(/ {2}kept {5}\.github\/workflows\/vetted\.yml +it exists\n/)
  })

  it('a workflow that already runs the gate counts as the gate; the config is still created', async () => {
    const ci = 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx vetted check --ci\n'
    const cwd = project({ '.github/workflows/ci.yml': ci, 'posts/towns.md': POST })
    const result = await vetted(['init'], { cwd })
    expect(result.code).toBe(0)
    expect(read(cwd, '.github/workflows/ci.yml')).toBe(ci)
    expect(checksums(cwd)).not.toHaveProperty(['.github/workflows/vetted.yml'])
    expect(result.stdout).toMatch(/ {2}kept {5}\.github\/workflows\/ci\.yml +it already runs vetted check --ci\n/)
    expect(config(cwd)).toEqual({ content: ['posts'] })
  })

  it('a second run changes nothing and says so', async () => {
    const cwd = project({
      'package-lock.json': '{}\n',
      'astro.config.mjs': ASTRO_CONFIG,
      ...ASTRO_INSTALLED,
      'src/content/blog/towns.md': POST,
    })
    expect((await vetted(['init', '--astro'], { cwd })).code).toBe(0)
    const after = checksums(cwd)
    const again = await vetted(['init', '--astro'], { cwd })
    expect(again).toMatchObject({ code: 0, stderr: '' })
    expect(checksums(cwd)).toEqual(after)
    expect(again.stdout).toMatch(
      /^vetted init: nothing changed; vetted is already set up here\.\n\n {2}kept {5}vetted\.config\.json +it exists \(content: src\/content\/blog\)\n {2}kept {5}\.github\/workflows\/vetted\.yml +it exists\n {2}kept {5}\.gitattributes +it already merges ledgers with vetted merge-driver\n {2}kept {5}astro\.config\.mjs +it already has @vetted\/astro\n/,
    )
  })

  it('no Markdown posts: exit 2, what was looked for and how to name folders, nothing written', async () => {
    await expectRefused(
      project({
        'README.md': '# My blog\n',
        'package.json': '{}\n',
        'node_modules/x/guide.md': '# a guide\n',
        '.notes/todo.md': '- write\n',
      }),
      ['init'],
      /^vetted: no Markdown or MDX posts \(\.md, \.markdown, \.mdx\) found in src\/content\/blog, .* or any folder below this one, skipping node_modules, build output and dot folders; say where they are: vetted init content\/posts\n$/,
    )
    await expectRefused(
      project({ 'src/content/blog/a.mdoc': '# Markdoc\n' }),
      ['init'],
      /; 1 file seen in formats vetted does not read \(Markdoc\);/,
    )
    await expectRefused(project({ 'content/a.md': POST }), ['init', 'drafts'], /^vetted: drafts: does not exist\n$/)
  })

  it('folders named on the command line become the content', async () => {
    const cwd = project({ 'writing/2026/towns.md': POST, 'notes/idea.md': POST, 'content/old.md': POST })
    const result = await vetted(['init', 'writing', './notes/'], { cwd })
    expect(result.code).toBe(0)
    expect(config(cwd)).toEqual({ content: ['writing', 'notes'] })
    expect(result.stdout).toContain('Posts in writing (1 post), notes (1 post).')
  })

  it('a Docusaurus site (its config at the top): the blog and the docs, so the gate covers both', async () => {
    const cwd = project({
      'docusaurus.config.js': 'export default {}\n',
      'blog/2021-08-26-welcome/index.md': POST,
      'docs/intro.md': POST,
      'docs/tutorial/setup.mdx': POST,
      'src/pages/markdown-page.md': '# A page\n',
    })
    const result = await vetted(['init'], { cwd })
    expect(result.code, result.stderr).toBe(0)
    expect(config(cwd)).toEqual({ content: ['blog', 'docs'] })
    expect(result.stdout).toContain('Posts in blog (1 post), docs (2 posts).')
    // Without Docusaurus's config, a docs folder is a project's notes, not posts.
    const notes = project({ 'blog/towns.md': POST, 'docs/design.md': POST })
    expect((await vetted(['init'], { cwd: notes })).code).toBe(0)
    expect(config(notes)).toEqual({ content: ['blog'] })
  })

  it('without a conventional folder, the outermost folders holding posts', async () => {
    const cwd = project({
      'articles/2025/a.md': POST,
      'articles/2026/b.md': POST,
      'essays/c.markdown': POST,
      'docs/README.md': '# docs\n',
      'index.md': 'Home\n',
    })
    expect((await vetted(['init'], { cwd })).code).toBe(0)
    expect(config(cwd)).toEqual({ content: ['articles/2025', 'articles/2026', 'essays'] })
  })

  it('the workflow installs with the package manager of the lockfile', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, '      - run: npm install\n      - run: npx --no vetted check --ci --format github\n'],
      [
        { 'yarn.lock': '# yarn lockfile v1\n' },
        '      - run: yarn install --frozen-lockfile\n      - run: yarn vetted check --ci --format github\n',
      ],
      [
        { 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' },
        '      - run: corepack enable\n      - run: yarn install --immutable\n      - run: yarn vetted check --ci --format github\n',
      ],
      [
        { 'bun.lock': '{}\n' },
        '      - uses: oven-sh/setup-bun@v2\n      - run: bun install --frozen-lockfile\n      - run: npx --no vetted check --ci --format github\n',
      ],
      [
        { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" },
        '      - run: npm install --global pnpm@latest\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm exec vetted check --ci --format github\n',
      ],
    ]
    for (const [files, steps] of cases) {
      const cwd = project({ ...files, 'content/towns.md': POST })
      expect((await vetted(['init'], { cwd })).code).toBe(0)
      expect(read(cwd, '.github/workflows/vetted.yml')).toContain(`          node-version: 24\n${steps}`)
    }
  })

  it('a blog inside a repository: the workflow goes to the repository, and runs in the blog and lockfile folders', async () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'sites/blog/content/towns.md': POST,
    })
    const cwd = join(root, 'sites/blog')
    const result = await vetted(['init'], { cwd })
    expect(result.code).toBe(0)
    expect(read(root, '.github/workflows/vetted.yml')).toContain(
      '      - run: pnpm install --frozen-lockfile\n      - run: pnpm exec vetted check --ci --format github\n        working-directory: sites/blog\n',
    )
    expect(result.stdout).toMatch(/ {2}created {2}\.\.\/\.\.\/\.github\/workflows\/vetted\.yml /)
    expect(read(cwd, 'vetted.config.json')).toContain('"content"')
  })

  it('names from the blog reach the terminal as plain text', async () => {
    const cwd = project({})
    mkdirSync(join(cwd, 'notes\u001b[2J'))
    writeFileSync(join(cwd, 'notes\u001b[2J/towns.md'), POST)
    const result = await vetted(['init'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('\u001b')
    expect(result.stdout).toContain('Posts in notes\\x1b[2J (1 post).')
    expect(config(cwd)).toEqual({ content: ['notes\u001b[2J'] })
  })

  it('init --help, and unknown options', async () => {
    const help = await vetted(['init', '--help'], { cwd: project({}) })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^vetted init \[folders\.\.\.\] \[--astro\]\n/)
    expect(help.stdout).toContain('.github/workflows/vetted.yml')
    expect((await vetted(['--help'], { cwd: project({}) })).stdout).toContain('vetted init [folders...] [--astro]')
    await expectRefused(
      project({ 'content/a.md': POST }),
      ['init', '--astros'],
      /^vetted: Unknown option '--astros'.* \(see vetted --help\)\n$/,
    )
  })
})
