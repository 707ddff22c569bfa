// schema.org Article with a CorrectionComment per published correction, so that
// search engines and readers' tools see the corrections as data.

import type { VettedPageData } from 'remark-vetted'

export interface ArticleInput {
  title: string
  /** YYYY-MM-DD */
  date: string
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
    ...(article.description ? { description: article.description } : {}),
    url: article.url,
    correction: [
      ...corrections.map((c) => ({
        '@type': 'CorrectionComment',
        text: `${c.summary} (The post said: “${c.quote}”.)`,
        datePublished: c.checker.date,
        url: `${article.url}#${c.anchor}`,
        ...(c.sources.length > 0 ? { citation: c.sources.map((s) => s.url) } : {}),
      })),
      ...fixed.map((f) => ({ '@type': 'CorrectionComment', text: `Corrected: ${f.summary}`, datePublished: f.date })),
    ],
  }
}

/** JSON for a <script type="application/ld+json">, safe against `</script>` in ledger text. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c')
}
