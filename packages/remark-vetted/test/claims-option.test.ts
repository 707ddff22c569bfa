import { emptyLedger, fingerprint } from '@vetted/core'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const POST = 'Netscape shipped in 1994 with great fanfare.\n\nMosaic shipped in 1994 according to the NCSA archive.\n'
const CLAIM = 'Mosaic shipped in 1994 according to the NCSA archive.'

async function render(claims: boolean) {
  const ledger = emptyLedger('post.md')
  const fp = fingerprint(CLAIM)
  const correction = manualCorrection({
    post: 'post.md',
    claim: fp,
    quote: 'shipped in 1994',
    status: 'annotate',
    date: '2026-01-01',
    summary: 'Mosaic 1.0 shipped in 1993.',
    reasoning: 'NCSA released it in 1993.',
  })
  ledger.corrections[correction.id] = correction
  const file = new VFile({ value: POST, path: '/posts/post.md' })
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkDirective)
      .use(remarkVetted, { ledger, claims })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file),
  )
  return { html, data: file.data.vetted! }
}

it('without claim detection, a quote that occurs twice is still attached in the sentence its correction was filed under', async () => {
  const detected = await render(true)
  const quick = await render(false)
  expect(quick.html).toBe(detected.html)
  expect(quick.html).toContain('<p>Mosaic <span class="vetted-marker"><mark class="vetted-claim"')
  expect(detected.data.claims.length).toBe(2)
  expect(quick.data.claims).toEqual([])
})
