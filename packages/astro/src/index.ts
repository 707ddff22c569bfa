// @vetted/astro: published corrections in an Astro site. Each hook in order:
//   astro:config:setup  add remark-vetted (+ page data, the gate's collector) to the
//                       site's Markdown processor, which it keeps: a Sätteri-native
//                       plugin on Astro's default, Sätteri; remark plugins on
//                       unified(). The digest of every ledger goes in the config
//                       Astro hashes, so that its content cache renders a post
//                       again when its ledger changed; ship the cards'
//                       CSS; add the build gate; in `astro dev`, show open corrections
//                       (the author's preview) and render a post again when its
//                       ledger changes
//   astro:server:setup  in `astro dev`, a ledger changed: Astro renders cached posts again
//   (build start)       the gate reads every ledger of the content folders and fails
//                       the build before any page is written while a ledger is broken
//                       or a post has open corrections (or only warns about open ones)
//   astro:build:done    the same for posts the gate found no ledger folder for
//                       (rendered from elsewhere), listing file:line id

import type { AstroIntegration } from 'astro'
import type { VFile } from 'vfile'
import { contentFolders, ledgersDigest } from './lib/content-folders.ts'
import { buildGate, gateProblem } from './lib/gate.ts'
import { refreshContentOnLedgerChange, reloadPostsOnLedgerChange, type LedgerCacheKey } from './lib/ledger-watch.ts'
import { OpenCorrections } from './lib/open-corrections.ts'
import { addPageData } from './lib/page-data.ts'
import { addVettedPlugins } from './lib/processor.ts'
import { injectStyles } from './lib/styles.ts'
import { parseOptions, type VettedAstroOptions } from './schemas/options.ts'

export default function vetted(options: VettedAstroOptions = {}): AstroIntegration {
  const resolved = parseOptions(options)
  const gate = new OpenCorrections()
  let folders: string[] = []
  const cacheKey: LedgerCacheKey = { ledgers: '' }
  return {
    name: '@vetted/astro',
    hooks: {
      'astro:config:setup': ({ config, command, injectScript, updateConfig, logger }) => {
        const preview = command === 'dev' && resolved.previewInDev
        // The site shows corrections; it needs no list of every claim (the CLI reports those).
        const plugin = { render: resolved.render, preview, claims: false, dateKeys: resolved.dateKeys }
        const steps = {
          // The ledgers the build gate read and checked at build start: each is read once.
          ledgerOf: (post: string) => gate.ledgerOf(post),
          after: (file: VFile) => {
            addPageData(file)
            gate.collect(file)
          },
        }
        addVettedPlugins(config, plugin, steps, cacheKey)
        folders = contentFolders(config, resolved.content)
        cacheKey.ledgers = ledgersDigest(folders)
        injectStyles(injectScript)
        if (command === 'build') updateConfig({ vite: { plugins: [buildGate(gate, folders, resolved.openCorrections, logger)] } })
        if (command === 'dev') updateConfig({ vite: { plugins: [reloadPostsOnLedgerChange()] } })
      },
      'astro:server:setup': (dev) => refreshContentOnLedgerChange(dev, folders, cacheKey),
      'astro:build:done': ({ logger }) => {
        const problem = gateProblem(gate, resolved.openCorrections, logger)
        if (problem) throw problem
      },
    },
  }
}

export { articleJsonLd, jsonLdScript, type ArticleInput } from './lib/json-ld.ts'
export { vettedPageData, type VettedPageData } from './lib/page-data.ts'
export { STYLESHEET } from './lib/styles.ts'
export { VettedAstroOptionsSchema, type VettedAstroOptions } from './schemas/options.ts'
