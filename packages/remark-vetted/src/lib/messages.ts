// What the plugin tells an author and CI, as vfile messages with source 'vetted'.
// remark-cli prints them as they are (vfile-reporter escapes nothing), so every
// text from a ledger or a post in them is plain(): its control characters are
// written out, never sent to the author's terminal. (Ids are `c-` and hex digits
// by the ledger's schema.)

import { plain, plainLines, type Correction, type Position } from '@vetted/core'
import type { VFile } from 'vfile'
import type { VettedData } from './types.ts'

const SOURCE = 'vetted'

/** Every rule the plugin reports under. */
export type RuleId = 'open-correction' | 'unchecked-claim' | 'stale-entry' | 'quote-not-found' | 'invalid-ledger' | 'mdx-not-parsed'

/** Where a rule is explained: its heading in the plugin's README. */
export function ruleUrl(ruleId: RuleId): string {
  return `https://github.com/vetted-md/vetted/tree/main/packages/remark-vetted#${ruleId}`
}

function sourcesNote(correction: Correction): string {
  const lines = correction.sources.map((s) => `- ${plain(s.title)} <${plain(s.url)}>${s.quote ? `: “${plain(s.quote)}”` : ''}`)
  return `${plainLines(correction.reasoning)}${lines.length > 0 ? `\n\nSources:\n${lines.join('\n')}` : ''}\n\nSettle it: vetted resolve ${correction.id} --annotate | --dismiss --note "…"`
}

/** A correction that could not be attached: its quote is not in its claim, or overlaps one attached before it. */
export interface NotAttached {
  correction: Correction
  overlaps?: Correction
  /** The quote when it overlaps, else its claim. */
  place?: { start: Position; end: Position }
}

export function report(file: VFile, data: VettedData, notAttached: NotAttached[]): void {
  // A message is an Error: without this, each one captures a JavaScript stack
  // nobody reads, and a long draft has thousands of unchecked claims.
  const stackTraceLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    reportAll(file, data, notAttached)
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
}

function reportAll(file: VFile, data: VettedData, notAttached: NotAttached[]): void {
  for (const state of data.corrections) {
    const { correction } = state
    // Open and still in the post (a stale one is reported as stale-entry instead).
    if (correction.status !== 'open' || state.status !== 'open') continue
    // At the quote; when the quote left its claim (quote-not-found), at the claim.
    const { claim } = state
    const place =
      state.start && state.end ? { start: state.start, end: state.end } : claim ? { start: claim.start, end: claim.end } : undefined
    const message = file.message(plain(correction.summary), { ruleId: 'open-correction', source: SOURCE, ...(place ? { place } : {}) })
    message.url = ruleUrl('open-correction')
    message.note = sourcesNote(correction)
    message.actual = plain(correction.quote)
  }
  for (const claim of data.unchecked) {
    const message = file.message('Unchecked claim (no verdict yet)', {
      ruleId: 'unchecked-claim',
      source: SOURCE,
      place: { start: claim.start, end: claim.end },
    })
    message.url = ruleUrl('unchecked-claim')
    message.actual = plain(claim.text)
  }
  for (const correction of data.stale) {
    const message = file.message(`${correction.id}: its claim is gone from the post; the correction is now fixed`, {
      ruleId: 'stale-entry',
      source: SOURCE,
    })
    message.url = ruleUrl('stale-entry')
    message.actual = plain(correction.quote)
  }
  for (const { correction, overlaps, place } of notAttached) {
    const reason = overlaps
      ? `${correction.id}: quote overlaps correction ${overlaps.id}, attached before it; nothing attached`
      : `${correction.id}: quote not found in its claim; nothing attached`
    const message = file.message(reason, { ruleId: 'quote-not-found', source: SOURCE, ...(place ? { place } : {}) })
    message.url = ruleUrl('quote-not-found')
    message.actual = plain(correction.quote)
  }
}
