// A Starlight docs site (shaped like withastro/starlight examples/basics, on
// Astro's defaults: the Sätteri Markdown processor) with vetted installed from the
// packed tarballs: `vetted init --astro` adds the integration, `vetted check`
// against the fake OpenAI server finds the errors planted in an MDX doc, inside a
// `:::note` aside, a <Card> and an <Aside> component, and once published each is a
// card on its own sentence, within the aside or card that holds it; one left open
// fails `vetted check --ci` and `astro build`.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { astroBuild, builtPage, correctionIds, expectCardOnSentence, lineOf, output, writeSite, type PlantedError } from './astro-sites.ts'
import { userEnv, userProject, type UserProject } from './support.ts'

// The fake model calls a sentence saying "flat" incorrect and quotes the word with the two before it.
const IN_NOTE: PlantedError = {
  sentence: 'The ocean floor between Ireland and Newfoundland is perfectly flat.',
  quote: 'is perfectly flat',
}
const IN_CARD: PlantedError = {
  sentence: 'Its route followed a plateau that sailors called completely flat.',
  quote: 'called completely flat',
}
const IN_ASIDE: PlantedError = {
  sentence: 'The Great Eastern, which laid the cable, had a hull that was almost flat.',
  quote: 'was almost flat',
}

const DOC_PATH = 'src/content/docs/guides/example.mdx'
const DOC = `---
title: The first cables
description: A guide to the first transatlantic telegraph cables.
---

import { Aside, Card, CardGrid } from '@astrojs/starlight/components';

Telegraph cables have crossed the Atlantic since 1858.

:::note
${IN_NOTE.sentence}
:::

<CardGrid>
\t<Card title="The 1858 cable" icon="document">
\t\t${IN_CARD.sentence}
\t</Card>
\t<Card title="The 1866 cable" icon="rocket">
\t\tIt worked for years.
\t</Card>
</CardGrid>

<Aside type="caution">
\t${IN_ASIDE.sentence}
</Aside>
`

const SITE: Record<string, string> = {
  'astro.config.mjs': `// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

// https://astro.build/config
export default defineConfig({
\tintegrations: [
\t\tstarlight({
\t\t\ttitle: 'Cable Docs',
\t\t\tsidebar: [
\t\t\t\t{
\t\t\t\t\tlabel: 'Guides',
\t\t\t\t\titems: [
\t\t\t\t\t\t// Each item here is one entry in the navigation menu.
\t\t\t\t\t\t{ label: 'Example Guide', slug: 'guides/example' },
\t\t\t\t\t],
\t\t\t\t},
\t\t\t\t{
\t\t\t\t\tlabel: 'Reference',
\t\t\t\t\titems: [{ autogenerate: { directory: 'reference' } }],
\t\t\t\t},
\t\t\t],
\t\t}),
\t],
});
`,
  'tsconfig.json': '{\n  "extends": "astro/tsconfigs/strict",\n  "include": [".astro/types.d.ts", "**/*"],\n  "exclude": ["dist"]\n}\n',
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
\tdocs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
`,
  'src/content/docs/index.mdx': `---
title: Welcome to Cable Docs
description: Get started with the history of the telegraph.
template: splash
hero:
  tagline: Notes on the cables under the ocean.
  actions:
    - text: Example Guide
      link: /guides/example/
      icon: right-arrow
---

import { Card, CardGrid } from '@astrojs/starlight/components';

## Next steps

<CardGrid stagger>
\t<Card title="Read the guide" icon="open-book">
\t\tStart with the guide to the first cables.
\t</Card>
\t<Card title="Look things up" icon="document">
\t\tThe reference lists the ships and the people.
\t</Card>
</CardGrid>
`,
  'src/content/docs/reference/example.md': `---
title: Example Reference
description: A reference page in my new Starlight docs site.
---

Reference pages are ideal for outlining how things work.

## Further reading

- Read [about reference](https://diataxis.fr/reference/) in the Diátaxis framework
`,
  [DOC_PATH]: DOC,
}

let project: UserProject
let fake: FakeOpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI()
  project = await userProject(['@vetted/cli', '@vetted/astro'], ['astro@^7.3', '@astrojs/starlight'])
  writeSite(project, SITE)
})
afterAll(async () => {
  await fake?.close()
  project?.remove()
})

const vetted = (args: string[]) =>
  project.bin('vetted', args, { env: userEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }) })

describe('a Starlight site (Sätteri) with vetted', () => {
  const ids: Record<'note' | 'card' | 'aside', string> = { note: '', card: '', aside: '' }
  const openAt = `${DOC_PATH}:${lineOf(DOC, IN_ASIDE.sentence)}`.replaceAll('.', '\\.')

  it("vetted init --astro adds the integration after Starlight's, and vetted check makes each planted error a correction on its own sentence", async () => {
    const init = await vetted(['init', '--astro'])
    expect(init.code, output(init)).toBe(0)
    const config = readFileSync(join(project.dir, 'astro.config.mjs'), 'utf8')
    expect(config).toContain("import vetted from '@vetted/astro';\n")
    expect(config).toMatch(/\t\t\}\),\n\t\tvetted\(\),\n\t\],\n\}\);\n$/)
    expect(JSON.parse(readFileSync(join(project.dir, 'vetted.config.json'), 'utf8'))).toEqual({ content: ['src/content'] })

    const check = await vetted(['check'])
    expect(check.code, output(check)).toBe(1) // open corrections
    ;[ids.note, ids.card, ids.aside] = correctionIds(join(project.dir, DOC_PATH.replace(/\.mdx$/, '.vetted.json')), [
      IN_NOTE,
      IN_CARD,
      IN_ASIDE,
    ])
    for (const [planted, id] of [
      [IN_NOTE, ids.note],
      [IN_CARD, ids.card],
      [IN_ASIDE, ids.aside],
    ] as const) {
      expect(check.stdout).toMatch(new RegExp(`${DOC_PATH.replaceAll('.', '\\.')}:${lineOf(DOC, planted.sentence)}:\\d+[^\\n]*${id}`))
    }
  })

  it("two published and one open: vetted check --ci and astro build fail naming the open one's file:line and id", async () => {
    for (const id of [ids.note, ids.card]) {
      const resolve = await vetted(['resolve', id, '--annotate'])
      expect(resolve.code, output(resolve)).toBe(0)
    }
    const gate = await vetted(['check', '--ci'])
    expect(gate.code, output(gate)).toBe(1)
    expect(gate.stdout).toMatch(new RegExp(`${openAt}:\\d+[^\\n]*${ids.aside}`))
    expect(gate.stdout).not.toContain(ids.note)

    const build = await astroBuild(project)
    expect(build.code, output(build)).not.toBe(0)
    expect(output(build)).toMatch(new RegExp(`${openAt}:\\d+ ${ids.aside}`))
  })

  it('all published: the build passes and each card is on its sentence, inside the note, the card and the aside', async () => {
    const resolve = await vetted(['resolve', ids.aside, '--annotate'])
    expect(resolve.code, output(resolve)).toBe(0)
    const gate = await vetted(['check', '--ci'])
    expect(gate.code, output(gate)).toBe(0)

    const build = await astroBuild(project)
    expect(build.code, output(build)).toBe(0)
    const html = builtPage(project.dir, 'guides/example/index.html')
    expectCardOnSentence(html, IN_NOTE, ids.note, 'annotate')
    expectCardOnSentence(html, IN_CARD, ids.card, 'annotate')
    expectCardOnSentence(html, IN_ASIDE, ids.aside, 'annotate')
    // Each mark is inside the Starlight element that holds its sentence.
    const within = (container: RegExp, quote: string) =>
      new RegExp(`${container.source}(?:(?!</aside>|</article>)[\\s\\S])*<mark class="vetted-claim[^"]*"[^>]*>${quote}`)
    expect.soft(html).toMatch(within(/<aside[^>]*class="starlight-aside starlight-aside--note"/, IN_NOTE.quote))
    expect.soft(html).toMatch(within(/<article class="card[^"]*"/, IN_CARD.quote))
    expect.soft(html).toMatch(within(/<aside[^>]*class="starlight-aside starlight-aside--caution"/, IN_ASIDE.quote))
  })
})
