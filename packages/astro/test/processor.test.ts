// Which Markdown processor a site ends up with, through the integration's own
// astro:config:setup hook. Real `astro build`s of these cases are in test/site.

import { unified } from '@astrojs/markdown-remark'
import type { AstroConfig, AstroIntegrationLogger, HookParameters } from 'astro'
import remarkDirective from 'remark-directive'
import { describe, expect, it } from 'vitest'
import vetted from '../src/index.ts'

type Processor = { name: string; options: Record<string, unknown> }

/** Astro 7's default: what `satteri()` from @astrojs/markdown-satteri makes, with the site's options. */
const satteri = (options: { mdastPlugins?: unknown[]; hastPlugins?: unknown[]; features?: object } = {}): Processor => ({
  name: 'satteri',
  options: { mdastPlugins: options.mdastPlugins ?? [], hastPlugins: options.hastPlugins ?? [], features: { ...options.features } },
})

function setup(processor: Processor) {
  // This package's folder as the site's root: it has no content config, so no ledgers to read.
  let config = { root: new URL('../', import.meta.url), srcDir: new URL('../src/', import.meta.url), markdown: { processor } } as unknown as AstroConfig
  const info: string[] = []
  const warnings: string[] = []
  const logger = { info: (line: string) => info.push(line), warn: (line: string) => warnings.push(line) } as unknown as AstroIntegrationLogger
  const updateConfig = (update: { markdown?: { processor?: unknown } }) => {
    config = { ...config, markdown: { ...config.markdown, ...update.markdown } } as AstroConfig
    return config
  }
  const hook = vetted().hooks['astro:config:setup']!
  const params = { config, command: 'build', injectScript: () => {}, updateConfig, logger }
  hook(params as unknown as HookParameters<'astro:config:setup'>)
  return { processor: config.markdown.processor as unknown as Processor, info, warnings }
}

const remarkPluginsOf = (processor: Processor) => processor.options['remarkPlugins'] as unknown[]

describe('the Markdown processor', () => {
  it('switches a site on Astro’s default processor to unified, with vetted’s plugins, and says so once', () => {
    const { processor, info, warnings } = setup(satteri())
    expect(processor.name).toBe('unified')
    expect(remarkPluginsOf(processor)[0]).toBe(remarkDirective)
    // remark-directive, remark-vetted, the page data, the build gate's collector.
    expect(remarkPluginsOf(processor)).toHaveLength(4)
    expect(info).toEqual([expect.stringMatching(/^Markdown is rendered by the unified processor .* instead of Astro's default, Sätteri/)])
    expect(warnings).toEqual([])
  })

  it('adds its plugins after the site’s own on a unified processor, silently', () => {
    const mine = () => {}
    const { processor, info } = setup(unified({ remarkPlugins: [mine] }) as unknown as Processor)
    expect(remarkPluginsOf(processor)[0]).toBe(mine)
    expect(remarkPluginsOf(processor)[1]).toBe(remarkDirective)
    expect(info).toEqual([])
  })

  it('will not drop the plugins of a Sätteri processor the site configured: setup fails, naming them', () => {
    const plugin = { name: 'my-admonitions', containerDirective() {} }
    expect(() => setup(satteri({ mdastPlugins: [plugin] }))).toThrow(/the site's "satteri" runs no remark plugins; it has plugins \(my-admonitions\), which replacing it would drop\.\n.*processor: unified\(/s)
    expect(() => setup(satteri({ features: { directive: true } }))).toThrow(/features \(directive\)/)
  })

  it('will not replace a processor it does not know', () => {
    expect(() => setup({ name: 'markdoc-ish', options: {} })).toThrow(/"markdoc-ish" runs no remark plugins, and vetted does not replace a processor it does not know/)
  })
})
