// A post is rendered again when its ledger changes (`vetted resolve`, `vetted
// check`), as when the post itself changes, in `astro build` and `astro dev`,
// with or without `deferRender`:
// - A post rendered as a module (deferRender, Markdown pages): Vite only knows
//   the Markdown file; registering the ledger as a watched file of the post's
//   module makes Vite invalidate the post and reload the page in `astro dev`
//   (each build renders modules anew).
// - A post the content layer rendered and cached (a glob() collection without
//   deferRender): Astro keeps the rendered entry while the post's own text is
//   unchanged, across builds (node_modules/.astro) and in `astro dev`, and
//   offers no way to drop one entry. It clears the whole cache when the site's
//   config changes, and the config it hashes includes the Markdown processor's
//   plugin options: the digest of every ledger sits there (`cacheKey`). A build
//   after a ledger changed renders the posts again; `astro dev` updates the
//   digest and asks Astro to sync the content again (refreshContent).

import { existsSync } from 'node:fs'
import { sep } from 'node:path'
import { ledgerPathFor } from '@vetted/core'
import type { HookParameters, ViteUserConfig } from 'astro'
import { ledgersDigest } from './content-folders.ts'

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number]

/** The options object of the gate's remark plugin: what Astro hashes of it. */
export interface LedgerCacheKey {
  ledgers: string
}

/** `astro dev`: a module post (deferRender, a Markdown page) is rendered again when its ledger changes. */
export function reloadPostsOnLedgerChange(): VitePlugin {
  return {
    name: 'vetted:reload-posts-on-ledger-change',
    apply: 'serve',
    transform(_code, id) {
      const file = id.split('?')[0]!
      if (!/\.(md|mdx|markdown)$/.test(file)) return
      const ledger = ledgerPathFor(file)
      if (existsSync(ledger)) this.addWatchFile(ledger)
    },
  }
}

/** `astro dev`: when a ledger in the content folders changes, cached entries are rendered again. */
export function refreshContentOnLedgerChange(
  { server, refreshContent }: Pick<HookParameters<'astro:server:setup'>, 'server' | 'refreshContent'>,
  folders: string[],
  cacheKey: LedgerCacheKey,
): void {
  const onLedger = (path: string) => {
    if (!path.endsWith('.vetted.json') || !folders.some((folder) => path.startsWith(folder + sep))) return
    const digest = ledgersDigest(folders)
    if (digest === cacheKey.ledgers) return
    cacheKey.ledgers = digest
    void refreshContent?.({})
  }
  for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onLedger)
}
