// `astro dev` on the sample site's code: the author's preview.

import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ASTRO_BIN, contentFolder, copyOfSampleSite, idOf, ledgerFor, userEnv } from './support.ts'

it('astro dev shows an open correction marked as not published, and the published card once the author settles it', async () => {
  const draft = '---\ntitle: Draft\ndate: 2026-03-01\n---\n\nThe first transatlantic telegraph cable was completed in 1866 after years of failures.\n'
  const ledger = ledgerFor('draft.md', draft, [{ quote: 'completed in 1866', status: 'open', summary: 'The first cable was completed in 1858.' }])
  const id = idOf(ledger, 'completed in 1866')
  const content = contentFolder({ 'draft.md': draft, 'draft.vetted.json': ledger })
  const root = copyOfSampleSite()
  // Port 0 is not allowed; Astro moves on from a taken port and prints the one it uses.
  const server = spawn(process.execPath, [ASTRO_BIN, 'dev', '--root', root, '--port', '4390', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...userEnv(), VETTED_CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
  })
  let output = ''
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        output += chunk
        const match = /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
        if (match) resolve(match[1]!)
      })
      server.stderr.on('data', (chunk) => (output += chunk))
      server.on('exit', () => reject(new Error(`astro dev exited:\n${output}`)))
    })
    const page = () => fetch(`${origin}/draft/`).then((response) => response.text())
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
    expect(published, output).toContain(`data-vetted-id="${id}" data-vetted-status="annotate"`)
    expect(published).not.toContain('Open correction (not published)')
  } finally {
    server.kill()
  }
}, 90_000)
