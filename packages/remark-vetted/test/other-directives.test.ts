// Directives that belong to other plugins pass through untouched, even when a
// correction's quote runs over one, so that a plugin after remark-vetted can
// still render them.

import { emptyLedger, fingerprint } from '@vetted/core'
import type { Root } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const POST = `The :abbr[W3C]{title="World Wide Web Consortium"} was founded in 1994 by Tim Berners-Lee at MIT.

::youtube{id=dQw4w9WgXcQ}

:::note
The CSS 1 specification was published in December 1996.
:::
`
const CLAIM = 'The W3C was founded in 1994 by Tim Berners-Lee at MIT.'

/** A stand-in for another plugin: `abbr` becomes <abbr>, `note` an <aside>, `youtube` a link. */
function remarkOtherDirectives() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return
      const directive = node as TextDirective | LeafDirective | ContainerDirective
      if (directive.name === 'abbr') directive.data = { hName: 'abbr', hProperties: { title: directive.attributes?.['title'] ?? '' } }
      if (directive.name === 'note') directive.data = { hName: 'aside', hProperties: { className: ['note'] } }
      if (directive.name === 'youtube')
        directive.data = { hName: 'a', hProperties: { href: `https://youtu.be/${directive.attributes?.['id']}` } }
    })
  }
}

function ledger() {
  const result = emptyLedger('post.md')
  const claim = fingerprint(CLAIM)
  const quote = 'W3C was founded in 1994'
  const correction = manualCorrection({
    post: 'post.md',
    claim,
    quote,
    status: 'annotate',
    date: '2026-03-02',
    summary: 'The W3C was founded in October 1994.',
    reasoning: 'At MIT, with CERN’s support.',
  })
  result.corrections[correction.id] = correction
  return result
}

function directivesOf(tree: Root): unknown[] {
  const found: unknown[] = []
  visit(tree, (node) => {
    if (
      (node.type === 'textDirective' && node.name !== 'correction') ||
      node.type === 'leafDirective' ||
      node.type === 'containerDirective'
    ) {
      const { position: _position, ...rest } = node as TextDirective
      found.push(rest)
    }
  })
  return found
}

it('directives of other plugins keep their name, attributes and content, and a later plugin still renders them', async () => {
  const parse = unified().use(remarkParse).use(remarkDirective)
  const before = directivesOf(parse.parse(POST))

  const file = new VFile({ value: POST, path: '/posts/post.md' })
  const processor = unified().use(remarkParse).use(remarkDirective).use(remarkVetted, { ledger: ledger() })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  expect(directivesOf(tree)).toEqual(before)
  expect(file.messages.filter((message) => message.ruleId !== 'unchecked-claim')).toEqual([])

  const html = String(
    await unified()
      .use(remarkRehype)
      .use(rehypeStringify)
      .stringify(await unified().use(remarkOtherDirectives).use(remarkRehype).run(tree)),
  )
  expect(html).toContain(
    '<p>The <span class="vetted-marker"><mark class="vetted-claim" id="post-claim-1"><abbr title="World Wide Web Consortium">W3C</abbr> was founded in 1994<span class="vetted-sr-only">',
  )
  expect(html).toContain('<a href="https://youtu.be/dQw4w9WgXcQ"></a>')
  expect(html).toContain('<aside class="note"><p>The CSS 1 specification was published in December 1996.</p></aside>')
})
