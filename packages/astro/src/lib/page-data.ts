// What a page gets: `render(entry).remarkPluginFrontmatter.vetted` (a content
// collection) or `frontmatter.vetted` (a Markdown module), set by remark-vetted.
// A post rendered without the plugin, or with no ledger, has no corrections.

import type { VettedPageData } from 'remark-vetted'

export function vettedPageData(frontmatter: Record<string, unknown> | undefined): VettedPageData {
  const data = frontmatter?.['vetted'] as Partial<VettedPageData> | undefined
  return { corrections: data?.corrections ?? [], fixed: data?.fixed ?? [], open: data?.open ?? [] }
}
