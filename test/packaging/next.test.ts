// Next.js 16 with @next/mdx as README.md sets it up: an app-router site
// (fixtures/next: mdx-components.tsx, a layout, a page that imports each post by
// its slug, a component the post uses) whose next.config.mjs and install line are
// copied from README.md. remark-vetted and @vetted/cli come from their tarballs,
// next, react and the MDX packages from the registry. `vetted check` asks the fake
// OpenAI server (it calls every sentence that says "flat" incorrect), `vetted
// resolve` publishes corrections, and `next build` (Turbopack) renders them, again
// after the next `vetted resolve` although the post itself did not change.

import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { userEnv, userProject, type UserProject } from './support.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURE = fileURLToPath(new URL('./fixtures/next', import.meta.url))
const POST = 'content/towns.mdx'
const LEDGER = 'content/towns.vetted.json'

/** README.md's Next.js set-up: its `next.config.mjs`, the packages its install line names, and the stylesheet's import for `app/layout.tsx`. */
function readmeNextSetup(): { config: string; install: string[]; layoutImports: string[] } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const config = /```js\n(\/\/ next\.config\.mjs\n[\s\S]*?)```/.exec(readme)?.[1]
  const install = /\(`npm install (@next\/mdx [^`]+)`\)/.exec(readme)?.[1]?.split(' ')
  const layout = /```tsx\n\/\/ app\/layout\.tsx\n([\s\S]*?)```/.exec(readme)?.[1]
  if (!config || !install || !layout)
    throw new Error(
      'README.md has no Next.js set-up: a ```js block starting `// next.config.mjs`, its (`npm install @next/mdx …`) line and a ```tsx block starting `// app/layout.tsx`',
    )
  return { config, install, layoutImports: layout.split('\n').filter((line) => line.startsWith('import ')) }
}

/** The line of `post` that holds `words` (1-based). */
function lineOf(post: string, words: string): number {
  const index = post.split('\n').findIndex((line) => line.includes(words))
  if (index < 0) throw new Error(`not in the post: ${words}`)
  return index + 1
}

let project: UserProject
let fake: FakeOpenAI

beforeAll(async () => {
  const { config, install, layoutImports } = readmeNextSetup()
  fake = await startFakeOpenAI()
  // What create-next-app gives a TypeScript site, then the README's packages.
  const site = ['next@^16', 'react@^19', 'react-dom@^19', 'typescript@^5', '@types/react@^19', '@types/node']
  project = await userProject(['remark-vetted', '@vetted/cli'], [...site, ...install.filter((name) => name !== 'remark-vetted')])
  cpSync(FIXTURE, project.dir, { recursive: true })
  writeFileSync(join(project.dir, 'next.config.mjs'), config)
  const layout = join(project.dir, 'app/layout.tsx')
  writeFileSync(layout, `${layoutImports.join('\n')}\n${readFileSync(layout, 'utf8')}`)
})
afterAll(async () => {
  await fake?.close()
  project?.remove()
})

it('an MDX post in a Next.js site: vetted checks it, each correction resolve publishes shows on its sentence at the next build, an open one fails the gate', async () => {
  const post = readFileSync(join(project.dir, POST), 'utf8')
  const online = userEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, NO_COLOR: '1' })

  // The three planted errors become corrections on their own sentences, one inside <Aside>; no import or export line is a claim.
  const checked = await project.bin('vetted', ['check', POST], { env: online })
  expect(checked.code, checked.stderr).toBe(1)
  const ledger = JSON.parse(readFileSync(join(project.dir, LEDGER), 'utf8')) as {
    claims: Record<string, { text: string }>
    corrections: Record<string, { id: string; claim: string; quote: string }>
  }
  const corrections = Object.values(ledger.corrections).map(({ id, claim, quote }) => ({ id, quote, sentence: ledger.claims[claim]!.text }))
  expect(
    corrections.map(({ quote, sentence }) => ({ quote, sentence })).sort((a, b) => lineOf(post, a.sentence) - lineOf(post, b.sentence)),
  ).toEqual([
    { quote: 'was perfectly flat', sentence: 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.' },
    { quote: 'was as flat', sentence: 'In 1853, a second survey said the valley floor was as flat as a table.' },
    { quote: 'to be flat', sentence: 'By 1860, the road from Millbrook to Ashford was said to be flat and dry all year.' },
  ])
  expect(
    Object.values(ledger.claims)
      .map(({ text }) => text)
      .join('\n'),
  ).not.toMatch(/import|export|metadata/)
  for (const { id, sentence } of corrections)
    expect(checked.stdout).toMatch(new RegExp(`${POST}:${lineOf(post, sentence)}:\\d+ +\\[open: not settled\\] +${id}`))

  const [paragraph, inAside, open] = corrections.sort((a, b) => lineOf(post, a.sentence) - lineOf(post, b.sentence)) as [
    (typeof corrections)[0],
    (typeof corrections)[0],
    (typeof corrections)[0],
  ]
  const publish = async (id: string) => {
    const resolved = await project.bin('vetted', ['resolve', id, '--annotate'])
    expect(resolved).toMatchObject({ code: 0, stdout: `${id}: open -> annotate (${LEDGER})\n` })
  }
  const build = async () => {
    const result = await project.bin('next', ['build'], { env: userEnv({ NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }), timeout: 300_000 })
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
    expect(result.stdout).toContain('Turbopack')
    const html = readFileSync(join(project.dir, '.next/server/app/blog/towns.html'), 'utf8')
    return /<article>([\s\S]*)<\/article>/.exec(html)?.[1] ?? ''
  }
  const cardsOf = (article: string) =>
    [
      ...article.matchAll(
        /<li id="towns-correction-(\d)" class="vetted-card" data-vetted-id="(c-[0-9a-f]+)" data-vetted-status="annotate">/g,
      ),
    ].map((match) => [match[1], match[2]])

  // One published: its card; the others' sentences as the author wrote them.
  await publish(paragraph.id)
  const first = await build()
  expect(cardsOf(first)).toEqual([['1', paragraph.id]])
  // The README's stylesheet import: the site's CSS carries the cards' rules.
  const css = readdirSync(join(project.dir, '.next/static'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.css'))
  expect(css.map((name) => readFileSync(join(project.dir, '.next/static', name), 'utf8')).join('\n')).toMatch(/\.vetted-card\b[^{]*\{/)
  expect(first).toContain('<aside class="aside"><p>In 1853, a second survey said the valley floor was as flat as a table.</p></aside>')

  // A second published and the site built again, the post unchanged and only its ledger changed: both cards.
  await publish(inAside.id)
  const article = await build()
  expect(cardsOf(article)).toEqual([
    ['1', paragraph.id],
    ['2', inAside.id],
  ])
  // Each marks its quote in its own sentence, the second inside the component, and links to its card.
  expect(article).toMatch(
    /<p>In 1851, surveyors reported that Ashford sat on ground that <span class="vetted-marker"><mark class="vetted-claim" id="towns-claim-1">was perfectly flat<span class="vetted-sr-only">/,
  )
  expect(article).toMatch(
    /<aside class="aside"><p>In 1853, a second survey said the valley floor <span class="vetted-marker"><mark class="vetted-claim" id="towns-claim-2">was as flat<span class="vetted-sr-only">/,
  )
  expect(article).toContain('<a href="#towns-correction-1" id="towns-ref-1"')
  // Its summary is a popover, hidden until the button opens it: React drops `popover={true}`, the string stays.
  expect(article).toMatch(/<span class="vetted-popover" id="towns-pop-1"[^>]* popover="auto"/)
  expect(article).toContain('<h2 id="towns-corrections-label">Corrections</h2>')
  // The open correction is not shown to readers; the post's code never reaches them as text.
  expect(article).toContain('<p>By 1860, the road from Millbrook to Ashford was said to be flat and dry all year.</p>')
  expect(article).not.toContain(open.id)
  expect(article).not.toMatch(/import \{|export const|towns-claim-3/)

  // The gate: the open correction fails `vetted check --ci`, naming file:line and its id.
  const gate = await project.bin('vetted', ['check', '--ci'], { env: userEnv({ NO_COLOR: '1' }) })
  expect(gate.code).toBe(1)
  expect(gate.stdout).toMatch(
    new RegExp(`^ *\\d+\\. ${POST}:${lineOf(post, open.sentence)}:\\d+ +\\[open: not settled\\] +${open.id}$`, 'm'),
  )
  expect(gate.stdout).not.toMatch(new RegExp(`${paragraph.id}|${inAside.id}`))
})
