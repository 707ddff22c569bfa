// @vetted/astro: published corrections in an Astro site. Each hook in order:
//   astro:config:setup  add remark-directive + remark-vetted (+ the open-correction
//                       collector) to the unified processor; ship the cards' CSS
//   astro:build:done    fail the build while a ledger is broken, and (or only warn)
//                       while any post has open corrections

import type { AstroIntegration } from 'astro'
import { OpenCorrections } from './lib/open-corrections.ts'
import { addVettedPlugins } from './lib/processor.ts'
import { VettedAstroOptionsSchema, type VettedAstroOptions } from './schemas/options.ts'

export default function vetted(options: VettedAstroOptions = {}): AstroIntegration {
  const parsed = VettedAstroOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new TypeError(`@vetted/astro: invalid option ${issue.path.join('.') || '(options)'}: ${issue.message}`)
  }
  const resolved = parsed.data
  const open = new OpenCorrections()
  return {
    name: '@vetted/astro',
    hooks: {
      'astro:config:setup': ({ config, command, injectScript, logger }) => {
        const preview = command === 'dev' && resolved.previewInDev
        // The site shows corrections; it needs no list of every claim (the CLI reports those).
        addVettedPlugins(config, { render: resolved.render, preview, claims: false }, [open.remarkPlugin], logger)
        // CSS imported from a page-ssr script is bundled into every page: no client JavaScript.
        injectScript('page-ssr', `import '@vetted/astro/styles.css'`)
      },
      'astro:build:done': ({ logger }) => {
        const broken = open.broken()
        if (broken.length > 0) throw new Error(`@vetted/astro: ${broken.length === 1 ? 'a ledger is' : 'ledgers are'} broken:\n${broken.map((line) => `  ${line}`).join('\n')}`)
        const list = open.list()
        if (list.length === 0) return
        const message = `${list.length} open ${list.length === 1 ? 'correction' : 'corrections'} (settle with vetted resolve ID --annotate | --dismiss --note "…"):\n${open.format()}`
        if (resolved.openCorrections === 'warn') logger.warn(message)
        else throw new Error(`@vetted/astro: ${message}`)
      },
    },
  }
}

export { articleJsonLd, jsonLdScript, type ArticleInput } from './lib/json-ld.ts'
export { VettedAstroOptionsSchema, type VettedAstroOptions } from './schemas/options.ts'
export type { VettedPageData } from 'remark-vetted'
