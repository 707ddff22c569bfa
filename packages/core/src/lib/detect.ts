import type { Root } from 'mdast'
import type { Claim } from '../schemas/claim.ts'
import { parseMarkdown } from './parse.ts'

export interface DetectOptions {}

/** The check-worthy sentences of a Markdown document. (Placeholder until detection lands.) */
export function detectClaims(markdown: string, options: DetectOptions = {}): Claim[] {
  return detectClaimsInTree(parseMarkdown(markdown), markdown, options)
}

export function detectClaimsInTree(_tree: Root, _source: string, _options: DetectOptions = {}): Claim[] {
  return []
}
