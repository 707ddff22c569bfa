// schema.org Article with a CorrectionComment per published correction, so that
// search engines and readers' tools see the corrections as data.

import type { VettedPageData } from 'remark-vetted'

export interface ArticleInput {
  title: string
  /** YYYY-MM-DD */
  date: string
  /** YYYY-MM-DD, when the post was last revised. */
  updated?: string
  description?: string
  /** Absolute URL of the post. */
  url: string
  vetted?: VettedPageData
}

export function articleJsonLd(article: ArticleInput): Record<string, unknown> {
  const corrections = article.vetted?.corrections ?? []
  const fixed = article.vetted?.fixed ?? []
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.title,
    datePublished: article.date,
    ...(article.updated ? { dateModified: article.updated } : {}),
    ...(article.description ? { description: article.description } : {}),
    url: article.url,
    correction: [
      ...corrections.map((c) => ({
        '@type': 'CorrectionComment',
        text: `${c.summary} (The post said: “${c.quote}”.)`,
        datePublished: c.checker.date,
        url: `${article.url}#${c.anchor}`,
        ...citations(c.sources),
      })),
      ...fixed.map((f) => ({ '@type': 'CorrectionComment', text: `Corrected: ${f.summary}`, datePublished: f.date })),
    ],
  }
}

function citations(sources: Array<{ url: string }>): { citation?: string[] } {
  const urls = sources.map((source) => source.url).filter((url) => /^https?:\/\//i.test(url))
  return urls.length > 0 ? { citation: urls } : {}
}

/** JSON for a <script type="application/ld+json">, safe against `</script>` in ledger text. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c')
}
