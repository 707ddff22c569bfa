// The reasoning's own reader (simple-markdown.ts) must give the HTML remark-parse
// and mdast-util-to-hast give, for every text it takes; what it does not take it
// gives back (undefined) for the full parse. Checked on the reasonings the
// benchmarks and fixtures carry, on hand-picked traps, and on random text made of
// Markdown's own characters.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parsedMarkdownToHast, reasoningToHast } from '../src/lib/reasoning.ts'
import { simpleMarkdownToHast } from '../src/lib/simple-markdown.ts'

const html = (root: Root) => unified().use(rehypeStringify).stringify(root)

/** The simple reader's HTML, or undefined when it gives the text up; throws when it differs from remark's. */
function agree(markdown: string): string | undefined {
  const simple = simpleMarkdownToHast(markdown)
  if (!simple) return undefined
  const own = html(simple)
  expect(own, JSON.stringify(markdown)).toBe(html(parsedMarkdownToHast(markdown)))
  return own
}

const FIXTURES = join(import.meta.dirname, 'fixtures')
const fixtureReasonings = readdirSync(FIXTURES).flatMap((name) => {
  try {
    const ledger = JSON.parse(readFileSync(join(FIXTURES, name, 'input.vetted.json'), 'utf8')) as {
      corrections?: Record<string, { reasoning: string }>
    }
    return Object.values(ledger.corrections ?? {}).flatMap((correction) =>
      typeof correction.reasoning === 'string' ? [correction.reasoning] : [],
    )
  } catch {
    return []
  }
})

const TYPICAL = [
  'The **primary source** gives a different figure.\n\n- See the [archive](https://example.org/archive) for the original wording.',
  'Two independent accounts agree on the earlier date. The post seems to repeat a mistake from a popular retelling.',
  'The sentence compresses two events into one.\n\n- The first happened a year earlier.\n- The second was reported by a *different* group.',
  'The figure comes from a later edition, where `table 2` was revised; the first edition says otherwise.',
  '## Why\n\nThe record says 1991.\n\n1. First, the press release.\n2. Then the archive (see [CERN](https://home.cern/science/computing/birth-web)).',
  '3. Third\n4. Fourth',
  'Line one\nline two, soft break.',
  'A**b**c and a*b*c, "*quoted*" and (**bracketed**).',
  '# Heading\nText right after.\n## Another',
]

const TRAPS = [
  '***bold em***',
  '*a **b** c*',
  '**a *b* c**',
  '*a*b*',
  '**a**b**c**',
  '* * *',
  '- - -',
  'Text\n---',
  'Text\n===',
  '- a\n\n- b',
  '- a\ncontinued',
  'Para\n- item',
  'Para\n1. item',
  '- a\n* b',
  '1. a\n1) b',
  '    code',
  '> quote',
  '```\ncode\n```',
  '[ref]\n\n[ref]: https://example.org',
  '[a] (https://example.org)',
  '[a](https://example.org "title")',
  '[a](<https://example.org>)',
  '[a](https://example.org/wiki/A_(b))',
  '<https://example.org>',
  '<b>bold</b>',
  'a &amp; b',
  'a \\* b',
  'line  \nbreak',
  'snake_case and _em_',
  '`` a ` b ``',
  '` a `',
  '`a\nb`',
  '# Title #',
  '#hashtag',
  '####### seven',
  '1990. The year.',
  '2) second',
  '-5 degrees',
  '+ plus',
  '*',
  '**',
  '[',
  ']',
  'a ] b',
  '![image](https://example.org/a.png)',
  '[link with `code`](https://example.org) and [**strong**](https://example.org/%20x)',
  '[a](https://ex.org/ä)',
  'x\r\ny',
]

describe('reasoning read without a parser', () => {
  it('reads the typical reasoning of the benchmarks and fixtures as remark does', () => {
    for (const markdown of [...TYPICAL, ...fixtureReasonings]) agree(markdown)
    // The benchmarks' reasonings all take the fast way.
    for (const markdown of TYPICAL.slice(0, 4)) expect(simpleMarkdownToHast(markdown)).toBeDefined()
  })

  it('gives up on, or reads as remark does, each of Markdown’s traps', () => {
    for (const markdown of TRAPS) agree(markdown)
  })

  it('agrees with remark on random text of Markdown’s characters', () => {
    const piece = fc.constantFrom(
      'word',
      'Word',
      '1990',
      ' ',
      ' ',
      '\n',
      '\n\n',
      '*',
      '**',
      '`',
      '[',
      ']',
      '(',
      ')',
      '](https://example.org/a)',
      '#',
      '# ',
      '- ',
      '* ',
      '1. ',
      '2) ',
      '.',
      ',',
      '"',
      '-',
      '_',
      '=',
      '>',
      '!',
      'é',
    )
    let taken = 0
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        if (agree(pieces.join('')) !== undefined) taken++
      }),
      { numRuns: 3000 },
    )
    // Not only the empty text: the fast way is taken often.
    expect(taken).toBeGreaterThan(300)
  })

  it('gives the card the same safe hast either way: a private link is its text, a public one opens elsewhere', () => {
    expect(
      html({ type: 'root', children: reasoningToHast('See [the record](https://example.org/r) and [this](http://127.0.0.1/x).') }),
    ).toBe('<p>See <a href="https://example.org/r" rel="noopener noreferrer nofollow">the record</a> and this.</p>')
  })
})
