import { relative, sep } from 'node:path'
import { plain, type CorrectionStatus } from '@vetted/core'
import type { Report, ReportCorrection, ReportFile, ReportNote } from '../../schemas/report.ts'
import type { Analysis } from '../analyze.ts'
import type { UnusablePost } from '../posts.ts'

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
  const files: ReportFile[] = analyses.map(({ path, data, date }) => {
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
      ...(date.date ? { date: date.date } : {}),
      claims: data.claims.length,
      claimsUnchecked: data.unchecked.length - data.unscreened.length,
      unscreened: data.unscreened.length,
      unchecked: data.unchecked.length,
      older: data.older.length,
      corrections,
      correctionLog: data.fixed.map(({ correction, date: fixedOn }) => ({ id: correction.id, date: fixedOn })),
      notes: date.date === undefined ? [dateNote(date.problem, date.line)] : [],
      uncheckedClaims: data.unchecked.map(({ text, start, end, fingerprint }) => ({
        text,
        start,
        end,
        ...(unscreened.has(fingerprint) ? { unscreened: true as const } : {}),
      })),
      ...(spent ? { usage: spent } : {}),
    }
  })
  const all = files.flatMap((file) => file.corrections)
  const count = (status: ReportCorrection['status']) => all.filter((c) => c.status === status && !c.stale).length
  return {
    version: 1,
    files,
    unreadable: [],
    orphans: [],
    summary: {
      files: files.length,
      claims: files.reduce((sum, file) => sum + file.claims, 0),
      claimsUnchecked: files.reduce((sum, file) => sum + file.claimsUnchecked, 0),
      unscreened: files.reduce((sum, file) => sum + file.unscreened, 0),
      unchecked: files.reduce((sum, file) => sum + file.unchecked, 0),
      older: files.reduce((sum, file) => sum + file.older, 0),
      open: count('open'),
      annotate: count('annotate'),
      dismiss: count('dismiss'),
      fixed: all.filter((c) => c.status === 'fixed' || c.stale).length,
      stale: all.filter((c) => c.stale).length,
      unreadable: 0,
      orphans: 0,
      notes: files.reduce((sum, file) => sum + file.notes.length, 0),
    },
  }
}

/** A post whose date vetted cannot read: said, never failing the gate. */
function dateNote(problem: string, line: number | undefined): ReportNote {
  return {
    rule: 'no-date',
    message: `${problem}; its claims are judged as of the day they are checked, and it has no correction log`,
    ...(line ? { line } : {}),
  }
}

/**
 * A correction's claim as one line of text: its whole sentence with the quoted
 * words passed through `mark`, or the quote alone in quotation marks when the
 * sentence is not known. Every part goes through plain() before `mark` styles it.
 */
export function claimWithQuote(c: ReportCorrection, mark: (quote: string) => string): string {
  if (!c.sentence) return `“${plain(c.quote)}”`
  const { text, quoteStart, quoteEnd } = c.sentence
  return plain(text.slice(0, quoteStart)) + mark(plain(text.slice(quoteStart, quoteEnd))) + plain(text.slice(quoteEnd))
}

/** The report with the posts vetted could not work on because of their names (posts.ts), each a finding that fails the gate. */
export function withUnreadable(report: Report, posts: readonly UnusablePost[], cwd: string): Report {
  const unreadable = posts.map((post) => ({ path: displayPath(post.path, cwd), reason: post.reason }))
  return { ...report, unreadable, summary: { ...report.summary, unreadable: unreadable.length } }
}

/** The ledgers whose post is gone, each with the words that settle it (`describe`). */
export function withOrphans<O extends { ledger: string; post: string; renamedTo?: string | undefined }>(
  report: Report,
  orphans: readonly O[],
  cwd: string,
  describe: (orphan: O) => string,
): Report {
  const listed = orphans.map((orphan) => ({
    ledger: displayPath(orphan.ledger, cwd),
    post: displayPath(orphan.post, cwd),
    renamedTo: orphan.renamedTo ? displayPath(orphan.renamedTo, cwd) : null,
    message: describe(orphan),
  }))
  return { ...report, orphans: listed, summary: { ...report.summary, orphans: listed.length } }
}

/** Settled: nothing open, nothing unchecked, nothing stale, no post that could not be checked, no ledger without its post. */
export function isSettled(report: Report): boolean {
  return (
    report.summary.open === 0 &&
    report.summary.unchecked === 0 &&
    report.summary.stale === 0 &&
    report.summary.unreadable === 0 &&
    report.summary.orphans === 0
  )
}
