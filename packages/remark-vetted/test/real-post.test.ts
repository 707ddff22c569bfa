// On a real post none of us wrote, with a ledger holding the four claims a public
// fact-checker flagged, the plugin attaches four directives whose text is each
// quote exactly, and the HTML has four cards.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { correctionId, detectClaims, emptyLedger, type Ledger } from '@vetted/core'
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'

const EVAL = join(import.meta.dirname, '../../../../shared/eval')
const flags = JSON.parse(readFileSync(join(EVAL, 'gradient-hacking.flags.json'), 'utf8')) as { flags: Array<{ key: string; quote: string }> }
const source = readFileSync(join(EVAL, 'posts/gradient-hacking.md'), 'utf8')

function ledgerOfFlags(): Ledger {
  const ledger = emptyLedger('gradient-hacking.md')
  const claims = detectClaims(source)
  for (const flag of flags.flags) {
    // A quote may run over two adjacent claims (flag C): file it under the claim it starts in.
    const first = flag.quote.split(/(?<=[.!?])\s+/)[0]!
    const claim = claims.find((c) => c.text.includes(first))
    expect(claim, `a claim holds the start of flag ${flag.key}`).toBeDefined()
    const id = correctionId('gradient-hacking.md', claim!.fingerprint, flag.quote)
    ledger.corrections[id] = {
      id,
      claim: claim!.fingerprint,
      quote: flag.quote,
      summary: `Flag ${flag.key}.`,
      reasoning: 'From ../shared/eval.',
      sources: [],
      checker: { model: 'manual', prompt: 'manual', date: '2026-03-01' },
      status: 'annotate',
      history: [],
    }
  }
  return ledger
}

it('attaches the four flagged quotes of a real post exactly and renders four cards', async () => {
  const ledger = ledgerOfFlags()
  const file = new VFile({ value: source, path: join(EVAL, 'posts/gradient-hacking.md') })
  const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkDirective).use(remarkVetted, { ledger })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const attached: string[] = []
  visit(tree, 'textDirective', (node) => {
    if (node.name === 'correction') attached.push(toString(node))
  })
  expect(attached.sort()).toEqual(flags.flags.map((flag) => flag.quote).sort())
  expect(file.messages.filter((m) => m.ruleId === 'quote-not-found' || m.ruleId === 'stale-entry')).toEqual([])

  const html = String(await unified().use(remarkRehype).use(rehypeStringify).stringify(await unified().use(remarkRehype).run(tree)))
  expect(html.match(/<li id="gradient-hacking-correction-\d+" class="vetted-card"/g)).toHaveLength(4)
  expect(html.match(/<mark class="vetted-claim"/g)).toHaveLength(4)
})
