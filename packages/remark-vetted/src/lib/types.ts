import type { Claim, Correction, CorrectionStatus, Position, Source } from '@vetted/core'
import type { ElementContent, Properties } from 'hast'
import type { Data, Node } from 'mdast'

/** One correction of the post as the plugin saw it. */
export interface CorrectionState {
  correction: Correction
  /** The ledger's status, or `fixed` when the quote left the post (stale). */
  status: CorrectionStatus
  /** Rendered in this document. */
  shown: boolean
  /** 1.. in document order, shown ones only. */
  number?: number
  /** Id of its card. */
  anchor?: string
  /** The quote in the source; absent when it was not found. */
  start?: Position
  end?: Position
}

/** What remark-vetted leaves on `file.data.vetted`. */
export interface VettedData {
  /** File name of the post. */
  post: string
  ledgerPath?: string
  /** The post's date from its frontmatter (YYYY-MM-DD). */
  date?: string
  claims: Claim[]
  unchecked: Claim[]
  corrections: CorrectionState[]
  /** Open or published corrections whose quote is gone from the post. */
  stale: Correction[]
}

/**
 * JSON-serialisable page data for Astro (`frontmatter.vetted`): what pages,
 * indexes and JSON-LD need. `open` lists every open correction still in the post,
 * shown or not, at its quote (or its claim when the quote left the claim).
 */
export interface VettedPageData {
  corrections: Array<{
    id: string
    number: number
    anchor: string
    status: CorrectionStatus
    quote: string
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

declare module 'vfile' {
  interface DataMap {
    vetted: VettedData
  }
}

/**
 * A node the plugin adds for rendering only (a reference, a popover, the
 * Corrections section): it becomes exactly the hast in its `data`, and prints as
 * nothing when the tree is written back as Markdown.
 */
export interface VettedHast extends Node {
  type: 'vettedHast'
  data: Data & { hName: string; hProperties: Properties; hChildren: ElementContent[] }
}

declare module 'mdast' {
  interface RootContentMap {
    vettedHast: VettedHast
  }
  interface PhrasingContentMap {
    vettedHast: VettedHast
  }
}
