// A pipeline that writes Markdown back (`remark post.md -o`, an editor's format
// command) after remark-vetted ran must write exactly the author's text: no
// `:correction[…]` directives, no split emphasis, no crash on the nodes the
// plugin adds for rendering. Every fixture folder goes through parse ->
// remark-vetted -> Markdown, with its own options and with every status drawn.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { correctionId, emptyLedger, fingerprint } from '@vetted/core'
import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import stringify from 'remark-stringify'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import remarkVetted, { type RemarkVettedOptions } from '../src/index.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures')

function writeBack(dir: string, options: RemarkVettedOptions | undefined) {
  const value = readFileSync(join(dir, 'input.md'), 'utf8')
  const file = new VFile({ value, path: join(dir, 'input.md') })
  const base = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkDirective)
  const processor = options ? base().use(remarkVetted, options).use(stringify) : base().use(stringify)
  const tree = processor.runSync(processor.parse(file), file) as Root
  const before = structuredClone(tree)
  const markdown = processor.stringify(tree, file)
  return { value, markdown, file, tree, before }
}

const every: RemarkVettedOptions = { render: ['annotate', 'dismiss'], preview: true }

describe('writing a post back as Markdown after remark-vetted', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name)
    const own = existsSync(join(dir, 'options.json'))
      ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as RemarkVettedOptions)
      : {}
    it(`${name.replaceAll('-', ' ')}: same Markdown as without the plugin`, () => {
      const author = writeBack(dir, undefined).markdown
      for (const options of [own, every]) {
        const { markdown, tree, before } = writeBack(dir, options)
        expect(markdown).toBe(author)
        // Writing leaves the tree as the plugin made it (a later remark-rehype still draws the cards).
        expect(tree).toEqual(before)
      }
    })
  }

  it('gives back a post in remark-stringify’s style byte for byte, with published, open, dismissed, stale and fixed corrections', () => {
    const { value, markdown, file, tree } = writeBack(join(FIXTURES, 'written-back-as-markdown'), every)
    // The plugin did draw: corrections wrapped in the tree, a stale entry reported.
    const wrapped: string[] = []
    visit(tree, 'textDirective', (node) => {
      if (node.name === 'correction') wrapped.push(node.attributes?.['id'] ?? '')
    })
    expect(wrapped).toHaveLength(4)
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
    const id = correctionId('post.md', claim, quote)
    ledger.corrections[id] = {
      id,
      claim,
      quote,
      summary: 'The W3C was founded in October 1994.',
      reasoning: 'At MIT, with CERN’s support.',
      sources: [],
      checker: { model: 'manual', prompt: 'manual', date: '2026-03-02' },
      status: 'annotate',
      history: [],
    }
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
})
