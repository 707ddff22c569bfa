// A site shaped like Astro's blog template (`npm create astro -- --template
// blog`): posts in src/content/blog, string dates, and no `deferRender`, so
// Astro renders each post once and caches it by the post's own text. Publishing
// and reopening a correction changes only the ledger beside the post; the cards
// and the build gate must follow it all the same, build after build in one
// folder (the cache warm).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { vettedInProcess } from '../cli/support.ts'
import { astroBuild, astroDev, htmlPages, idOf, ledgerFor, temporarySiteFolder } from './support.ts'

const POST = `---
title: 'The first transatlantic cable'
description: 'How the cable was laid.'
pubDate: 'Jul 08 2022'
---

The first transatlantic telegraph cable was completed in 1866 after several failed attempts.

Its route ran from Ireland to Newfoundland.
`

const QUOTE = 'completed in 1866'

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { z } from 'astro/zod'

const blog = defineCollection({
  // Load Markdown and MDX files in the \`src/content/blog/\` directory.
  loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    updatedDate: z.coerce.date().optional(),
  }),
})

export const collections = { blog }
`

const PAGE = `---
import { getCollection, render } from 'astro:content'

export async function getStaticPaths() {
  const posts = await getCollection('blog')
  return posts.map((post) => ({ params: { slug: post.id }, props: post }))
}
const post = Astro.props
const { Content } = await render(post)
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>{post.data.title}</title></head>
  <body><article><h1>{post.data.title}</h1><time>{post.data.pubDate.toDateString()}</time><Content /></article></body>
</html>
`

/** The template's layout, on the Markdown processor Astro chose (Sätteri, which vetted keeps). */
function blogTemplateSite(): string {
  const root = temporarySiteFolder('blog-')
  writeFileSync(
    join(root, 'astro.config.mjs'),
    `import vetted from '@vetted/astro'
import { defineConfig } from 'astro/config'
export default defineConfig({
  site: 'https://example.com',
  integrations: [vetted()],
  devToolbar: { enabled: false },
})
`,
  )
  mkdirSync(join(root, 'src/content/blog'), { recursive: true })
  mkdirSync(join(root, 'src/pages/blog'), { recursive: true })
  writeFileSync(join(root, 'src/content.config.ts'), CONTENT_CONFIG)
  writeFileSync(join(root, 'src/pages/blog/[...slug].astro'), PAGE)
  writeFileSync(join(root, 'src/content/blog/first-cable.md'), POST)
  return root
}

describe("a blog made from Astro's template, without deferRender", () => {
  it('publishing shows the card, reopening fails the build before any page is written (cold and warm), and a fixed published correction is in the correction log', async () => {
    const root = blogTemplateSite()
    const ledger = ledgerFor('first-cable.md', POST, [{ quote: QUOTE, status: 'open', summary: 'The first cable was completed in 1858.' }])
    writeFileSync(join(root, 'src/content/blog/first-cable.vetted.json'), ledger)
    const id = idOf(ledger, QUOTE)

    // While the correction is open, the build fails (and Astro's content cache is now warm).
    const open = await astroBuild(root)
    expect(open.code, open.output).not.toBe(0)
    expect(open.output).toContain(id)

    const published = await vettedInProcess(['resolve', id, '--annotate', 'src/content/blog'], { cwd: root })
    expect(published.code, published.stderr).toBe(0)
    const afterPublish = await astroBuild(root)
    expect(afterPublish.code, afterPublish.output).toBe(0)
    const page = htmlPages(afterPublish.outDir)['blog/first-cable/index.html']!
    expect(page).toContain(`<mark class="vetted-claim"`)
    expect(page).toContain('The first cable was completed in 1858.')

    const reopened = await vettedInProcess(['resolve', id, '--reopen', 'src/content/blog'], { cwd: root })
    expect(reopened.code, reopened.stderr).toBe(0)
    for (const attempt of ['cold', 'warm']) {
      const build = await astroBuild(root)
      expect(build.code, `${attempt}: ${build.output}`).toBe(1)
      expect(build.output).toContain(`src/content/blog/first-cable.md:7:45 ${id}`)
      expect(build.output).toContain(`vetted resolve ${id} --annotate`)
      expect(build.output).not.toContain('An unhandled error occurred')
      expect(existsSync(join(build.outDir, 'blog/first-cable/index.html')), attempt).toBe(false)
    }

    // Published again, then fixed: the author rewrites the sentence and `vetted check` (no key
    // needed) dates the fix; the page's correction log lists it, dated after the post's own
    // date ('Jul 08 2022', which vetted reads as 2022-07-08).
    expect((await vettedInProcess(['resolve', id, '--annotate', 'src/content/blog'], { cwd: root })).code).toBe(0)
    writeFileSync(join(root, 'src/content/blog/first-cable.md'), POST.replace('completed in 1866', 'completed in 1858'))
    await vettedInProcess(['check', 'src/content/blog'], { cwd: root })
    const history = JSON.parse(readFileSync(join(root, 'src/content/blog/first-cable.vetted.json'), 'utf8')).corrections[id].history
    const fixedOn = history.at(-1)
    expect(fixedOn.status).toBe('fixed')
    expect(fixedOn.date > '2022-07-08').toBe(true)
    const afterFix = await astroBuild(root)
    expect(afterFix.code, afterFix.output).toBe(0)
    const fixedPage = htmlPages(afterFix.outDir)['blog/first-cable/index.html']!
    expect(fixedPage).toMatch(/<section class="vetted-log"/)
    expect(fixedPage.slice(fixedPage.indexOf('class="vetted-log"'))).toContain('The first cable was completed in 1858.')
    expect(fixedPage).not.toContain('<mark class="vetted-claim"')
  }, 300_000)
})

it('astro dev on the template shows the published card once the author publishes, without deferRender', async () => {
  const root = blogTemplateSite()
  const ledger = ledgerFor('first-cable.md', POST, [{ quote: QUOTE, status: 'open', summary: 'The first cable was completed in 1858.' }])
  writeFileSync(join(root, 'src/content/blog/first-cable.vetted.json'), ledger)
  const id = idOf(ledger, QUOTE)
  const server = await astroDev(root, 4391)
  try {
    const page = () => fetch(`${server.origin}/blog/first-cable/`).then((response) => response.text())
    const preview = await page()
    expect(preview, server.output()).toContain(`data-vetted-id="${id}" data-vetted-status="open"`)

    const published = await vettedInProcess(['resolve', id, '--annotate', 'src/content/blog'], { cwd: root })
    expect(published.code, published.stderr).toBe(0)
    let html = preview
    for (let attempt = 0; attempt < 40 && !html.includes('data-vetted-status="annotate"'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      html = await page()
    }
    expect(html, server.output()).toContain(`data-vetted-id="${id}" data-vetted-status="annotate"`)
    expect(html).not.toContain('Open correction (not published)')
  } finally {
    server.stop()
  }
}, 90_000)
