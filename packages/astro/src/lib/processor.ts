// Add vetted to the site's Markdown processor, as Starlight adds its plugins,
// keeping the processor the site has: on Sätteri (Astro 7's default, with or
// without plugins and features of the site's own), a Sätteri-native plugin
// (satteri.ts); on `unified()` from @astrojs/markdown-remark, remark-directive and
// remark-vetted as remark plugins. Both run remark-vetted's same code. A
// processor vetted knows neither of stops the setup, saying what to do.

// Types only: @astrojs/markdown-remark (unified, rehype-raw, Prism…) loads only on a site that uses it.
import type { RemarkPlugin } from '@astrojs/markdown-remark'
import type { AstroConfig } from 'astro'
import remarkDirective from 'remark-directive'
import { postFormatOf } from '@vetted/post/internal'
import type { Root } from 'mdast'
import { vettedTransformer, type RemarkVettedOptions } from 'remark-vetted'
import { authorError } from './errors.ts'
import type { LedgerCacheKey } from './ledger-watch.ts'
import { SATTERI_PLUGIN_NAME, vettedSatteriPlugin, type PostSteps, type VettedSatteriPlugin } from './satteri.ts'

export const PROCESSOR_HELP = `Keep Astro's default processor, Sätteri (no \`markdown.processor\` in astro.config.mjs, or \`satteri()\` from @astrojs/markdown-satteri), or give the site the unified one:

  import { unified } from '@astrojs/markdown-remark'
  export default defineConfig({ markdown: { processor: unified({ remarkPlugins: [] }) }, integrations: [vetted()] })`

interface SatteriProcessor {
  name: 'satteri'
  options: { mdastPlugins: unknown[] }
}

interface UnifiedProcessor {
  name: 'unified'
  options: { remarkPlugins: unknown[] }
}

/**
 * Put vetted on the site's processor: remark-vetted with `plugin`, then
 * `steps.after` on each post's VFile (page data, the gate's collector). `ledgers`
 * goes into the config Astro hashes for its content cache. Returns which
 * processor it is.
 */
export function addVettedPlugins(
  config: AstroConfig,
  plugin: RemarkVettedOptions,
  steps: PostSteps,
  ledgers: LedgerCacheKey,
): 'satteri' | 'unified' {
  const processor = (config.markdown as { processor?: { name: string; options?: unknown } }).processor
  if (processor && isUnified(processor)) {
    const afterVetted: RemarkPlugin = () => (_tree, file) => steps.after(file)
    // The cache key is this plugin's options: Astro hashes them with the config.
    processor.options.remarkPlugins.push(remarkDirective, [remarkVettedOnLedgersRead(steps), plugin], [afterVetted, ledgers])
    return 'unified'
  }
  if (processor && isSatteri(processor)) {
    const plugins = processor.options.mdastPlugins
    // Astro loads the config again when it changes in `astro dev`: one vetted plugin a processor.
    const own = plugins.findIndex((entry) => (entry as Partial<VettedSatteriPlugin> | null)?.name === SATTERI_PLUGIN_NAME)
    if (own >= 0) plugins.splice(own, 1)
    plugins.push(vettedSatteriPlugin(plugin, steps, ledgers))
    return 'satteri'
  }
  const name = processor?.name ?? 'none'
  throw authorError(
    `@vetted/astro does not know the site's Markdown processor "${name}": it runs on Sätteri and on unified.`,
    PROCESSOR_HELP,
  )
}

/**
 * remark-vetted as a remark plugin, given the ledger the build gate read for the
 * post, as on Sätteri: Astro renders each post twice a build, and remark-vetted
 * would read and validate its ledger each time. Without one (`astro dev`, a post
 * outside the content folders), remark-vetted reads it.
 */
function remarkVettedOnLedgersRead(steps: PostSteps): RemarkPlugin<[RemarkVettedOptions]> {
  return (options) => {
    const transform = vettedTransformer(options)
    return (tree, file) => {
      const ledger = file.path ? steps.ledgerOf(file.path) : undefined
      // Astro's unified processor reads `.mdx` as MDX (@astrojs/mdx adds remark-mdx) and the rest as Markdown.
      const parsedAs = file.path && postFormatOf(file.path) === 'mdx' ? 'mdx' : 'markdown'
      const root = tree as Root
      root.children.push(...transform(root, file, { parsedAs, ...(ledger ? { ledger } : {}) }).appended)
    }
  }
}

/** What `isUnifiedProcessor` from @astrojs/markdown-remark checks (its name), with the plugin list vetted adds to. */
function isUnified(processor: { name: string; options?: unknown }): processor is UnifiedProcessor {
  const options = processor.options as { remarkPlugins?: unknown } | undefined
  return processor.name === 'unified' && Array.isArray(options?.remarkPlugins)
}

function isSatteri(processor: { name: string; options?: unknown }): processor is SatteriProcessor {
  const options = processor.options as { mdastPlugins?: unknown } | undefined
  return processor.name === 'satteri' && Array.isArray(options?.mdastPlugins)
}
