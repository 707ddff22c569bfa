// schema.org Article with a CorrectionComment per published correction, so that
// search engines and readers' tools see the corrections as data. Text from a
// ledger goes in without bidirectional controls (JSON cannot isolate it, and a
// reader's tool shows it as it is), and only citations that may be published.

import { isPublishableUrl, withoutBidiControls } from '@vetted/core/internal'
import type { VettedPageData } from './page-data.ts'

/**
 * What a post page knows, as a content collection gives it: dates may be the
 * `Date`s of `z.coerce.date()` or `YYYY-MM-DD` strings, and optional fields may
 * be passed as `undefined` (so `entry.data`'s fields go in as they are).
 */
export interface ArticleInput {
  title: string
  /** When the post was published. */
  date: Date | string
  /** When the post was last revised. */
  updated?: Date | string | undefined
  description?: string | undefined
  /** Absolute URL of the post (`Astro.url` on its page). */
  url: URL | string
  /** The page data: `vettedPageData(remarkPluginFrontmatter)`. */
  vetted?: VettedPageData | undefined
}

export function articleJsonLd(article: ArticleInput): Record<string, unknown> {
  const corrections = article.vetted?.corrections ?? []
  const fixed = article.vetted?.fixed ?? []
  const url = String(article.url)
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.title,
    datePublished: day(article.date),
    ...(article.updated ? { dateModified: day(article.updated) } : {}),
    ...(article.description ? { description: article.description } : {}),
    url,
    correction: [
      ...corrections.map((c) => ({
        '@type': 'CorrectionComment',
        text: withoutBidiControls(`${c.summary} (The post said: “${c.quote}”.)`),
        datePublished: c.checker.date,
        url: `${url}#${c.anchor}`,
        ...citations(c.sources),
      })),
      ...fixed.map((f) => ({ '@type': 'CorrectionComment', text: withoutBidiControls(`Corrected: ${f.summary}`), datePublished: f.date })),
    ],
  }
}

/** `YYYY-MM-DD`: a Date's day in UTC, as `z.coerce.date()` read it from the frontmatter. */
function day(date: Date | string): string {
  return typeof date === 'string' ? date : date.toISOString().slice(0, 10)
}

function citations(sources: Array<{ url: string }>): { citation?: string[] } {
  const urls = sources.map((source) => source.url).filter(isPublishableUrl)
  return urls.length > 0 ? { citation: urls } : {}
}

/** JSON for a <script type="application/ld+json">, safe against `</script>` in ledger text. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c')
}
