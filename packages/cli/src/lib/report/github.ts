// GitHub Actions workflow commands: one annotation per problem, within GitHub's
// limits (10 error annotations shown per step; messages escaped), then the full
// text report for the log.

import type { Report } from '../../schemas/report.ts'

export const GITHUB_ANNOTATION_LIMIT = 10

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
      if (c.stale) annotations.push({ file: file.path, title: `vetted: stale correction ${c.id}`, message: `“${c.quote}” left the post; run vetted check to record it as fixed.` })
      else if (c.status === 'open')
        annotations.push({
          file: file.path,
          ...(c.start && c.end ? { line: c.start.line, col: c.start.column, endLine: c.end.line, endColumn: c.end.column } : {}),
          title: `vetted: open correction ${c.id}`,
          message: `Claim: “${c.quote}”\nCorrection: ${c.summary}\nSettle: vetted resolve ${c.id} --annotate | --dismiss --note "…"`,
        })
    }
    for (const claim of file.uncheckedClaims) {
      unchecked.push({
        file: file.path,
        line: claim.start.line,
        col: claim.start.column,
        endLine: claim.end.line,
        endColumn: claim.end.column,
        title: 'vetted: unchecked claim',
        message: `${claim.text}\nRun vetted check with OPENAI_API_KEY set, then commit the ledger.`,
      })
    }
  }
  return [...annotations, ...unchecked]
}

export function githubCommands(report: Report): string {
  const annotations = githubAnnotations(report)
  const lines = annotations.slice(0, GITHUB_ANNOTATION_LIMIT).map((a) => {
    const properties = [`file=${escapeProperty(a.file)}`]
    if (a.line !== undefined) properties.push(`line=${a.line}`, `col=${a.col}`, `endLine=${a.endLine}`, `endColumn=${a.endColumn}`)
    properties.push(`title=${escapeProperty(a.title)}`)
    return `::error ${properties.join(',')}::${escapeData(a.message)}`
  })
  if (annotations.length > GITHUB_ANNOTATION_LIMIT) {
    lines.push(`::notice title=vetted::${annotations.length - GITHUB_ANNOTATION_LIMIT} more problems are not annotated; the full report follows in the log.`)
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
