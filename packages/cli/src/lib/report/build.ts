import { relative, sep } from 'node:path'
import type { CorrectionStatus } from '@vetted/core'
import type { Report, ReportCorrection, ReportFile } from '../../schemas/report.ts'
import type { Analysis } from '../analyze.ts'

/** Paths in reports are relative to the working folder, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return (rel.startsWith('..') ? path : rel).split(sep).join('/')
}

/** `render`: the statuses the site shows (the config's `render`). `usage`: what `vetted check` spent per post path in this run. */
export function buildReport(
  analyses: Analysis[],
  cwd: string,
  render: readonly CorrectionStatus[] = ['annotate'],
  usage: ReadonlyMap<string, ReportFile['usage']> = new Map(),
): Report {
  const files: ReportFile[] = analyses.map(({ path, data }) => {
    const unscreened = new Set(data.unscreened.map((sentence) => sentence.fingerprint))
    const spent = usage.get(path)
    const stale = new Set(data.stale.map((correction) => correction.id))
    const corrections: ReportCorrection[] = []
    for (const state of data.corrections) {
      const { correction } = state
      // The status as the post has it: `fixed` while the sentence is gone (the ledger keeps the editorial one).
      if (state.status === 'rejected') continue
      corrections.push({
        id: correction.id,
        status: state.status,
        quote: correction.quote,
        ...(state.sentence ? { sentence: state.sentence } : {}),
        summary: correction.summary,
        reasoning: correction.reasoning,
        sources: correction.sources,
        checker: correction.checker,
        ...(correction.note ? { note: correction.note } : {}),
        shown: Boolean(state.start) && !stale.has(correction.id) && render.includes(correction.status),
        ...(state.start && state.end ? { start: state.start, end: state.end } : {}),
        ...(stale.has(correction.id) ? { stale: true } : {}),
      })
    }
    corrections.sort((a, b) => (a.start?.offset ?? Infinity) - (b.start?.offset ?? Infinity))
    return {
      path: displayPath(path, cwd),
      claims: data.claims.length,
      unchecked: data.unchecked.length,
      unscreened: data.unscreened.length,
      older: data.older.length,
      corrections,
      uncheckedClaims: data.unchecked.map(({ text, start, end, fingerprint }) => ({ text, start, end, ...(unscreened.has(fingerprint) ? { unscreened: true as const } : {}) })),
      ...(spent ? { usage: spent } : {}),
    }
  })
  const all = files.flatMap((file) => file.corrections)
  const count = (status: ReportCorrection['status']) => all.filter((c) => c.status === status && !c.stale).length
  return {
    version: 1,
    files,
    summary: {
      files: files.length,
      claims: files.reduce((sum, file) => sum + file.claims, 0),
      unchecked: files.reduce((sum, file) => sum + file.unchecked, 0),
      unscreened: files.reduce((sum, file) => sum + file.unscreened, 0),
      older: files.reduce((sum, file) => sum + file.older, 0),
      open: count('open'),
      annotate: count('annotate'),
      dismiss: count('dismiss'),
      fixed: all.filter((c) => c.status === 'fixed' || c.stale).length,
      stale: all.filter((c) => c.stale).length,
    },
  }
}

/** Settled: nothing open, nothing unchecked, nothing stale. */
export function isSettled(report: Report): boolean {
  return report.summary.open === 0 && report.summary.unchecked === 0 && report.summary.stale === 0
}
