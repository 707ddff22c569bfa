// The post's date as Astro's blog template writes it: a published correction
// fixed after it makes the correction log, and `updatedDate` is not that date.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import remarkVetted, { type RemarkVettedOptions } from '../src/index.ts'

// A correction published on 2026-02-10 whose sentence was rewritten on 2026-02-20.
const FIXTURE = join(import.meta.dirname, 'fixtures/fixed-correction-log')
const ledger = JSON.parse(readFileSync(join(FIXTURE, 'input.vetted.json'), 'utf8'))
const body = readFileSync(join(FIXTURE, 'input.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')

async function render(frontmatter: string, options: RemarkVettedOptions = {}, path = '/blog/input.md') {
  const file = new VFile({ value: `---\n${frontmatter}\n---\n${body}`, path })
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkDirective)
      .use(remarkVetted, { ledger, ...options })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file),
  )
  return { html, date: (file.data as { vetted?: { date?: string } }).vetted?.date }
}

describe('the correction log, dated by the post as blogs write it', () => {
  it("pubDate: 'Feb 01 2026' (Astro's template) dates the post, and the fix after it is in the log", async () => {
    const { html, date } = await render("title: 'Fixed'\nupdatedDate: 'Mar 15 2026'\npubDate: 'Feb 01 2026'")
    expect(date).toBe('2026-02-01')
    expect(html).toContain('<section class="vetted-log"')
    expect(html).toContain('<time datetime="2026-02-20">')
  })

  it('a fix before the post’s date never reached its readers: no log', async () => {
    const { html, date } = await render('pubDate: March 1, 2026')
    expect(date).toBe('2026-03-01')
    expect(html).not.toContain('vetted-log')
  })

  it('updatedDate alone is no publication date: no date, no log', async () => {
    const { html, date } = await render("updatedDate: 'Feb 01 2026'")
    expect(date).toBeUndefined()
    expect(html).not.toContain('vetted-log')
  })

  it('the dateKeys option names the key', async () => {
    const { html, date } = await render('created: 2026-02-01', { dateKeys: ['created'] })
    expect(date).toBe('2026-02-01')
    expect(html).toContain('<section class="vetted-log"')
  })

  it('with no date key, a Docusaurus post is dated by its name, as vetted check dates it; ids take an index post’s folder', async () => {
    const { html, date } = await render("title: 'Fixed'", {}, '/blog/2026-02-01-fixed/index.md')
    expect(date).toBe('2026-02-01')
    expect(html).toContain('<section class="vetted-log"')
    // Two folder posts on one page (the blog's list of excerpts) share no id: `2026-02-01-fixed`, not `index`.
    expect(html).toMatch(/id="vetted-2026-02-01-fixed-/)
    expect(html).not.toMatch(/id="index-/)
  })
})
