// A blog shaped like Astro's official blog template (`npm create astro -- --template
// blog`, withastro/astro examples/blog), on Astro's defaults (the Sätteri Markdown
// processor, @astrojs/mdx), set up with vetted by following README.md's "Add vetted
// to your blog" steps as written: the commands are read from the README, run in its
// order, with the packed tarballs standing in for the registry's @vetted packages and
// the fake OpenAI server for the checker. The site must build after the step that
// edits astro.config, and the errors planted in its MDX post must end as cards on
// their own sentences, through an open correction that fails both gates.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import {
  astroBuild,
  builtPage,
  correctionIds,
  expectCardOnSentence,
  expectNoCardOnSentence,
  lineOf,
  output,
  writeSite,
  type PlantedError,
} from './astro-sites.ts'
import { run, userEnv, userProject, type CommandResult, type UserProject } from './support.ts'

const README = fileURLToPath(new URL('../../README.md', import.meta.url))

// The site's own files, as the template lays them out (less its images and fonts).
const SITE: Record<string, string> = {
  'astro.config.mjs': `// @ts-check

import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// https://astro.build/config
export default defineConfig({
\tsite: 'https://example.com',
\tintegrations: [mdx(), sitemap()],
});
`,
  'tsconfig.json': '{\n  "extends": "astro/tsconfigs/strict",\n  "include": [".astro/types.d.ts", "**/*"],\n  "exclude": ["dist"]\n}\n',
  'src/consts.ts': "export const SITE_TITLE = 'Ocean Notes';\nexport const SITE_DESCRIPTION = 'Notes on the history of the sea.';\n",
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const blog = defineCollection({
\t// Load Markdown and MDX files in the \`src/content/blog/\` directory.
\tloader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
\t// Type-check frontmatter using a schema
\tschema: ({ image }) =>
\t\tz.object({
\t\t\ttitle: z.string(),
\t\t\tdescription: z.string(),
\t\t\t// Transform string to Date object
\t\t\tpubDate: z.coerce.date(),
\t\t\tupdatedDate: z.coerce.date().optional(),
\t\t\theroImage: z.optional(image()),
\t\t}),
});

export const collections = { blog };
`,
  'src/styles/global.css': `body { font-family: sans-serif; margin: 0; color: rgb(34, 41, 57); }
blockquote { border-left: 4px solid rgb(35, 55, 255); padding: 0 0 0 20px; margin: 0; font-size: 1.333em; }
`,
  'src/components/BaseHead.astro': `---
import '../styles/global.css';
import { SITE_TITLE } from '../consts';

interface Props {
\ttitle: string;
\tdescription: string;
}

const canonicalURL = new URL(Astro.url.pathname, Astro.site);
const { title, description } = Astro.props;
---

<meta charset="utf-8" />
<meta name="viewport" content="width=device-width,initial-scale=1" />
<link rel="sitemap" href="/sitemap-index.xml" />
<link rel="alternate" type="application/rss+xml" title={SITE_TITLE} href={new URL('rss.xml', Astro.site)} />
<link rel="canonical" href={canonicalURL} />
<title>{title}</title>
<meta name="description" content={description} />
`,
  'src/components/Header.astro': `---
import { SITE_TITLE } from '../consts';
---

<header><nav><h2><a href="/">{SITE_TITLE}</a></h2><a href="/blog">Blog</a></nav></header>
`,
  'src/components/Footer.astro': '<footer>&copy; {new Date().getFullYear()} Ocean Notes.</footer>\n',
  'src/components/FormattedDate.astro': `---
interface Props {
\tdate: Date;
}

const { date } = Astro.props;
---

<time datetime={date.toISOString()}>
\t{date.toLocaleDateString('en-us', { year: 'numeric', month: 'short', day: 'numeric' })}
</time>
`,
  // The component the MDX post imports: an aside, as blogs add to the template.
  'src/components/Callout.astro': `---
interface Props {
\ttitle: string;
}

const { title } = Astro.props;
---

<aside class="callout">
\t<p class="callout-title">{title}</p>
\t<slot />
</aside>
`,
  'src/layouts/BlogPost.astro': `---
import type { CollectionEntry } from 'astro:content';
import BaseHead from '../components/BaseHead.astro';
import Footer from '../components/Footer.astro';
import FormattedDate from '../components/FormattedDate.astro';
import Header from '../components/Header.astro';

type Props = CollectionEntry<'blog'>['data'];

const { title, description, pubDate, updatedDate } = Astro.props;
---

<html lang="en">
\t<head>
\t\t<BaseHead title={title} description={description} />
\t</head>
\t<body>
\t\t<Header />
\t\t<main>
\t\t\t<article>
\t\t\t\t<div class="prose">
\t\t\t\t\t<div class="title">
\t\t\t\t\t\t<div class="date">
\t\t\t\t\t\t\t<FormattedDate date={pubDate} />
\t\t\t\t\t\t\t{updatedDate && <div class="last-updated-on">Last updated on <FormattedDate date={updatedDate} /></div>}
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<h1>{title}</h1>
\t\t\t\t\t\t<hr />
\t\t\t\t\t</div>
\t\t\t\t\t<slot />
\t\t\t\t</div>
\t\t\t</article>
\t\t</main>
\t\t<Footer />
\t</body>
</html>
`,
  'src/pages/index.astro': `---
import BaseHead from '../components/BaseHead.astro';
import Footer from '../components/Footer.astro';
import Header from '../components/Header.astro';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts';
---

<!doctype html>
<html lang="en">
\t<head><BaseHead title={SITE_TITLE} description={SITE_DESCRIPTION} /></head>
\t<body><Header /><main><h1>{SITE_TITLE}</h1><p>{SITE_DESCRIPTION}</p></main><Footer /></body>
</html>
`,
  'src/pages/blog/index.astro': `---
import { getCollection } from 'astro:content';
import BaseHead from '../../components/BaseHead.astro';
import Footer from '../../components/Footer.astro';
import FormattedDate from '../../components/FormattedDate.astro';
import Header from '../../components/Header.astro';
import { SITE_DESCRIPTION, SITE_TITLE } from '../../consts';

const posts = (await getCollection('blog')).sort((a, b) => b.data.pubDate.valueOf() - a.data.pubDate.valueOf());
---

<!doctype html>
<html lang="en">
\t<head><BaseHead title={SITE_TITLE} description={SITE_DESCRIPTION} /></head>
\t<body>
\t\t<Header />
\t\t<main>
\t\t\t<ul>
\t\t\t\t{posts.map((post) => (
\t\t\t\t\t<li><a href={\`/blog/\${post.id}/\`}><h4 class="title">{post.data.title}</h4><p class="date"><FormattedDate date={post.data.pubDate} /></p></a></li>
\t\t\t\t))}
\t\t\t</ul>
\t\t</main>
\t\t<Footer />
\t</body>
</html>
`,
  'src/pages/blog/[...slug].astro': `---
import { type CollectionEntry, getCollection, render } from 'astro:content';
import BlogPost from '../../layouts/BlogPost.astro';

export async function getStaticPaths() {
\tconst posts = await getCollection('blog');
\treturn posts.map((post) => ({
\t\tparams: { slug: post.id },
\t\tprops: post,
\t}));
}
type Props = CollectionEntry<'blog'>;

const post = Astro.props;
const { Content } = await render(post);
---

<BlogPost {...post.data}>
\t<Content />
</BlogPost>
`,
  'src/pages/rss.xml.js': `import { getCollection } from 'astro:content';
import rss from '@astrojs/rss';
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts';

export async function GET(context) {
\tconst posts = await getCollection('blog');
\treturn rss({
\t\ttitle: SITE_TITLE,
\t\tdescription: SITE_DESCRIPTION,
\t\tsite: context.site,
\t\titems: posts.map((post) => ({
\t\t\t...post.data,
\t\t\tlink: \`/blog/\${post.id}/\`,
\t\t})),
\t});
}
`,
  'src/content/blog/first-post.md': `---
title: 'First post'
description: 'Why this blog exists.'
pubDate: 'Jul 08 2022'
---

This blog collects notes on how people learned to cross the ocean.

Each post tells one story, with its sources.
`,
}

// The MDX post with three planted errors (the fake model calls a sentence saying
// "flat" incorrect and quotes the word with the two before it): one published, one
// dismissed (README step 4's two commands), and one inside the imported component,
// left open until the gates have failed on it.
const PUBLISHED: PlantedError = {
  sentence: 'Columbus and his crew sailed west believing the ocean was perfectly flat.',
  quote: 'was perfectly flat',
}
const DISMISSED: PlantedError = {
  sentence: 'The first transatlantic cable was laid in 1858 on a seabed thought to be entirely flat.',
  quote: 'be entirely flat',
}
const IN_COMPONENT: PlantedError = {
  sentence: 'The Royal Observatory in Greenwich stands on a hill that is almost flat.',
  quote: 'is almost flat',
}

const MDX_PATH = 'src/content/blog/mapping-the-atlantic.mdx'
const MDX_POST = `---
title: 'Mapping the Atlantic'
description: 'How sailors and engineers learned the ocean.'
pubDate: 'Sep 12 2023'
---

import Callout from '../../components/Callout.astro';

Sailors leaving the Canaries in 1492 knew the Atlantic was wide. ${PUBLISHED.sentence}

## The cable

${DISMISSED.sentence} It failed after three weeks.

<Callout title="Where the meridian runs">
  ${IN_COMPONENT.sentence}
</Callout>

The next cable, in 1866, worked for years.
`

/** The README's Astro steps: each step's shell commands, and the config step 6 shows. */
function readmeSteps(): { commands: Array<{ step: number; line: string }>; astroConfig: string } {
  const readme = readFileSync(README, 'utf8')
  const first = readme.indexOf('**1. ')
  const sixth = readme.indexOf('**6. ', first)
  expect(first, 'README.md: step 1 of "Add vetted to your blog"').toBeGreaterThan(0)
  expect(sixth, 'README.md: step 6').toBeGreaterThan(first)
  const commands: Array<{ step: number; line: string }> = []
  let step = 0
  let inShell = false
  for (const line of readme.slice(first, sixth).split('\n')) {
    const heading = /^\*\*(\d)\. /.exec(line)
    if (heading) step = Number(heading[1])
    else if (line === '```sh') inShell = true
    else if (line === '```') inShell = false
    else if (inShell && line.trim() !== '') commands.push({ step, line })
  }
  const astroConfig = /```js\n(\/\/ astro\.config\.mjs\n[\s\S]*?)```/.exec(readme.slice(sixth))
  expect(astroConfig, 'README.md: step 6 shows astro.config.mjs').not.toBeNull()
  return { commands, astroConfig: astroConfig![1]! }
}

/** A README line as words: quotes group words, a `#` after a space starts a comment; anything else a shell would read differently is refused. */
function shellWords(line: string): string[] {
  const words: string[] = []
  const pattern = /\s*(?:"([^"]*)"|'([^']*)'|(#.*)|([^\s"'#]+))/gy
  let match: RegExpExecArray | null
  let word: string | undefined
  let last = 0
  while ((match = pattern.exec(line)) && match[0] !== '') {
    last = pattern.lastIndex
    if (match[3] !== undefined) break
    const part = match[1] ?? match[2] ?? match[4]!
    const joined = word !== undefined && !/^\s/.test(match[0])
    if (joined) word += part
    else {
      if (word !== undefined) words.push(word)
      word = part
    }
    if (/[$`|;&<>\\]/.test(match[4] ?? '')) throw new Error(`README.md: a command this test cannot run without a shell: ${line}`)
  }
  if (word !== undefined) words.push(word)
  if (last < line.trimEnd().length && !/^\s*#/.test(line.slice(last))) throw new Error(`README.md: cannot read the command ${line}`)
  return words
}

let project: UserProject
let fake: FakeOpenAI
/** The environment the README's `export` lines build up, as in the user's shell. */
const shellEnv: Record<string, string> = {}
const ran: Array<{ step: number; line: string; result: CommandResult }> = []
let steps: ReturnType<typeof readmeSteps>

/**
 * Run one README line in the project as a user at a shell would, with the
 * tarballs for the registry's @vetted packages, the fake server for OpenAI, and
 * the README's placeholders (the example post, the correction id, the key) filled in.
 */
async function runReadmeLine(step: number, line: string, fill: { post?: string; id?: string } = {}): Promise<CommandResult> {
  const packed = inject('packed')
  const [program, ...args] = shellWords(line)
  let result: CommandResult
  if (program === 'export') {
    for (const assignment of args) {
      const [name, value] = assignment.split(/=(.*)/s) as [string, string]
      // The README's key is a placeholder; the fake server takes any.
      shellEnv[name] = value === 'sk-…' ? 'sk-test' : value
    }
    result = { code: 0, stdout: '', stderr: '' }
  } else if (program === 'npm' && args[0] === 'install') {
    const tarballs = (name: string): string[] =>
      packed[name] ? [packed[name].tarball, ...packed[name].dependsOn.flatMap(tarballs)] : [name]
    result = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args.slice(1).flatMap(tarballs)], {
      cwd: project.dir,
    })
  } else if (program === 'npx' && args[0] === 'vetted') {
    const filled = args.map((word) => {
      if (word === 'src/content/blog/my-post.md') return fill.post ?? word
      if (word === 'c-1a2b3c4d5e') return fill.id ?? word
      return word
    })
    // `--no`: never fetch the unrelated `vetted` package from the registry.
    result = await run('npx', ['--no', '--', ...filled], { cwd: project.dir, env: userEnv({ ...shellEnv, OPENAI_BASE_URL: fake.baseURL }) })
  } else {
    throw new Error(`README.md step ${step}: a command this test does not know how to run: ${line}`)
  }
  ran.push({ step, line, result })
  return result
}

const linesOf = (step: number) => steps.commands.filter((command) => command.step === step).map(({ line }) => line)

beforeAll(async () => {
  steps = readmeSteps()
  fake = await startFakeOpenAI()
  // The blog as the template makes it, before vetted: Astro, MDX, RSS and the sitemap.
  project = await userProject([], ['astro@^7.3', '@astrojs/mdx', '@astrojs/rss', '@astrojs/sitemap'], {
    scripts: { dev: 'astro dev', build: 'astro build', preview: 'astro preview', astro: 'astro' },
  })
  writeSite(project, { ...SITE, [MDX_PATH]: MDX_POST })
})
afterAll(async () => {
  await fake?.close()
  project?.remove()
})

describe("README.md's steps on a blog made from Astro's blog template (Sätteri, MDX)", () => {
  let ids: { published: string; dismissed: string; inComponent: string }

  it('steps 1 and 2 (install, vetted init --astro) add the integration, and the site builds', async () => {
    for (const step of [1, 2]) {
      expect(linesOf(step), `README.md step ${step}`).not.toEqual([])
      for (const line of linesOf(step)) {
        const result = await runReadmeLine(step, line)
        expect(result.code, `step ${step}: ${line}\n${output(result)}`).toBe(0)
      }
    }
    const init = ran.at(-1)!.result.stdout
    expect(init).toMatch(/ {2}edited +astro\.config\.mjs +import vetted, vetted\(\) in integrations\n/)
    const config = readFileSync(join(project.dir, 'astro.config.mjs'), 'utf8')
    // What step 6 says the site now has.
    for (const line of steps.astroConfig.split('\n').filter((text) => text.startsWith('import')))
      expect(config).toContain(line.replace(/;?$/, ';'))
    expect(config).toContain('integrations: [mdx(), sitemap(), vetted()]')
    expect(config).not.toMatch(/processor|markdown-remark/)

    const build = await astroBuild(project)
    expect(build.code, output(build)).toBe(0)
    expect(output(build), "the site keeps Astro's default processor").not.toMatch(/unified processor/)
    expect(builtPage(project.dir, 'blog/mapping-the-atlantic/index.html')).toContain(PUBLISHED.sentence)
  })

  it('step 3 (vetted check) makes each planted error in the MDX post a correction on its own sentence', async () => {
    expect(linesOf(3)).toContainEqual(expect.stringMatching(/^npx vetted check src\/content\/blog\/my-post\.md\b/))
    for (const line of linesOf(3)) {
      const result = await runReadmeLine(3, line, { post: MDX_PATH })
      // vetted check exits 1 while a post has open corrections (2 would be a broken run).
      expect(result.code, `${line}\n${output(result)}`).toBe(line.startsWith('export ') ? 0 : 1)
    }
    expect(fake.investigations().length).toBeGreaterThan(0)
    const [published, dismissed, inComponent] = correctionIds(join(project.dir, MDX_PATH.replace(/\.mdx$/, '.vetted.json')), [
      PUBLISHED,
      DISMISSED,
      IN_COMPONENT,
    ])
    ids = { published, dismissed, inComponent }
    const report = ran.find(({ line }) => /^npx vetted check\s*(#|$)/.test(line))!.result.stdout
    for (const [planted, id] of [
      [PUBLISHED, ids.published],
      [DISMISSED, ids.dismissed],
      [IN_COMPONENT, ids.inComponent],
    ] as const) {
      expect(report).toMatch(new RegExp(`${MDX_PATH.replaceAll('.', '\\.')}:${lineOf(MDX_POST, planted.sentence)}:\\d+[^\\n]*${id}`))
    }
  })

  it('steps 4 and 5: one published, one dismissed; the one left open fails vetted check --ci and astro build, naming file:line and its id', async () => {
    const [annotate, dismiss] = linesOf(4)
    expect(annotate).toMatch(/--annotate/)
    expect(dismiss).toMatch(/--dismiss/)
    for (const [line, id] of [
      [annotate!, ids.published],
      [dismiss!, ids.dismissed],
    ] as const) {
      const result = await runReadmeLine(4, line, { id })
      expect(result.code, `${line}\n${output(result)}`).toBe(0)
    }

    const openAt = `${MDX_PATH}:${lineOf(MDX_POST, IN_COMPONENT.sentence)}`
    expect(linesOf(5)).toEqual(['npx vetted check --ci'])
    const gate = await runReadmeLine(5, linesOf(5)[0]!)
    expect(gate.code, output(gate)).toBe(1)
    expect(gate.stdout).toMatch(new RegExp(`${openAt.replaceAll('.', '\\.')}:\\d+[^\\n]*${ids.inComponent}`))
    expect(gate.stdout).not.toContain(ids.published)

    const build = await astroBuild(project)
    expect(build.code, output(build)).not.toBe(0)
    expect(output(build)).toMatch(new RegExp(`${openAt.replaceAll('.', '\\.')}:\\d+ ${ids.inComponent}`))
  })

  it('published, the corrections are cards on their own sentences, inside the MDX component too; the dismissed one is not shown', async () => {
    const publish = await runReadmeLine(4, linesOf(4)[0]!, { id: ids.inComponent })
    expect(publish.code, output(publish)).toBe(0)
    const gate = await runReadmeLine(5, linesOf(5)[0]!)
    expect(gate.code, output(gate)).toBe(0)

    const build = await astroBuild(project)
    expect(build.code, output(build)).toBe(0)
    const html = builtPage(project.dir, 'blog/mapping-the-atlantic/index.html')
    expectCardOnSentence(html, PUBLISHED, ids.published, 'annotate')
    expectCardOnSentence(html, IN_COMPONENT, ids.inComponent, 'annotate')
    // The mark sits inside the component's own markup.
    expect(html).toMatch(/<aside class="callout"[^>]*>[\s\S]*?<mark class="vetted-claim[^"]*"[^>]*>is almost flat[\s\S]*?<\/aside>/)
    expectNoCardOnSentence(html, DISMISSED, ids.dismissed)
  })
})
