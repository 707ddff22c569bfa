// Property: for any document and any quotes taken from its prose, attaching and
// rendering changes nothing a reader reads except the markers and the sections
// vetted adds. Every character keeps its text and its formatting (em, strong,
// code, link target).

import { emptyLedger, fingerprint, type Ledger } from '@vetted/core'
import { collectProse, detectClaims, parseMarkdown } from '@vetted/post'
import fc from 'fast-check'
import type { Element, Nodes as HastNodes } from 'hast'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const word = fc.constantFrom(
  'the',
  'web',
  'browser',
  'was',
  'released',
  'in',
  '1990',
  'by',
  'CERN',
  'Tim',
  'only',
  'never',
  '3.5',
  'U.S.',
  'e.g.',
  'all',
)
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((list) => list.join(' '))
const inline = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 1, arbitrary: words.map((text) => `*${text}*`) },
  { weight: 1, arbitrary: words.map((text) => `**${text}**`) },
  { weight: 1, arbitrary: fc.tuple(words, fc.nat(99)).map(([text, n]) => `[${text}](https://example.org/${n})`) },
  { weight: 1, arbitrary: words.map((text) => `\`${text}\``) },
)
const sentence = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => `${parts.join(' ')}.`)
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((list) => list.join(' '))
const document = fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((list) => `${list.join('\n\n')}\n`)

/** Each character a reader sees, with the formatting around it; vetted's additions left out. */
function readerView(node: HastNodes, context: string[] = [], out: string[] = []): string[] {
  if (node.type === 'text') {
    if (context.length === 0) return out // newlines between blocks
    for (const char of node.value) out.push(`${char}|${context.join(',')}`)
    return out
  }
  if (node.type !== 'element' && node.type !== 'root') return out
  if (node.type === 'element') {
    const classes = ((node as Element).properties['className'] as string[] | undefined) ?? []
    if (
      classes.some((name) =>
        ['vetted-ref', 'vetted-pop', 'vetted-popover', 'vetted-sr-only', 'vetted-corrections', 'vetted-log'].includes(name),
      )
    )
      return out
  }
  const next =
    node.type === 'element' &&
    node.tagName !== 'mark' &&
    !((node.properties['className'] as string[] | undefined) ?? []).includes('vetted-marker')
      ? [...context, node.tagName === 'a' ? `a:${String(node.properties['href'])}` : node.tagName]
      : context
  for (const child of node.children) readerView(child as HastNodes, next, out)
  return out
}

const VETTED_ADDITIONS = ['vetted-ref', 'vetted-pop', 'vetted-popover', 'vetted-sr-only', 'vetted-corrections', 'vetted-log']

/**
 * The text content of serialized HTML without vetted's additions (the generated
 * documents put no `<` or `>` in attribute values, so tags can be read with a regex).
 */
function htmlText(html: string): string {
  let text = ''
  let skipping: { tag: string; depth: number } | undefined
  let last = 0
  for (const match of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/g)) {
    if (!skipping) text += html.slice(last, match.index)
    last = match.index + match[0].length
    const [, closing, tag, attributes] = match as unknown as [string, string, string, string]
    if (skipping) {
      if (tag === skipping.tag) skipping.depth += closing ? -1 : 1
      if (skipping.depth === 0) skipping = undefined
      continue
    }
    const classes = /class="([^"]*)"/.exec(attributes)?.[1]?.split(' ') ?? []
    if (!closing && classes.some((name) => VETTED_ADDITIONS.includes(name))) skipping = { tag, depth: 1 }
  }
  if (!skipping) text += html.slice(last)
  return text.replaceAll('&#x3C;', '<').replaceAll('&#x26;', '&').replaceAll('&#x22;', '"').trim()
}

async function render(markdown: string, ledger?: Ledger) {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective)
  if (ledger) processor.use(remarkVetted, { ledger })
  const file = new VFile({ value: markdown, path: '/posts/post.md' })
  const mdast = await processor.run(processor.parse(file), file)
  return unified()
    .use(remarkRehype)
    .run(mdast as never) as Promise<HastNodes>
}

it('attaching and rendering leaves every character and its formatting as it was', async () => {
  let marks = 0
  await fc.assert(
    fc.asyncProperty(
      document,
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
      async (markdown, picks) => {
        const blocks = collectProse(parseMarkdown(markdown), markdown)
        fc.pre(blocks.length > 0) // "1990." alone is an empty ordered list item
        const claims = detectClaims(markdown)
        const ledger = emptyLedger('post.md')
        for (const [b, s, l] of picks) {
          const text = blocks[b % blocks.length]!.text
          const start = s % text.length
          const quote = text.slice(start, start + 1 + (l % 40)).trim()
          if (quote.length === 0) continue
          // Filed under the detected claim that holds it (attached in place), or under
          // a sentence no longer in the post (never attached: the correction is fixed).
          const holder = claims.find((claim) => claim.text.includes(quote))
          const claim = holder ? holder.fingerprint : fingerprint(`${text} (an earlier draft)`)
          const correction = manualCorrection({ post: 'post.md', claim, quote, status: 'annotate', date: '2026-01-01' })
          ledger.corrections[correction.id] = correction
        }
        const plain = await render(markdown)
        const tree = await render(markdown, ledger)
        marks += JSON.stringify(tree).split('"vetted-claim"').length - 1
        // The text a reader reads, in the serialized HTML...
        const stringify = unified().use(rehypeStringify)
        expect(htmlText(stringify.stringify(tree as never))).toBe(htmlText(stringify.stringify(plain as never)))
        // ...and each character with its formatting (em, strong, code, link target).
        expect(readerView(tree).join('')).toBe(readerView(plain).join(''))
      },
    ),
    { numRuns: 150 },
  )
  expect(marks).toBeGreaterThan(150) // the property was tested on attached corrections, not on none
})
