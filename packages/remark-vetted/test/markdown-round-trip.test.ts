// A pipeline that writes Markdown back (`remark post.md -o`, an editor's format
// command) after remark-vetted ran must write exactly the author's text: no
// `:correction[…]` directives, no split emphasis, no crash on the nodes the
// render step adds. There the plugin reports and does not render: the tree it
// leaves is the parser's. Every fixture folder goes through parse ->
// remark-vetted -> Markdown, with its own options and with every status shown.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import rehypeStringify from 'rehype-stringify'
import { join } from 'node:path'
import { emptyLedger, fingerprint } from '@vetted/core'
import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import stringify from 'remark-stringify'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import remarkVetted, { remarkVettedReport, type RemarkVettedOptions } from '../src/index.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures')

function writeBack(dir: string, options: RemarkVettedOptions | undefined) {
  const value = readFileSync(join(dir, 'input.md'), 'utf8')
  const file = new VFile({ value, path: join(dir, 'input.md') })
  const base = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkDirective)
  const processor = options ? base().use(remarkVetted, options).use(stringify) : base().use(stringify)
  const tree = processor.runSync(processor.parse(file), file) as Root
  const markdown = processor.stringify(tree, file)
  return { value, markdown, file, tree }
}

/** The messages a user reads, with what an editor makes of them. */
const messagesOf = (file: VFile) =>
  file.messages.map(({ reason, ruleId, place, actual, expected, url, note }) => ({ reason, ruleId, place, actual, expected, url, note }))

const every: RemarkVettedOptions = { render: ['annotate', 'dismiss'], preview: true }

describe('writing a post back as Markdown after remark-vetted', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name)
    const own = existsSync(join(dir, 'options.json'))
      ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as RemarkVettedOptions)
      : {}
    it(`${name.replaceAll('-', ' ')}: same Markdown and tree as without the plugin`, () => {
      const author = writeBack(dir, undefined)
      for (const options of [own, every]) {
        const { markdown, tree } = writeBack(dir, options)
        expect(markdown).toBe(author.markdown)
        expect(tree).toEqual(author.tree)
      }
    })
  }

  it('gives back a post in remark-stringify’s style byte for byte, with published, open, dismissed, stale and fixed corrections', () => {
    const { value, markdown, file, tree } = writeBack(join(FIXTURES, 'written-back-as-markdown'), every)
    // The plugin reported (four corrections to show, a stale entry) and drew nothing.
    const wrapped: string[] = []
    visit(tree, 'textDirective', (node) => {
      if (node.name === 'correction') wrapped.push(node.attributes?.['id'] ?? '')
    })
    expect(wrapped).toEqual([])
    expect(file.data.vetted?.corrections.filter((state) => state.shown)).toHaveLength(4)
    expect(file.data.vetted?.corrections.map((state) => state.status).sort()).toEqual([
      'annotate',
      'annotate',
      'dismiss',
      'fixed',
      'fixed',
      'open',
    ])
    expect(file.messages.map((message) => message.ruleId)).toContain('stale-entry')
    expect(markdown).toBe(value)
  })

  it('keeps other plugins’ directives, even inside a quote, as remark-directive prints them', () => {
    const value = `The :abbr[W3C]{title="World Wide Web Consortium"} was founded in 1994 by Tim Berners-Lee at MIT.\n\n::youtube{id=dQw4w9WgXcQ}\n`
    const claim = fingerprint('The W3C was founded in 1994 by Tim Berners-Lee at MIT.')
    const quote = 'W3C was founded in 1994'
    const ledger = emptyLedger('post.md')
    const correction = manualCorrection({ post: 'post.md', claim, quote, status: 'annotate', date: '2026-03-02' })
    ledger.corrections[correction.id] = correction
    const write = (withVetted: boolean) => {
      const processor = withVetted
        ? unified().use(remarkParse).use(remarkDirective).use(remarkVetted, { ledger }).use(stringify)
        : unified().use(remarkParse).use(remarkDirective).use(stringify)
      const file = new VFile({ value, path: 'post.md' })
      return { markdown: String(processor.processSync(file)), file }
    }
    const { markdown, file } = write(true)
    expect(file.data.vetted?.corrections[0]?.shown).toBe(true)
    expect(markdown).toBe(write(false).markdown)
    expect(markdown).toContain(':abbr[W3C]{title="World Wide Web Consortium"} was founded in 1994')
  })

  it('needs no directive syntax to write a post with a published correction back', () => {
    const dir = join(FIXTURES, 'span-across-emphasis-and-link')
    const value = readFileSync(join(dir, 'input.md'), 'utf8')
    const processor = unified().use(remarkParse).use(remarkVetted).use(stringify)
    const file = new VFile({ value, path: join(dir, 'input.md') })
    const markdown = String(processor.processSync(file))
    expect(file.data.vetted?.corrections.filter((state) => state.shown)).toHaveLength(1)
    expect(markdown).toBe(value)
  })

  it('reports what the HTML pipeline reports: the same messages and data, for every fixture', () => {
    for (const name of readdirSync(FIXTURES).sort()) {
      const dir = join(FIXTURES, name)
      const value = readFileSync(join(dir, 'input.md'), 'utf8')
      const base = () => unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkDirective)
      const html = new VFile({ value, path: join(dir, 'input.md') })
      base().use(remarkVetted, every).use(remarkRehype).use(rehypeStringify).processSync(html)
      const markdown = writeBack(dir, every).file
      expect(messagesOf(markdown), name).toEqual(messagesOf(html))
      expect(markdown.data.vetted, name).toEqual(html.data.vetted)
    }
  })
})

describe('remarkVettedReport, the report step alone', () => {
  it('reports as remarkVetted does and leaves the HTML as without the plugin', () => {
    const dir = join(FIXTURES, 'span-across-emphasis-and-link')
    const value = readFileSync(join(dir, 'input.md'), 'utf8')
    const html = (plugin?: typeof remarkVetted) => {
      const file = new VFile({ value, path: join(dir, 'input.md') })
      const base = unified().use(remarkParse).use(remarkDirective)
      const processor = (plugin ? base.use(plugin) : base).use(remarkRehype).use(rehypeStringify)
      return { html: String(processor.processSync(file)), file }
    }
    const reported = html(remarkVettedReport)
    const rendered = html(remarkVetted)
    expect(reported.html).toBe(html().html)
    expect(rendered.html).toContain('class="vetted-card"')
    expect(messagesOf(reported.file)).toEqual(messagesOf(rendered.file))
    expect(reported.file.data.vetted).toEqual(rendered.file.data.vetted)
    expect(reported.file.data.vetted?.corrections.filter((state) => state.shown)).toHaveLength(1)
  })

  it('gives each message a rule id, a source and the URL of its rule, and the quote or claim as `actual`', () => {
    const { file } = writeBack(join(FIXTURES, 'written-back-as-markdown'), every)
    expect(file.messages.length).toBeGreaterThan(0)
    for (const message of file.messages) {
      expect(message.source).toBe('vetted')
      expect(message.url).toBe(`https://github.com/vetted-md/vetted/tree/main/packages/remark-vetted#${message.ruleId}`)
      expect(message.actual).toBeTruthy()
      // The quote is in `actual`, not repeated in the reason.
      expect(message.reason.length).toBeLessThan(100)
    }
  })
})
