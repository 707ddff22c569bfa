// What code checks after the model, because a model cannot be trusted with it:
// the quote must be the post's own words inside the claim, sources must be
// public http(s) URLs (no credentials, no loopback, private or link-local host,
// at most MAX_URL_LENGTH characters), a correction the claim's own source contradicts cites that source,
// and the private citation markers of structured output are removed.
// What fails is dropped with a reason, never repaired by guessing.

import { isHttpUrl, type Source } from '@vetted/core'
import { findNormalized, unpublishableUrlReason } from '@vetted/core/internal'
import type { ProposedCorrection } from '../schemas/investigation.ts'

// With a JSON schema enforced, web-search answers can carry citation markers in
// private-use characters (U+E200..U+E2FF), e.g. "\uE200cite\uE202turn0search0\uE201".
const MARKER_SEQUENCE = /[ \t]*\uE200[^\uE200\uE201]*\uE201/g
const PRIVATE_USE = /[\uE200-\uE2FF]/g

export function stripCitationMarkers(text: string): string {
  return text.replace(MARKER_SEQUENCE, '').replace(PRIVATE_USE, '')
}

/** A correction that passed the code checks, before validation. */
export interface CheckedProposal {
  /** The claim's own characters (so it is verbatim post text). */
  quote: string
  summary: string
  reasoning: string
  /** Public http(s) sources only; `quote` is what the model says the source contains (not yet verified). */
  sources: Array<Source & { quote?: string }>
}

export type ProposalCheck = { ok: true; proposal: CheckedProposal } | { ok: false; reason: string }

const show = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)

/** The same http(s) URL, however it is written (case of the host, default port, an empty path). */
const sameUrl = (a: string, b: string) => isHttpUrl(a) && isHttpUrl(b) && new URL(a).href === new URL(b).href

/**
 * The model's `contradictingLink` when it is one of the claim's own links (as the
 * post has it), else undefined: a URL the author did not cite is not the author's
 * source, whatever the model says.
 */
export function ownContradictingLink(links: readonly string[] | undefined, named: string | null): string | undefined {
  const url = named?.trim()
  return url ? links?.find((link) => sameUrl(link, url)) : undefined
}

/**
 * Check a proposed correction against its claim's plain text. A source whose URL
 * is not a public http(s) URL is dropped; a correction left without any source is dropped
 * whole: hard evidence is the rule, and a correction without it is a guess.
 * `ownSource` is the claim's own link that the model says contradicts it: the
 * correction cites it, first, even when the model left it out of `sources`.
 */
export function checkProposal(claimText: string, proposed: ProposedCorrection, ownSource?: string): ProposalCheck {
  const quote = stripCitationMarkers(proposed.quote).trim()
  const at = quote ? findNormalized(claimText, quote) : undefined
  if (!at) return { ok: false, reason: `the model's quote ${show(quote)} does not occur in the claim` }
  const summary = stripCitationMarkers(proposed.summary).trim()
  const reasoning = stripCitationMarkers(proposed.reasoning).trim()
  if (!summary || !reasoning) return { ok: false, reason: 'the model gave a correction without a summary or reasoning' }
  const sources: CheckedProposal['sources'] = []
  const refused: string[] = []
  for (const source of proposed.sources) {
    const url = source.url.trim()
    const unpublishable = unpublishableUrlReason(url)
    if (unpublishable) {
      refused.push(`${show(url)}: ${unpublishable}`)
      continue
    }
    if (sources.some((kept) => kept.url === url)) continue
    const title = stripCitationMarkers(source.title).trim() || new URL(url).hostname
    const sourceQuote = stripCitationMarkers(source.quote).trim()
    sources.push({ url, title, ...(sourceQuote ? { quote: sourceQuote } : {}) })
  }
  if (ownSource && !unpublishableUrlReason(ownSource) && !sources.some((source) => sameUrl(source.url, ownSource))) {
    sources.unshift({ url: ownSource, title: new URL(ownSource).hostname })
  }
  if (sources.length === 0) {
    const why = refused.length > 0 ? `only URLs that may not be published (${refused.join('; ')})` : 'none'
    return { ok: false, reason: `the correction has no usable source: ${why}` }
  }
  return { ok: true, proposal: { quote: claimText.slice(at.start, at.end), summary, reasoning, sources } }
}
