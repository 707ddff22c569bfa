import fc from 'fast-check'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parseSimpleMarkdown } from '../src/lib/simple-markdown.ts'

const parser = unified().use(remarkParse)

interface Node {
  type: string
  position?: unknown
  children?: Node[]
}

/** remark-parse's tree without positions: what the subset reader must give. */
function reference(markdown: string): Node {
  const strip = (node: Node): Node => {
    const { position: _position, children, ...rest } = node
    return children ? { ...rest, children: children.map(strip) } : rest
  }
  return strip(parser.parse(markdown))
}

const BENCH = 'The **announcement** is dated a year later.\n\n- See the [archive](https://example.org/archive).'
const MODEL = [
  'The claim correctly describes ReLU, but it incorrectly extends the “clipped to zero” property to GELU.',
  '',
  '- ReLU is a *hard* gate: negative inputs map to exactly 0.',
  '- GELU is not a hard gate (see [the paper](https://arxiv.org/abs/1606.08415)).',
  '',
  'So the post’s quantitative claim does not match the paper’s **reported measurements**.',
].join('\n')

describe('reading the Markdown most reasonings keep to', () => {
  it('reads paragraphs, tight lists, emphasis, strong and links as remark-parse does', () => {
    for (const markdown of [BENCH, MODEL, '', 'One line.', 'Two\nlines, one paragraph.\n\n\nAnother.', 'in*tra*word (**bold**).']) {
      const tree = parseSimpleMarkdown(markdown)
      expect(tree, markdown).toBeDefined()
      expect(tree).toEqual(reference(markdown))
    }
  })

  it('leaves whatever it does not read for certain to remark-parse', () => {
    for (const markdown of [
      '# Heading', '> quoted', '1. first', '* star item', 'a\n- list right after a paragraph', '- a\n\n- loose',
      '- a\nlazy line', '    code', 'line with a hard break  \nnext', '`code`', 'a_b', 'x &amp; y', '<b>html</b>',
      '![image](https://example.org/i.png)', '[ref]', '[a](ftp://example.org)', 'a * b', '***', '**a*', 'tab\there', '-  two spaces',
    ]) {
      expect(parseSimpleMarkdown(markdown), markdown).toBeUndefined()
    }
  })

  it('gives remark-parse’s tree for any text it reads, on random texts', () => {
    const safe = fc.constantFrom(
      'The', 'gate', 'is', 'a', 'year', '1990', '3.5', 'GPT-4', '“quoted”', 'it’s', 'e.g.', '(see', 'this)', 'x', '.', ',', ':', '!', '?',
      '**bold**', '*em*', '**two words**', '[archive](https://example.org/archive)', '[a b](http://x.org/p?q=1#f)', ' ', ' ', ' ', '\n', '\n\n', '- ',
    )
    const risky = fc.constantFrom(
      '*', '**', '***', '[', ']', '(', ')', '![i](https://x.org/i.png)', '`c`', '_', '\\', '<b>', '&amp;', '#', '> ', '+ ', '1. ', '---', '===',
      '~~~', '  ', '\t', '\r\n', '[t](javascript:x)', '-', '    ', '*a**', '**a*', 'a*', '*a', '[ a ](https://x.org)', '“', '”', '*', '**',
    )
    let read = 0
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: safe, weight: 12 }, { arbitrary: risky, weight: 1 }), { maxLength: 24 }), (pieces) => {
        const markdown = pieces.join('')
        const tree = parseSimpleMarkdown(markdown)
        if (!tree) return
        read++
        expect(tree, JSON.stringify(markdown)).toEqual(reference(markdown))
      }),
      { numRuns: 10000 },
    )
    // Not vacuous: a good share of the texts is read by the subset reader.
    expect(read).toBeGreaterThan(1000)
  })
})
