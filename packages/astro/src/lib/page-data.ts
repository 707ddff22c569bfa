// What a page gets: `render(entry).remarkPluginFrontmatter.vetted` (a content
// collection) or `frontmatter.vetted` (a Markdown module). addPageData runs
// after remark-vetted, on either processor, and turns what it found
// (`file.data.vetted`) into JSON-serialisable data for pages, indexes and
// JSON-LD, in the frontmatter Astro hands to pages (`file.data.astro`: unified's,
// or Sätteri's `ctx.data.astro`). A post rendered without
// the plugin, or with no ledger, has no corrections.

import type { Correction, Source } from '@vetted/core'
import type { CorrectionState, VettedData } from 'remark-vetted'
import type { VFile } from 'vfile'

/** `open` lists every open correction still in the post, shown or not, at its quote (or its claim when the quote left the claim). */
export interface VettedPageData {
  corrections: Array<{
    id: string
    number: number
    anchor: string
    status: CorrectionState['status']
    quote: string
    /** The claim's whole sentence and the quote's offsets in it (end exclusive), to show the quote marked in its sentence. */
    sentence?: { text: string; quoteStart: number; quoteEnd: number }
    summary: string
    /** Markdown, as in the ledger: render it with raw HTML dropped, as the cards do. */
    reasoning: string
    sources: Source[]
    checker: Correction['checker']
    line: number
  }>
  fixed: Array<{ id: string; quote: string; summary: string; date: string }>
  open: Array<{ id: string; line?: number; column?: number; quote: string; summary: string }>
}

export function vettedPageData(frontmatter: Record<string, unknown> | undefined): VettedPageData {
  const data = frontmatter?.['vetted'] as Partial<VettedPageData> | undefined
  return { corrections: data?.corrections ?? [], fixed: data?.fixed ?? [], open: data?.open ?? [] }
}

/** After remark-vetted: the page data into Astro's frontmatter. */
export function addPageData(file: VFile): void {
  const data = file.data.vetted
  if (!data) return
  const holder = file.data as { astro?: { frontmatter?: Record<string, unknown> } }
  holder.astro ??= {}
  holder.astro.frontmatter ??= {}
  holder.astro.frontmatter['vetted'] = pageDataOf(data)
}

function pageDataOf(data: VettedData): VettedPageData {
  return {
    corrections: data.corrections
      .filter((state) => state.shown)
      .sort((a, b) => a.number! - b.number!)
      .map(({ correction, number, anchor, status, start, sentence }) => ({
        id: correction.id,
        number: number!,
        anchor: anchor!,
        status,
        quote: correction.quote,
        ...(sentence ? { sentence } : {}),
        summary: correction.summary,
        reasoning: correction.reasoning,
        sources: correction.sources,
        checker: correction.checker,
        line: start!.line,
      })),
    fixed: data.fixed.map(({ correction, date }) => ({ id: correction.id, quote: correction.quote, summary: correction.summary, date })),
    open: data.corrections
      .filter((state) => state.correction.status === 'open' && state.status === 'open')
      .map(({ correction, start, claim }) => {
        const place = start ?? claim?.start
        return {
          id: correction.id,
          ...(place ? { line: place.line, column: place.column } : {}),
          quote: correction.quote,
          summary: correction.summary,
        }
      }),
  }
}
