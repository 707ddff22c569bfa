// Docusaurus 3 (classic preset) with remark-vetted, as a user sets it up: a site
// shaped like create-docusaurus's classic template (fixtures/docusaurus: a blog and
// docs, .md and .mdx), remark-vetted and @vetted/cli from their packed tarballs,
// Docusaurus from the registry, and the lines of the README's Docusaurus part
// copied into the site. `vetted check` against the fake OpenAI server finds the
// planted errors in an MDX blog post and in a doc's admonition; the gate fails on
// them by file:line; `vetted resolve --annotate` publishes them; `docusaurus build`
// shows each as a card on its own sentence, on the post's page, in the blog list's
// excerpt (the plugin's second run on the post) and on the doc's page.

import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { userEnv, userProject, type UserProject } from './support.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURE = join(import.meta.dirname, 'fixtures', 'docusaurus')
const POST = 'blog/2026-03-01-towns-of-the-plain/index.mdx'
const DOC = 'docs/intro.mdx'
// The planted errors: the fake model calls a sentence saying "flat" incorrect and quotes "flat" with the two words before it.
const POST_QUOTE = 'was perfectly flat'
const DOC_QUOTE = 'is completely flat'
// The same dependencies as create-docusaurus's classic template.
const DOCUSAURUS = [
  '@docusaurus/core@^3.10',
  '@docusaurus/preset-classic@^3.10',
  '@docusaurus/faster@^3.10',
  '@mdx-js/react@^3',
  'clsx@^2',
  'prism-react-renderer@^2',
  'react@^19',
  'react-dom@^19',
]
const DOCUSAURUS_ENV = userEnv({ DOCUSAURUS_TELEMETRY_DISABLED: '1', NO_COLOR: '1' })

interface ReadmeSetUp {
  /** The packages of its `npm install` line. */
  install: string[]
  /** The arguments of its `npx vetted init` line. */
  init: string[]
  /** Its docusaurus.config.js block: the import lines, and the lines it puts in the preset's docs and blog options. */
  imports: string[]
  options: { docs: string[]; blog: string[] }
  /** The lines its css block puts at the top of src/css/custom.css (the cards' stylesheet). */
  customCss: string[]
}

/** The README's Docusaurus part (from `**Docusaurus**` to the next paragraph in bold or the unified pipeline): its shell lines and its config block. */
function readmeSetUp(): ReadmeSetUp {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const part = /\n\*\*Docusaurus\*\*[\s\S]*?(?=\n\*\*|\nWithout Astro)/.exec(readme)?.[0]
  const shell = part && /```sh\n([\s\S]*?)```/.exec(part)?.[1]
  const config = part && /```js\n([\s\S]*?)```/.exec(part)?.[1]
  if (!shell || !config) throw new Error('README.md has no Docusaurus part with a ```sh block and a ```js block')
  const install = /^npm install (.+)$/m.exec(shell)?.[1]?.split(' ')
  const init = /^npx vetted (init(?: .+)?)$/m.exec(shell)?.[1]?.split(' ')
  // The lines between `docs: {` (or `blog: {`) and the `},` that closes it, less comments.
  const optionLines = (key: string) => {
    const body = new RegExp(`^( *)${key}: \\{\\n([\\s\\S]*?)^\\1\\},?$`, 'm').exec(config)?.[2]
    if (body === undefined) throw new Error(`README.md's Docusaurus config gives no ${key} options`)
    return body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('//'))
  }
  if (!install || !init) throw new Error('README.md’s Docusaurus part has no `npm install` or `npx vetted init` line')
  const css = /```css\n\/\* src\/css\/custom\.css \*\/\n([\s\S]*?)```/.exec(part)?.[1]
  if (!css) throw new Error('README.md’s Docusaurus part has no ```css block starting `/* src/css/custom.css */`')
  const customCss = css.split('\n').filter((line) => line.trim() !== '')
  return {
    install,
    init,
    imports: config.split('\n').filter((line) => line.startsWith('import ')),
    options: { docs: optionLines('docs'), blog: optionLines('blog') },
    customCss,
  }
}

/** The site's docusaurus.config.js with the README's lines added: its imports after the template's, its options first in docs and blog. */
function withReadmeLines(config: string, setUp: ReadmeSetUp): string {
  const lastImport = "import {themes as prismThemes} from 'prism-react-renderer';\n"
  if (!config.includes(lastImport))
    throw new Error('the fixture config has no prism-react-renderer import to add the README’s import after')
  let edited = config.replace(lastImport, `${lastImport}${setUp.imports.map((line) => `${line}\n`).join('')}`)
  for (const key of ['docs', 'blog'] as const) {
    const opening = new RegExp(`^( *)${key}: \\{\\n`, 'm')
    if (!opening.test(edited)) throw new Error(`the fixture config has no ${key} options`)
    edited = edited.replace(
      opening,
      (line, indent: string) => `${line}${setUp.options[key].map((option) => `${indent}  ${option}\n`).join('')}`,
    )
  }
  return edited
}

/** Where `needle` starts in `text`: 1-based line and column, as the gate prints them. */
function placeOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle)
  if (at < 0) throw new Error(`not in the text: ${needle}`)
  const before = text.slice(0, at).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}

interface StartTag {
  at: number
  end: number
  attributes: Record<string, string>
}

/** The start tags `<name …>` in built HTML, which Docusaurus minifies: attribute values quoted or not. */
function startTags(html: string, name: string): StartTag[] {
  const tags: StartTag[] = []
  for (const match of html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'g'))) {
    const attributes: Record<string, string> = {}
    for (const [, key, value] of (match[1] ?? '').matchAll(/([^\s=]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
      attributes[key!] = value === undefined ? '' : value.replace(/^["']|["']$/g, '')
    }
    tags.push({ at: match.index, end: match.index + match[0].length, attributes })
  }
  return tags
}

const hasClass = (tag: StartTag, name: string) => (tag.attributes['class'] ?? '').split(/\s+/).includes(name)
/** Text without its tags, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()

/** Every id that more than one element of the page has. */
function duplicateIds(html: string): string[] {
  const ids = [...html.matchAll(/<[a-z][\w-]*\s(?:[^>]*?\s)?id=("[^"]*"|'[^']*'|[^\s"'>]+)/g)].map((match) =>
    match[1]!.replace(/^["']|["']$/g, ''),
  )
  return ids.filter((id, index) => ids.indexOf(id) !== index)
}

/** The open corrections the gate lists, as `file:line:column id`. */
const openListed = (report: string) =>
  [...report.matchAll(/^ +\d+\. (\S+:\d+:\d+) +\[open: not settled\] +(c-\w+)$/gm)].map(([, place, id]) => `${place} ${id}`)

interface Shown {
  /** The marked words. */
  marked: string
  /** The paragraph's text before them. */
  before: string
  /** The HTML before the marker, from the start of the page. */
  page: string
  card: StartTag
  cardText: string
  popover: StartTag
}

/** The one published correction on a built page: its marker, its popover and its card, their ids with the marker's prefix. */
function shownCorrection(html: string): Shown {
  const marks = startTags(html, 'mark').filter((tag) => hasClass(tag, 'vetted-claim'))
  expect(marks).toHaveLength(1)
  const mark = marks[0]!
  const prefix = /^(.+)-claim-1$/.exec(mark.attributes['id'] ?? '')?.[1]
  expect(prefix, `the marker's id: ${mark.attributes['id']}`).toBeDefined()
  const cards = startTags(html, 'li').filter((tag) => hasClass(tag, 'vetted-card'))
  expect(cards.map((tag) => tag.attributes['id'])).toEqual([`${prefix}-correction-1`])
  const popovers = startTags(html, 'span').filter((tag) => hasClass(tag, 'vetted-popover'))
  expect(popovers.map((tag) => tag.attributes['id'])).toEqual([`${prefix}-pop-1`])
  const paragraph = html.lastIndexOf('<p>', mark.at)
  const card = cards[0]!
  return {
    marked: /^[^<]*/.exec(html.slice(mark.end))![0],
    before: textOf(html.slice(paragraph, mark.at)),
    page: html.slice(0, mark.at),
    card,
    cardText: textOf(html.slice(card.end, html.indexOf('</ol>', card.end))),
    popover: popovers[0]!,
  }
}

/** The built pages: every index.html under build/, by route. */
function builtPages(dir: string, route = '/'): Record<string, string> {
  const pages: Record<string, string> = {}
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) Object.assign(pages, builtPages(join(dir, entry.name), `${route}${entry.name}/`))
    else if (entry.name === 'index.html') pages[route] = readFileSync(join(dir, entry.name), 'utf8')
  }
  return pages
}

let fake: FakeOpenAI
let project: UserProject
let site: string
let setUp: ReadmeSetUp

beforeAll(async () => {
  setUp = readmeSetUp()
  fake = await startFakeOpenAI()
  // vetted's packages from their tarballs (the README's remark-vetted, step 1's CLI); the rest as the template has it.
  expect(setUp.install).toContain('remark-vetted')
  // No "type" in package.json, as in the template's (rspack reads .js as ESM or CommonJS by its syntax only then).
  project = await userProject(
    ['remark-vetted', '@vetted/cli'],
    [...DOCUSAURUS, ...setUp.install.filter((name) => name !== 'remark-vetted')],
    { type: undefined },
  )
  site = project.dir
  cpSync(FIXTURE, site, { recursive: true })
  writeFileSync(join(site, 'docusaurus.config.js'), withReadmeLines(readFileSync(join(FIXTURE, 'docusaurus.config.js'), 'utf8'), setUp))
  const customCss = join(site, 'src/css/custom.css')
  writeFileSync(customCss, `${setUp.customCss.join('\n')}\n${readFileSync(customCss, 'utf8')}`)
})
afterAll(async () => {
  project?.remove()
  await fake?.close()
})

const vetted = (args: string[], env: Record<string, string> = {}) => project.bin('vetted', args, { env: userEnv(env) })
const online = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL })
const ledgerOf = (post: string) =>
  JSON.parse(readFileSync(join(site, post.replace(/\.mdx?$/, '.vetted.json')), 'utf8')) as {
    corrections: Record<string, { quote: string; status: string }>
  }
const idOf = (post: string) => Object.keys(ledgerOf(post).corrections)[0]!

describe('remark-vetted in a Docusaurus 3 site, set up as the README says', () => {
  it('the README’s vetted init finds the blog and the docs, so the gate covers both', async () => {
    const init = await vetted(setUp.init)
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('Posts in blog (2 posts), docs (2 posts).')
    expect(JSON.parse(readFileSync(join(site, 'vetted.config.json'), 'utf8'))).toEqual({ content: ['blog', 'docs'] })
  })

  it('vetted check puts each planted error on its own sentence, in the MDX post and in the doc’s admonition; the gate fails naming file:line', async () => {
    const check = await vetted(['check'], online())
    expect(check.code, check.stderr).toBe(1)
    expect(Object.values(ledgerOf(POST).corrections)).toEqual([expect.objectContaining({ quote: POST_QUOTE, status: 'open' })])
    expect(Object.values(ledgerOf(DOC).corrections)).toEqual([expect.objectContaining({ quote: DOC_QUOTE, status: 'open' })])
    for (const other of ['blog/2026-03-08-the-river.md', 'docs/guides/reading-maps.md'])
      expect(ledgerOf(other).corrections, other).toEqual({})

    const post = placeOf(readFileSync(join(site, POST), 'utf8'), POST_QUOTE)
    const doc = placeOf(readFileSync(join(site, DOC), 'utf8'), DOC_QUOTE)
    const gate = await vetted(['check', '--ci'])
    expect(gate.code).toBe(1)
    expect(openListed(gate.stdout)).toEqual([
      `${POST}:${post.line}:${post.column} ${idOf(POST)}`,
      `${DOC}:${doc.line}:${doc.column} ${idOf(DOC)}`,
    ])
  })

  it('vetted resolve --annotate publishes one; the gate fails on the other alone until it is published too', async () => {
    expect(await vetted(['resolve', idOf(POST), '--annotate'])).toMatchObject({
      code: 0,
      stdout: `${idOf(POST)}: open -> annotate (${POST.replace('.mdx', '.vetted.json')})\n`,
    })
    const gate = await vetted(['check', '--ci'])
    expect(gate.code).toBe(1)
    const doc = placeOf(readFileSync(join(site, DOC), 'utf8'), DOC_QUOTE)
    expect(openListed(gate.stdout)).toEqual([`${DOC}:${doc.line}:${doc.column} ${idOf(DOC)}`])

    expect((await vetted(['resolve', idOf(DOC), '--annotate'])).code).toBe(0)
    const settled = await vetted(['check', '--ci'])
    expect(settled.stdout).toContain('Everything is settled.')
    expect(settled.code).toBe(0)
  })

  describe('docusaurus build', () => {
    let pages: Record<string, string>
    beforeAll(async () => {
      const build = await project.bin('docusaurus', ['build'], { env: DOCUSAURUS_ENV, timeout: 280_000 })
      expect(build.code, `${build.stdout}\n${build.stderr}`).toBe(0)
      pages = builtPages(join(site, 'build'))
    })

    it('bundles the cards’ stylesheet the README imports into the site’s CSS', () => {
      const assets = join(site, 'build/assets/css')
      const css = readdirSync(assets)
        .filter((name) => name.endsWith('.css'))
        .map((name) => readFileSync(join(assets, name), 'utf8'))
        .join('\n')
      expect(css).toMatch(/\.vetted-card\b[^{]*\{/)
      expect(css).not.toContain('remark-vetted/styles.css')
    })

    it('shows the blog post’s correction as a card on its page, on its sentence, with a popover React kept', () => {
      const shown = shownCorrection(pages['/blog/2026/03/01/towns-of-the-plain/']!)
      expect(shown.before).toBe('In 1851, surveyors reported that Ashford sat on ground that')
      expect(shown.marked).toBe(POST_QUOTE)
      expect(shown.card.attributes).toMatchObject({ 'data-vetted-id': idOf(POST), 'data-vetted-status': 'annotate' })
      expect(shown.cardText).toContain(`The record shows that "${POST_QUOTE}" is not so.`)
      // React drops `popover={true}`: without the attribute the popover is text in the sentence and its button does nothing.
      expect(shown.popover.attributes).toHaveProperty('popover')
      expect(duplicateIds(pages['/blog/2026/03/01/towns-of-the-plain/']!)).toEqual([])
    })

    it('shows it again in the blog list’s excerpt, once, with no id twice on the page', () => {
      const list = pages['/blog/']!
      const shown = shownCorrection(list)
      expect(shown.before).toBe('In 1851, surveyors reported that Ashford sat on ground that')
      expect(shown.card.attributes).toMatchObject({ 'data-vetted-id': idOf(POST) })
      expect(duplicateIds(list)).toEqual([])
      // The excerpt stops at the truncate marker: nothing after it, in either post.
      expect(list).not.toContain('the railway reached Millbrook')
      expect(list).not.toContain('dredged in 1907')
      expect(list).toContain('The river Mill runs 42 miles')
    })

    it('shows the doc’s correction as a card on its page, inside the admonition it stands in', () => {
      const page = pages['/docs/intro/']!
      const shown = shownCorrection(page)
      expect(shown.before).toBe('The survey recorded that the valley floor near Ashford')
      expect(shown.marked).toBe(DOC_QUOTE)
      // Inside the note (Docusaurus's admonition), not the tip after it.
      const admonitions = startTags(shown.page, 'div').filter((tag) => hasClass(tag, 'theme-admonition'))
      expect(admonitions.at(-1)?.attributes['class']).toContain('theme-admonition-note')
      expect(textOf(shown.page.slice(admonitions.at(-1)!.at))).toContain('What the surveyors found')
      expect(shown.card.attributes).toMatchObject({ 'data-vetted-id': idOf(DOC), 'data-vetted-status': 'annotate' })
      expect(shown.popover.attributes).toHaveProperty('popover')
      expect(duplicateIds(page)).toEqual([])
    })

    it('marks nothing in the posts and docs without a published correction', () => {
      for (const route of ['/blog/2026/03/08/the-river/', '/docs/guides/reading-maps/']) {
        expect(pages[route], route).toContain('<h1')
        expect(pages[route], route).not.toMatch(/vetted-(claim|card)/)
      }
    })
  })
})
