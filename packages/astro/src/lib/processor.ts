// Add remark-directive and remark-vetted to the site's unified Markdown
// processor, as Starlight adds its plugins. Astro 7's default processor
// (Sätteri) runs no remark plugins: a site that kept it as Astro made it is
// switched to `unified()` (one info line says so). A Sätteri, or any other,
// processor that carries plugins or features of its own is not replaced behind
// the site's back: that would drop them. Setup fails then, saying what to do.

import { isUnifiedProcessor, unified, type RemarkPlugin } from '@astrojs/markdown-remark'
import type { AstroConfig, AstroIntegrationLogger, HookParameters } from 'astro'
import remarkDirective from 'remark-directive'
import remarkVetted, { type RemarkVettedOptions } from 'remark-vetted'
import { authorError } from './errors.ts'

type UpdateConfig = HookParameters<'astro:config:setup'>['updateConfig']
type UnifiedProcessor = ReturnType<typeof unified>

export const SWITCHED =
  "Markdown is rendered by the unified processor (@astrojs/markdown-remark) instead of Astro's default, Sätteri, which runs no remark plugins. " +
  'Set `markdown: { processor: unified() }` in astro.config.mjs to choose it yourself.'

export const PROCESSOR_HELP = `Give the site the unified processor in astro.config.mjs, with remark or rehype plugins that do what those did:

  import { unified } from '@astrojs/markdown-remark'
  export default defineConfig({ markdown: { processor: unified({ remarkPlugins: [] }) }, integrations: [vetted()] })

If another integration added them, list vetted() before it.`

/** The site's unified processor with vetted's plugins on it; Astro's default processor is replaced by one. */
export function addVettedPlugins(
  { config, updateConfig, logger }: { config: AstroConfig; updateConfig: UpdateConfig; logger: AstroIntegrationLogger },
  plugin: RemarkVettedOptions,
  after: Array<RemarkPlugin | [RemarkPlugin, unknown]>,
): UnifiedProcessor {
  const processor = unifiedProcessor(config, updateConfig, logger)
  processor.options.remarkPlugins.push(remarkDirective, [remarkVetted, plugin], ...after)
  return processor
}

function unifiedProcessor(config: AstroConfig, updateConfig: UpdateConfig, logger: AstroIntegrationLogger): UnifiedProcessor {
  const current = (config.markdown as { processor?: { name: string; options?: object } }).processor
  if (current && isUnifiedProcessor(current)) return current
  if (current) {
    const own = ownSettings(current)
    if (own.length > 0 || current.name !== 'satteri') {
      const why = own.length > 0 ? `; it has ${own.join(' and ')}, which replacing it would drop` : ', and vetted does not replace a processor it does not know'
      throw authorError(`@vetted/astro needs the unified Markdown processor: the site's "${current.name}" runs no remark plugins${why}.\n${PROCESSOR_HELP}`)
    }
  }
  // Sätteri as Astro 7 sets it by default (or `satteri()` without options): the site loses nothing.
  const processor = unified()
  updateConfig({ markdown: { processor } })
  logger.info(SWITCHED)
  return processor
}

/** What a processor carries of the site's own: `plugins (a, b)`, `features (directive)`. */
function ownSettings(processor: { options?: object }): string[] {
  const { mdastPlugins = [], hastPlugins = [], features = {} } = (processor.options ?? {}) as { mdastPlugins?: unknown[]; hastPlugins?: unknown[]; features?: object }
  const plugins = [...mdastPlugins, ...hastPlugins].flat().filter(Boolean).map(pluginName)
  const enabled = Object.keys(features)
  return [...(plugins.length > 0 ? [`plugins (${plugins.join(', ')})`] : []), ...(enabled.length > 0 ? [`features (${enabled.join(', ')})`] : [])]
}

/** A Sätteri plugin is an object with a name, or a function that makes one. */
function pluginName(plugin: unknown): string {
  const name = (plugin as { name?: unknown }).name
  return typeof name === 'string' && name !== '' ? name : 'unnamed'
}
