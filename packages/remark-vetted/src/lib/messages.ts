// What the plugin tells an author and CI, as vfile messages with source 'vetted'.

import type { Claim, Correction } from '@vetted/core'
import type { VFile } from 'vfile'
import type { VettedData } from './types.ts'

const SOURCE = 'vetted'

function sourcesNote(correction: Correction): string {
  const lines = correction.sources.map((s) => `- ${s.title} <${s.url}>${s.quote ? `: “${s.quote}”` : ''}`)
  return `${correction.reasoning}${lines.length > 0 ? `\n\nSources:\n${lines.join('\n')}` : ''}\n\nSettle it: vetted resolve ${correction.id} --annotate | --dismiss --note "…"`
}

export function report(file: VFile, data: VettedData, notFound: Correction[], claims: Map<string, Claim>): void {
  // A message is an Error: without this, each one captures a JavaScript stack
  // nobody reads, and a long draft has thousands of unchecked claims.
  const stackTraceLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    reportAll(file, data, notFound, claims)
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
}

function reportAll(file: VFile, data: VettedData, notFound: Correction[], claims: Map<string, Claim>): void {
  for (const state of data.corrections) {
    const { correction } = state
    if (correction.status !== 'open' || !state.start || !state.end) continue
    const message = file.message(`${correction.id}: ${correction.summary}`, {
      ruleId: 'open-correction',
      source: SOURCE,
      place: { start: state.start, end: state.end },
    })
    message.note = sourcesNote(correction)
    message.actual = correction.quote
  }
  for (const claim of data.unchecked) {
    file.message(`Unchecked claim (no verdict under the current checker): ${claim.text}`, {
      ruleId: 'unchecked-claim',
      source: SOURCE,
      place: { start: claim.start, end: claim.end },
    })
  }
  for (const correction of data.stale) {
    file.message(`${correction.id}: the claim is gone from the post (“${correction.quote}”); the correction is now fixed`, {
      ruleId: 'stale-entry',
      source: SOURCE,
    })
  }
  for (const correction of notFound) {
    const claim = claims.get(correction.claim)
    file.message(`${correction.id}: quote not found in its claim, nothing attached: “${correction.quote}”`, {
      ruleId: 'quote-not-found',
      source: SOURCE,
      ...(claim ? { place: { start: claim.start, end: claim.end } } : {}),
    })
  }
}
