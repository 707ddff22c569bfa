// The sample site: publishes ../content (Markdown and MDX) with its corrections.
import { unified } from '@astrojs/markdown-remark'
import mdx from '@astrojs/mdx'
import vetted from '@vetted/astro'
import { defineConfig } from 'astro/config'

export default defineConfig({
  site: process.env.VETTED_SITE_URL ?? 'http://127.0.0.1:4321',
  // The unified processor (test/site checks this site's HTML as unified writes it); vetted
  // runs on Astro 7's default, Sätteri, as well, without a `markdown` key (test/site/satteri.test.ts).
  markdown: { processor: unified() },
  integrations: [
    vetted({
      openCorrections: process.env.VETTED_OPEN_CORRECTIONS === 'warn' ? 'warn' : 'error',
      // The posts' folder, as src/content.config.ts computes it: the build gate reads its ledgers.
      content: process.env.VETTED_CONTENT_DIR ?? '../content',
    }),
    // The .mdx posts, rendered with the same processor: vetted's plugins included.
    mdx(),
  ],
  // Corrections need no client JavaScript; keep Astro's dev toolbar out of previews too.
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Astro's own deferred Markdown modules warn once per post (withastro/astro#18087, harmless).
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return
          warn(warning)
        },
      },
    },
  },
})
