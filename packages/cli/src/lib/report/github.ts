// GitHub Actions workflow commands: one annotation per problem, within GitHub's
// limits (10 error annotations shown per step), then the full text report for
// the log. The runner reads every line of a step's output, trims its leading
// white space and runs `::name props::data` (and the older `##[name props]data`
// anywhere in a line) as a command, so text we did not write (posts, ledgers,
// model answers, server errors, file names) must never form one: in an
// annotation it is escaped per the runner's rules (actions/toolkit command.ts
// escapeData / escapeProperty); everywhere else it is printed between
// `::stop-commands::TOKEN` and `::TOKEN::`, with a fresh random token per run,
// during which the runner runs no command at all.

import { randomBytes } from 'node:crypto'
import { plain } from '@vetted/core'
import type { Report } from '../../schemas/report.ts'
import { claimWithQuote } from './build.ts'

export const GITHUB_ANNOTATION_LIMIT = 10

/** What the runner unescapes in a command's data and properties; `%` goes first, so text holding `%0A` stays text. */
const escapeData = (value: string) => value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (value: string) => escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')

interface Annotation {
  file: string
  line?: number
  col?: number
  endLine?: number
  endColumn?: number
  title: string
  message: string
}

/** Open corrections and stale entries first (the author must act), then unchecked claims. */
export function githubAnnotations(report: Report): Annotation[] {
  const annotations: Annotation[] = []
  const unchecked: Annotation[] = []
  for (const file of report.files) {
    for (const c of file.corrections) {
      if (c.stale)
        annotations.push({
          file: file.path,
          title: `vetted: stale correction ${c.id}`,
          message: `“${plain(c.quote)}” left the post; run vetted check to record it as fixed.`,
        })
      else if (c.status === 'open')
        annotations.push({
          file: file.path,
          ...(c.start && c.end ? { line: c.start.line, col: c.start.column, endLine: c.end.line, endColumn: c.end.column } : {}),
          title: `vetted: open correction ${c.id}`,
          message: `Claim: ${claimWithQuote(c, (quote) => `«${quote}»`)}\nCorrection: ${plain(c.summary)}\nSettle: vetted resolve ${c.id} --annotate | --dismiss --note "…"`,
        })
    }
    for (const claim of file.uncheckedClaims) {
      unchecked.push({
        file: file.path,
        line: claim.start.line,
        col: claim.start.column,
        endLine: claim.end.line,
        endColumn: claim.end.column,
        // Coverage "all": a sentence detection left out that the screen has not seen yet.
        title: claim.unscreened ? 'vetted: sentence not screened' : 'vetted: unchecked claim',
        message: `${plain(claim.text)}\nRun vetted check with OPENAI_API_KEY set, then commit the ledger.`,
      })
    }
  }
  // A post vetted could not check because of its name: the author must rename it.
  const unreadable = report.unreadable.map((post) => ({ file: post.path, title: 'vetted: post cannot be checked', message: post.reason }))
  const orphans = report.orphans.map((orphan) => ({
    file: orphan.ledger,
    title: 'vetted: ledger without its post',
    message: orphan.message,
  }))
  return [...unreadable, ...orphans, ...annotations, ...unchecked]
}

/** Notes (a post without a readable date): notices, which never fail the gate. */
export function githubNotices(report: Report): Annotation[] {
  return report.files.flatMap((file) =>
    file.notes.map((note) => ({
      file: file.path,
      ...(note.line ? { line: note.line } : {}),
      title: 'vetted: no date',
      message: plain(note.message),
    })),
  )
}

function command(kind: 'error' | 'notice', a: Annotation): string {
  // The file's name is data too, and no fence covers a command's properties: escaped like all other text.
  const properties = [`file=${escapeProperty(plain(a.file))}`]
  if (a.line !== undefined) properties.push(`line=${a.line}`)
  if (a.col !== undefined) properties.push(`col=${a.col}`, `endLine=${a.endLine}`, `endColumn=${a.endColumn}`)
  properties.push(`title=${escapeProperty(a.title)}`)
  return `::${kind} ${properties.join(',')}::${escapeData(a.message)}`
}

export function githubCommands(report: Report): string {
  const annotations = githubAnnotations(report)
  const lines = annotations.slice(0, GITHUB_ANNOTATION_LIMIT).map((a) => command('error', a))
  // GitHub shows 10 notices a step as well, apart from the errors.
  lines.push(
    ...githubNotices(report)
      .slice(0, GITHUB_ANNOTATION_LIMIT)
      .map((a) => command('notice', a)),
  )
  if (annotations.length > GITHUB_ANNOTATION_LIMIT) {
    lines.push(
      `::notice title=vetted::${annotations.length - GITHUB_ANNOTATION_LIMIT} more problems are not annotated; the full report follows in the log.`,
    )
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

/**
 * A fence for the Actions log: `fence(text)` is `text` between
 * `::stop-commands::TOKEN` and `::TOKEN::`, so no line of it runs as a workflow
 * command, whatever it holds. Each commandFence() draws its own token of 128
 * random bits (vetted check draws one per run), so the text cannot end the
 * fence early.
 */
export function commandFence(): (text: string) => string {
  const token = randomBytes(16).toString('hex')
  return (text) => (text === '' ? '' : `::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`)
}

/** Whether this process runs as a step of GitHub Actions, whose runner reads our output for workflow commands. */
export const inGitHubActions = (env: NodeJS.ProcessEnv) => env['GITHUB_ACTIONS'] === 'true'
