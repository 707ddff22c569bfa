// `astro dev` on the sample site's code: the author's preview.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { astroDev, contentFolder, copyOfSampleSite, idOf, ledgerFor } from './support.ts'

it('astro dev shows an open correction marked as not published, and the published card once the author settles it', async () => {
  const draft =
    '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'
  const ledger = ledgerFor('draft.md', draft, [
    { quote: 'completed in 1866', status: 'open', summary: 'The first cable was completed in 1858.' },
  ])
  const id = idOf(ledger, 'completed in 1866')
  const content = contentFolder({ 'draft.md': draft, 'draft.vetted.json': ledger })
  const server = await astroDev(copyOfSampleSite(), 4390, { VETTED_CONTENT_DIR: content })
  try {
    const page = () => fetch(`${server.origin}/draft/`).then((response) => response.text())
    const preview = await page()
    expect(preview).toContain('<mark class="vetted-claim vetted-open" id="draft-claim-1">completed in 1866')
    expect(preview).toContain(`data-vetted-id="${id}" data-vetted-status="open"`)
    expect(preview).toContain('Open correction (not published)')

    // vetted resolve ID --annotate rewrites the ledger; the post itself is unchanged.
    writeFileSync(join(content, 'draft.vetted.json'), ledger.replace('"status": "open"', '"status": "annotate"'))
    let published = preview
    for (let attempt = 0; attempt < 40 && published.includes('vetted-open'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      published = await page()
    }
    expect(published, server.output()).toContain(`data-vetted-id="${id}" data-vetted-status="annotate"`)
    expect(published).not.toContain('Open correction (not published)')
  } finally {
    server.stop()
  }
}, 90_000)
