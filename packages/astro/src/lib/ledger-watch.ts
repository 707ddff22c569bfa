// `astro dev`: a post is rendered again when its ledger changes (`vetted
// resolve`, `vetted check`), as when the post itself changes. Vite only knows
// the Markdown file; registering the ledger as a watched file of the post's
// module makes Vite invalidate the post and reload the page.

import { existsSync } from 'node:fs'
import { ledgerPathFor } from '@vetted/core'
import type { ViteUserConfig } from 'astro'

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number]

export function reloadPostsOnLedgerChange(): VitePlugin {
  return {
    name: 'vetted:reload-posts-on-ledger-change',
    apply: 'serve',
    transform(_code, id) {
      const file = id.split('?')[0]!
      if (!file.endsWith('.md')) return
      const ledger = ledgerPathFor(file)
      if (existsSync(ledger)) this.addWatchFile(ledger)
    },
  }
}
