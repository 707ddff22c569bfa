// @vetted/astro: published corrections in an Astro site. Each hook in order:
//   astro:config:setup  add remark-directive + remark-vetted (+ the gate's collector)
//                       to the unified Markdown processor (a site on Astro's default,
//                       Sätteri, is switched to unified); ship the cards' CSS;
//                       in `astro dev`, show open corrections (the author's preview)
//                       and render a post again when its ledger changes
//   astro:build:done    fail the build while a ledger is broken or a post has open
//                       corrections (or only warn about open ones), listing file:line id

import type { AstroIntegration } from 'astro'
import { authorError } from './lib/errors.ts'
import { reloadPostsOnLedgerChange } from './lib/ledger-watch.ts'
import { OpenCorrections } from './lib/open-corrections.ts'
import { remarkPageData } from './lib/page-data.ts'
import { addVettedPlugins } from './lib/processor.ts'
import { injectStyles } from './lib/styles.ts'
import { parseOptions, type VettedAstroOptions } from './schemas/options.ts'

export default function vetted(options: VettedAstroOptions = {}): AstroIntegration {
  const resolved = parseOptions(options)
  const gate = new OpenCorrections()
  return {
    name: '@vetted/astro',
    hooks: {
      'astro:config:setup': ({ config, command, injectScript, updateConfig, logger }) => {
        const preview = command === 'dev' && resolved.previewInDev
        // The site shows corrections; it needs no list of every claim (the CLI reports those).
        addVettedPlugins({ config, updateConfig, logger }, { render: resolved.render, preview, claims: false }, [remarkPageData, gate.remarkPlugin])
        injectStyles(injectScript)
        if (command === 'dev') updateConfig({ vite: { plugins: [reloadPostsOnLedgerChange()] } })
      },
      'astro:build:done': ({ logger }) => {
        const broken = gate.broken()
        const open = gate.list()
        const problems: string[] = []
        if (broken.length > 0) problems.push(`${broken.length === 1 ? 'a ledger is' : `${broken.length} ledgers are`} broken:\n${broken.map((line) => `  ${line}`).join('\n')}`)
        if (open.length > 0) {
          const message = `${open.length} open ${open.length === 1 ? 'correction' : 'corrections'} (settle each with \`vetted resolve ID --annotate\`, or \`--dismiss --note "…"\`):\n${gate.format()}`
          if (resolved.openCorrections === 'warn') logger.warn(message)
          else problems.push(message)
        }
        if (problems.length > 0) throw authorError(`@vetted/astro: ${problems.join('\n')}`)
      },
    },
  }
}

export { articleJsonLd, jsonLdScript, type ArticleInput } from './lib/json-ld.ts'
export { vettedPageData, type VettedPageData } from './lib/page-data.ts'
export { STYLESHEET } from './lib/styles.ts'
export { VettedAstroOptionsSchema, type VettedAstroOptions } from './schemas/options.ts'
