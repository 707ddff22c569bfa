// A post checked in NFC (composed letters, as most editors write) and saved later
// in NFD (a letter, then its combining accent: what some macOS tools and editors
// write) is the same post to a reader: its published corrections stay on their
// sentences, and the marked words end where the reader's words end, accents included.

import { emptyLedger, fingerprint, type Ledger } from '@vetted/core'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'
import { manualCorrection } from '../../../test/support/ledgers.ts'

const SENTENCE = 'In 1850, the café in Montréal served 1,200 crêpes a day.'
// Ends on an accented letter: the mark must take its combining accent with it.
const QUOTE = 'the café'

/** The ledger `vetted check` would have written for the NFC post, with the correction published. */
function ledger(): Ledger {
  const claim = fingerprint(SENTENCE)
  const ledger = emptyLedger('post.md')
  ledger.claims[claim] = { text: SENTENCE, verdict: 'incorrect', checker: 'manual', checkedAt: '2026-03-02' }
  const correction = manualCorrection({
    post: 'post.md',
    claim,
    quote: QUOTE,
    status: 'annotate',
    date: '2026-03-02',
    summary: 'It was a tavern, not a café.',
  })
  ledger.corrections[correction.id] = correction
  return ledger
}

async function render(markdown: string): Promise<{ html: string; messages: string[] }> {
  const file = new VFile({ value: markdown, path: '/posts/post.md' })
  const html = String(
    await unified().use(remarkParse).use(remarkVetted, { ledger: ledger() }).use(remarkRehype).use(rehypeStringify).process(file),
  )
  return { html, messages: file.messages.map((message) => `${message.ruleId}: ${message.reason}`) }
}

it('a published correction on an accented sentence stays on it when the post is saved in NFD', async () => {
  const nfc = await render(`${SENTENCE}\n`)
  expect(nfc.messages).toEqual([])
  expect(nfc.html).toContain('<mark class="vetted-claim" id="post-claim-1">the café<span class="vetted-sr-only">')

  const nfd = await render(`${SENTENCE.normalize('NFD')}\n`)
  expect(nfd.messages).toEqual([])
  // The post's own characters, in NFD, with the accent of "café" inside the mark.
  expect(nfd.html).toContain(`<mark class="vetted-claim" id="post-claim-1">${'the café'.normalize('NFD')}<span class="vetted-sr-only">`)
  // Nothing else of the page changed but the encoding of the letters.
  expect(nfd.html.normalize('NFC')).toBe(nfc.html)
})
