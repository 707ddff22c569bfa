import type { Claim, Correction } from '@vetted/core'
import type { PlacedCorrection } from '@vetted/post'
import type { ElementContent, Properties } from 'hast'
import type { Data, Node, Parent, PhrasingContent } from 'mdast'

/** One correction of the post as the plugin saw it: where it stands (@vetted/post's analysis) and how it is shown. */
export interface CorrectionState extends Omit<PlacedCorrection, 'location'> {
  /** Shown in this document: drawn at its quote where the post is rendered (not where it is only reported or written back as Markdown). */
  shown: boolean
  /** 1.. in document order, shown ones only. */
  number?: number
  /** Id of its card. */
  anchor?: string
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
  /** Open or published corrections whose sentence is gone, not yet recorded as fixed. */
  stale: Correction[]
  /** Open or published corrections recorded as fixed whose sentence is back, not yet recorded. */
  back: Correction[]
  /** Corrections published when they were fixed, fixed after the post's date, oldest first: the correction log. */
  fixed: Array<{ correction: Correction; date: string }>
}

declare module 'vfile' {
  interface DataMap {
    vetted: VettedData
  }
}

/**
 * A node the render step adds (a reference, a popover, the Corrections
 * section): it becomes exactly the hast in its `data`. It has no Markdown.
 */
export interface VettedHast extends Node {
  type: 'vettedHast'
  data: Data & { hName: string; hProperties: Properties; hChildren: ElementContent[] }
}

/** A corrected claim with its reference, popover button and popover: a <span> that anchors the popover. */
export interface VettedMarker extends Parent {
  type: 'vettedMarker'
  children: PhrasingContent[]
  data: Data & { hName: string; hProperties: Properties }
}

declare module 'mdast' {
  interface RootContentMap {
    vettedHast: VettedHast
    vettedMarker: VettedMarker
  }
  interface PhrasingContentMap {
    vettedHast: VettedHast
    vettedMarker: VettedMarker
  }
}
