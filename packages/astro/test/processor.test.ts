// Which Markdown processor a site ends up with, through the integration's own
// astro:config:setup hook. Real `astro build`s of these cases are in test/site.

import { unified } from '@astrojs/markdown-remark'
import type { AstroConfig, AstroIntegrationLogger, HookParameters } from 'astro'
import { AstroError } from 'astro/errors'
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
  let config = {
    root: new URL('../', import.meta.url),
    srcDir: new URL('../src/', import.meta.url),
    markdown: { processor },
  } as unknown as AstroConfig
  const info: string[] = []
  const warnings: string[] = []
  const logger = {
    info: (line: string) => info.push(line),
    warn: (line: string) => warnings.push(line),
  } as unknown as AstroIntegrationLogger
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
const mdastPluginsOf = (processor: Processor) => processor.options['mdastPlugins'] as Array<{ name: string }>

describe('the Markdown processor', () => {
  it('keeps Astro’s default processor, Sätteri, and adds a Sätteri plugin to it, silently', () => {
    const { processor, info, warnings } = setup(satteri())
    expect(processor.name).toBe('satteri')
    expect(mdastPluginsOf(processor).map((plugin) => plugin.name)).toEqual(['@vetted/astro'])
    expect(info).toEqual([])
    expect(warnings).toEqual([])
  })

  it('keeps the plugins and features of a Sätteri processor the site configured, vetted’s plugin last', () => {
    const admonitions = { name: 'my-admonitions', containerDirective() {} }
    const { processor } = setup(satteri({ mdastPlugins: [admonitions], features: { directive: true } }))
    expect(mdastPluginsOf(processor)[0]).toBe(admonitions)
    expect(mdastPluginsOf(processor).map((plugin) => plugin.name)).toEqual(['my-admonitions', '@vetted/astro'])
    expect(processor.options['features']).toEqual({ directive: true })
  })

  it('puts the digest of every ledger in the config Astro hashes, on either processor', () => {
    const hashed = (processor: Processor) => JSON.stringify(processor.options)
    expect(hashed(setup(satteri()).processor)).toMatch(/"ledgers":"[0-9a-f]*"/)
    expect(hashed(setup(unified() as unknown as Processor).processor)).toMatch(/"ledgers":"[0-9a-f]*"/)
  })

  it('adds its plugins after the site’s own on a unified processor, silently', () => {
    const mine = () => {}
    const { processor, info } = setup(unified({ remarkPlugins: [mine] }) as unknown as Processor)
    expect(remarkPluginsOf(processor)[0]).toBe(mine)
    expect(remarkPluginsOf(processor)[1]).toBe(remarkDirective)
    // The site's, remark-directive, remark-vetted, and one for page data and the build gate's collector.
    expect(remarkPluginsOf(processor)).toHaveLength(4)
    expect(info).toEqual([])
  })

  it('will not run on a processor it does not know, and says what to do as Astro prints a hint', () => {
    let error: unknown
    try {
      setup({ name: 'markdoc-ish', options: {} })
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(AstroError)
    expect((error as AstroError).message).toBe(
      `@vetted/astro does not know the site's Markdown processor "markdoc-ish": it runs on Sätteri and on unified.`,
    )
    expect((error as AstroError).hint).toMatch(/processor: unified\(/)
  })
})
