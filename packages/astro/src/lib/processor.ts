// Add remark-directive and remark-vetted to the site's unified Markdown
// processor, as Starlight adds its plugins. Astro 7's default processor
// (Sätteri) runs no remark plugins: then say so clearly and change nothing.

import { isUnifiedProcessor, type RemarkPlugin } from '@astrojs/markdown-remark'
import type { AstroConfig, AstroIntegrationLogger } from 'astro'
import remarkDirective from 'remark-directive'
import remarkVetted, { type RemarkVettedOptions } from 'remark-vetted'

export const PROCESSOR_HELP = `@vetted/astro needs the unified Markdown processor. In astro.config.mjs:

  import { unified } from '@astrojs/markdown-remark'
  export default defineConfig({ markdown: { processor: unified() }, integrations: [vetted()] })`

export function addVettedPlugins(
  config: AstroConfig,
  plugin: RemarkVettedOptions,
  after: RemarkPlugin[],
  logger: AstroIntegrationLogger,
): boolean {
  const processor = (config.markdown as { processor?: { name: string } }).processor
  if (!processor || !isUnifiedProcessor(processor)) {
    logger.warn(`The site's Markdown processor is "${processor?.name ?? 'the default'}", which ignores remark plugins: corrections will not be shown.\n${PROCESSOR_HELP}`)
    return false
  }
  processor.options.remarkPlugins.push(remarkDirective, [remarkVetted, plugin], ...after)
  return true
}
