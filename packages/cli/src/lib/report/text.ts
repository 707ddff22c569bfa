// The text report reads like a correction page: per post, each correction with
// its place, the claim, the correction, the full reasoning, the sources, who
// checked it, its id and status, and the command that settles it.

import { MANUAL_CHECKER, plain, plainLines } from '@vetted/core'
import type { Report, ReportCorrection } from '../../schemas/report.ts'
import type { Style } from '../style.ts'
import { claimWithQuote } from './build.ts'

/** The URL as readers should see it: the WHATWG serialization, its host in punycode (`xn--`). */
function displayUrl(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

const LIST_ITEM = /^(\s*(?:[-*+]|\d+[.)])\s+)/
const MARKDOWN_LINK = /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g

/** Wrap Markdown-ish text to `width`; list items keep a hanging indent. */
export function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    if (paragraph.trim() === '') {
      if (lines.at(-1) !== '') lines.push('')
      continue
    }
    // A Markdown link reads as "text <url>" on a terminal.
    const plain = paragraph.replace(MARKDOWN_LINK, '$1 <$2>')
    const marker = LIST_ITEM.exec(plain)?.[1] ?? ''
    const hanging = indent + ' '.repeat(marker.length)
    let prefix = indent + marker
    let line = ''
    for (const word of plain.slice(marker.length).split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line)
        prefix = hanging
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    if (line) lines.push(prefix + line)
  }
  return lines.join('\n')
}

/** Open, or stale: the gate fails on it. */
const needsAttention = (c: ReportCorrection) => c.status === 'open' || Boolean(c.stale)

/** Sentences detection left out that the screen has not seen (coverage "all"): not claims, counted apart from them. */
const notScreened = (count: number) => (count > 0 ? `; ${count} ${count === 1 ? 'sentence' : 'sentences'} not screened yet` : '')

/** What the gate waits for, in words: "1 claim is unchecked and 3 sentences are not screened". */
export function uncheckedPhrase({ claimsUnchecked, unscreened }: { claimsUnchecked: number; unscreened: number }): string {
  const claims = claimsUnchecked === 1 ? '1 claim is unchecked' : `${claimsUnchecked} claims are unchecked`
  const sentences = unscreened === 1 ? '1 sentence is not screened' : `${unscreened} sentences are not screened`
  return [claimsUnchecked > 0 ? claims : '', unscreened > 0 ? sentences : ''].filter(Boolean).join(' and ')
}

function statusText(c: ReportCorrection): string {
  if (c.stale) return 'stale: the quote left the post'
  switch (c.status) {
    case 'open':
      return 'open: not settled'
    case 'annotate':
      return c.shown
        ? 'published'
        : c.start
          ? 'published, but "render" in the config hides it'
          : 'published, but its quote is not in the post: readers do not see it'
    case 'dismiss':
      return c.shown ? 'dismissed, shown to readers with the note' : 'dismissed'
    case 'fixed':
      return 'fixed: the post was rewritten'
  }
}

/** A fixed correction that readers saw: the day the fix was recorded, in the correction log. */
function loggedText(c: ReportCorrection, log: ReadonlyMap<string, string>): string {
  const day = c.status === 'fixed' && !c.stale ? log.get(c.id) : undefined
  return day ? `, on ${day}, in the correction log` : ''
}

/** `post`: the post's path, given to resolve when it is outside the configured content (else resolve would not find it). */
function settleHint(c: ReportCorrection, post: string | undefined): string {
  if (c.stale) return 'run `vetted check` to record it as fixed'
  const where = post === undefined ? '' : ` ${shellWord(post)}`
  switch (c.status) {
    case 'open':
      return `vetted resolve ${c.id} --annotate${where}   or   vetted resolve ${c.id} --dismiss --note "why"${where}   or rewrite the sentence`
    case 'annotate':
    case 'dismiss':
      return `vetted resolve ${c.id} --reopen${where}`
    case 'fixed':
      return 'nothing to do'
  }
}

function checkedBy(c: ReportCorrection): string {
  const { model, prompt, date } = c.checker
  return plain(model === MANUAL_CHECKER ? `Reviewed by an editor on ${date}` : `Checked by ${model} (prompt ${prompt}) on ${date}`)
}

// Every text from a post, a ledger or the model goes through plain() before our styling wraps it.
/** A path as one shell word: quoted unless it is plain. */
const shellWord = (path: string) => (/^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`)

export interface TextReportOptions {
  style: Style
  width: number
  checkHint: string | undefined
  /** `--ci`: list only what needs attention (open and stale corrections, unchecked claims); summarise the rest in one line. */
  attentionOnly?: boolean
  /** Report paths of posts outside the configured content: their settle commands name the post. */
  outsideContent?: ReadonlySet<string>
  /** The current checker key, named in the line on results from an older one. */
  checker?: string
}

export function textReport(report: Report, options: TextReportOptions): string {
  const { style, width } = options
  const out: string[] = []
  for (const file of report.files) {
    const listed = options.attentionOnly ? file.corrections.filter(needsAttention) : file.corrections
    if (options.attentionOnly && listed.length === 0 && file.unchecked === 0 && file.notes.length === 0) continue
    const path = plain(file.path)
    // Corrections that stand; fixed ones are history and counted apart.
    const count = file.corrections.filter((c) => c.status !== 'fixed' && !c.stale).length
    const fixed = file.corrections.length - count
    out.push(
      style.bold(path) +
        style.dim(
          ` — ${count === 1 ? '1 correction' : `${count} corrections`} found${fixed > 0 ? ` (${fixed} fixed)` : ''}, ${file.claims} claims, ${file.claimsUnchecked} unchecked${notScreened(file.unscreened)}`,
        ),
    )
    // Notes do not fail the gate: a post whose date vetted cannot read.
    for (const note of file.notes) out.push(`  ${style.yellow('Note:')} ${path}${note.line ? `:${note.line}` : ''}: ${plain(note.message)}`)
    const logged = new Map(file.correctionLog.map((entry) => [entry.id, entry.date]))
    listed.forEach((c, index) => {
      const where = c.start
        ? `${path}:${c.start.line}:${c.start.column}`
        : `${path} (${c.stale || c.status === 'fixed' ? 'the quote left the post' : 'quote not found in the post'})`
      const colour = c.status === 'open' || c.stale ? style.red : c.status === 'annotate' ? style.yellow : style.dim
      out.push('')
      out.push(
        `  ${style.bold(`${index + 1}.`)} ${where}  ${colour(`[${statusText(c)}${loggedText(c, logged)}]`)}  ${style.cyan(plain(c.id))}`,
      )
      // The whole sentence, the quoted words marked, as the cards show it.
      out.push(`     ${style.bold('Claim:')}       ${claimWithQuote(c, style.mark)}`)
      out.push(`     ${style.bold('Correction:')}  ${plain(c.summary)}`)
      if (c.note) out.push(`     ${style.bold('Author’s note:')} ${plain(c.note)}`)
      out.push(`     ${style.bold('Full reasoning:')}`)
      out.push(plainLines(wrapText(c.reasoning, width, '       ')))
      if (c.sources.length > 0) {
        out.push(`     ${style.bold(c.sources.length === 1 ? 'Source:' : `Sources (${c.sources.length}):`)}`)
        for (const source of c.sources) {
          out.push(`       - ${plain(source.title)} ${style.dim(`<${plain(displayUrl(source.url))}>`)}`)
          if (source.quote) out.push(plainLines(wrapText(`“${source.quote}”`, width, '         ')))
        }
      }
      out.push(`     ${style.dim(checkedBy(c))}`)
      out.push(`     ${style.dim(`Settle: ${plain(settleHint(c, options.outsideContent?.has(file.path) ? file.path : undefined))}`)}`)
    })
    if (file.uncheckedClaims.length > 0) {
      out.push('')
      const claims = file.claimsUnchecked > 0 ? `${file.claimsUnchecked} unchecked ${file.claimsUnchecked === 1 ? 'claim' : 'claims'}` : ''
      const sentences = file.unscreened > 0 ? `${file.unscreened} ${file.unscreened === 1 ? 'sentence' : 'sentences'} not screened` : ''
      out.push(`  ${style.yellow(`${[claims, sentences].filter(Boolean).join(' and ')}:`)}`)
      for (const claim of file.uncheckedClaims) {
        out.push(
          `    ${path}:${claim.start.line}:${claim.start.column}  ${claim.unscreened ? style.dim('(not screened) ') : ''}${plain(claim.text.length > 100 ? `${claim.text.slice(0, 99)}…` : claim.text)}`,
        )
      }
    }
    out.push('')
  }
  // Posts whose names vetted cannot handle: one line each, and the gate fails.
  for (const post of report.unreadable) out.push(style.red(`${plain(post.path)}: cannot be checked: ${post.reason}`))
  if (report.unreadable.length > 0) out.push('')
  const s = report.summary
  const problems = s.open + s.unchecked + s.stale + s.unreadable + s.orphans
  out.push(
    `${s.files} ${s.files === 1 ? 'post' : 'posts'}, ${s.claims} claims: ${s.claimsUnchecked} unchecked, ${s.open} open, ` +
      `${s.annotate} published, ${s.dismiss} dismissed, ${s.fixed} fixed${s.stale ? ` (${s.stale} not yet recorded)` : ''}${notScreened(s.unscreened)}` +
      `${s.notes > 0 ? `; ${s.notes} ${s.notes === 1 ? 'note' : 'notes'}` : ''}.`,
  )
  if (options.attentionOnly) {
    const rest = [
      [s.annotate, 'published'],
      [s.dismiss, 'dismissed'],
      [s.fixed - s.stale, 'fixed'],
    ] as const
    const said = rest.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`)
    if (said.length > 0) out.push(`Not listed: ${said.join(', ')} (nothing to do; \`vetted check\` without --ci lists them).`)
  }
  if (s.older > 0) {
    // A verdict stays valid under the checker that made it: said, never counted against the gate.
    const results = s.older === 1 ? '1 verdict or screen result' : `${s.older} verdicts or screen results`
    const current = options.checker ? ` (not ${plain(options.checker)})` : ''
    out.push(`${results} from an older checker${current}; kept: \`vetted check --recheck-older --dry-run\` prices judging them again.`)
  }
  if (s.unchecked > 0 && options.checkHint) out.push(options.checkHint)
  // Ledgers whose post is gone, one line each saying what to run: never "settled" while there is one.
  for (const orphan of report.orphans) out.push(style.red(plain(orphan.message)))
  out.push(problems === 0 ? style.green('Everything is settled.') : style.red('Not settled yet.'))
  return `${out.join('\n')}\n`
}
