// The cards' stylesheet. Imported from a `page-ssr` script, Astro bundles the
// CSS into every page and ships no JavaScript for it (a `page` script would).

import type { HookParameters } from 'astro'

export const STYLESHEET = '@vetted/astro/styles.css'

export function injectStyles(injectScript: HookParameters<'astro:config:setup'>['injectScript']): void {
  injectScript('page-ssr', `import ${JSON.stringify(STYLESHEET)}`)
}
