// `vetted claims [paths...]`: every sentence of each post's prose, with its state
// (not a claim, unchecked, supported, unverifiable, incorrect) and why: the
// detection reasons and the signs against it, or the verdict and who gave it. So
// an author sees what the checker looked at, what it found fine, and what it
// never saw. Offline and read-only, like `vetted check --ci`.

import { basename } from 'node:path'
import { currentCheckerKey, currentScreenerKey, resolveSettings } from '@vetted/checker'
import { emptyLedger, isChecked, ledgerPathFor, plain, readLedger, type Ledger } from '@vetted/core'
import { isFromOlderChecker } from '@vetted/core/internal'
import {
  DetectOptionsSchema,
  analyze,
  parseMarkdown,
  readPost,
  type DetectOptions,
  type ResolvedDetectOptions,
  type Sentence,
} from '@vetted/post'
import { SentenceStateSchema, type ClaimsListing, type PostListing, type SentenceListing, type SentenceState } from '../schemas/claims.ts'
import { formatOption, parse } from './args.ts'
import type { Io } from './cli.ts'
import { loadConfig } from './config.ts'
import { CLAIMS_HELP } from './help.ts'
import { postsToWorkOn, type UnusablePost } from './posts.ts'
import { inertJson } from './plain.ts'
import { displayPath } from './report/build.ts'

const FORMATS = ['text', 'json'] as const

export async function claimsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, config: { type: 'string' } })
  if (values.help) {
    io.stdout.write(CLAIMS_HELP)
    return 0
  }
  const format = formatOption(values.format, FORMATS)
  const loaded = await loadConfig(io.cwd, values.config)
  const { config } = loaded
  // A file among the posts that vetted cannot read is named with why, never left out silently.
  const unread: UnusablePost[] = []
  const posts = postsToWorkOn(positionals, loaded, io.cwd, { command: 'claims', verb: 'list' }, unread)
  const { settings } = resolveSettings(config, io.env)
  const checker = currentCheckerKey(settings)
  const coverage = { coverage: settings.coverage, screener: currentScreenerKey(settings) }
  // Every post is read before anything is printed: a broken one is one error line, not half a listing.
  const listings = posts.map((path) =>
    listSentences(path, { checker, cwd: io.cwd, ...coverage, ...(config.detect ? { detect: config.detect } : {}) }),
  )
  const unreadable = unread.map(({ path, reason }) => ({ path: displayPath(path, io.cwd), reason }))
  const listing: ClaimsListing = { checker, files: listings, unreadable }
  io.stdout.write(format === 'json' ? inertJson(listing) : claimsText(listings, unreadable))
  return 0
}

const SENTENCE_STATES = SentenceStateSchema.options

export interface ListOptions {
  /** The current checker key: a verdict under another one counts, as `vetted check` counts it, and is said to be older. */
  checker: string
  detect?: DetectOptions
  cwd: string
  /** The config's coverage, and the current screener key: under "all" a sentence detection leaves out is unchecked until screened. */
  coverage?: 'all' | 'claims'
  screener?: string
}

/** Every sentence of the post at `path`, read against its ledger. Throws VettedInputError on a broken post or ledger. */
export function listSentences(path: string, options: ListOptions): PostListing {
  const source = readPost(path)
  const ledger = readLedger(ledgerPathFor(path), basename(path)) ?? emptyLedger(basename(path))
  const tree = parseMarkdown(source, path)
  // Resolved once: the defaults come from the schema, and "why not" names the thresholds in force.
  const detect = DetectOptionsSchema.parse(options.detect ?? {})
  // analyze's unchecked also holds sentences that carry the quote of a correction whose own sentence was edited.
  const coverage = {
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.screener ? { screener: options.screener } : {}),
  }
  const analysis = analyze(tree, source, ledger, { checker: options.checker, detect, ...coverage })
  const unchecked = new Set(analysis.unchecked.map((claim) => claim.fingerprint))
  const unscreened = new Set(analysis.unscreened.map((claim) => claim.fingerprint))
  const sentences = analysis.sentences.map((sentence) => listing(sentence, ledger, { unchecked, unscreened }, options.checker, detect))
  const summary = Object.fromEntries(SENTENCE_STATES.map((state) => [state, 0])) as Record<SentenceState, number>
  for (const sentence of sentences) summary[sentence.state]++
  return { path: displayPath(path, options.cwd), sentences, summary }
}

function listing(
  sentence: Sentence,
  ledger: Ledger,
  { unchecked, unscreened }: { unchecked: Set<string>; unscreened: Set<string> },
  checker: string,
  detect: ResolvedDetectOptions,
): SentenceListing {
  const against = sentence.markers.map((marker) => MARKER_WORDS[marker])
  const base = { line: sentence.start.line, column: sentence.start.column, text: sentence.text, reasons: sentence.reasons, against }
  const corrections = Object.values(ledger.corrections)
    .filter((correction) => correction.claim === sentence.fingerprint)
    .map((correction) => correction.id)
  const withCorrections = corrections.length > 0 ? { corrections } : {}
  const record = ledger.claims[sentence.fingerprint]
  const screen = record?.screen
  const screened = screen
    ? `screened ${screen.checkWorthy ? 'check-worthy' : 'not check-worthy'} by ${screen.checker}: ${screen.reason}`
    : undefined
  if (!sentence.selected && !unchecked.has(sentence.fingerprint) && !(screen?.checkWorthy && record?.verdict)) {
    return { ...base, state: 'not-a-claim', why: screened ? `${whyNot(sentence, detect)}; ${screened}` : whyNot(sentence, detect) }
  }
  const detected = sentence.selected
    ? `a claim: ${describeSignals(sentence)}`
    : unscreened.has(sentence.fingerprint)
      ? `not selected (${whyNot(sentence, detect)}) and not screened yet`
      : (screened ?? 'holds the quote of a correction whose sentence was edited')
  if (unchecked.has(sentence.fingerprint) || !record?.verdict || !isChecked(record)) {
    return { ...base, state: 'unchecked', why: `${detected}; no verdict in the ledger yet`, ...withCorrections }
  }
  const correctionWords = corrections.length > 0 ? `; correction ${corrections.join(', ')}` : ''
  const judged = [record.checker, record.checkedAt].filter((part) => part !== undefined).join(', ')
  // A verdict stays valid under the checker that made it; judging it again is opt-in.
  const older = isFromOlderChecker(record, { checker })
    ? `; an older checker than ${checker}: kept, \`vetted check --recheck-older\` judges it again`
    : ''
  return {
    ...base,
    state: record.verdict,
    why: `${detected}; ${record.verdict}${judged ? ` (${judged})` : ''}${older}${correctionWords}`,
    ...(record.checker !== undefined ? { checker: record.checker } : {}),
    ...(record.checkedAt !== undefined ? { checkedAt: record.checkedAt } : {}),
    ...withCorrections,
  }
}

function whyNot(sentence: Sentence, detect: ResolvedDetectOptions): string {
  if (sentence.excluded) return `${EXCLUSION_WORDS[sentence.excluded]}: never a claim`
  if (sentence.short) return `fewer than ${detect.minWords} words`
  if (sentence.quoted && !detect.includeQuoted) return 'inside a blockquote, and detect.includeQuoted is false'
  return `score ${sentence.score}, below the threshold ${detect.threshold}: ${describeSignals(sentence)}`
}

function describeSignals(sentence: Sentence): string {
  const reasons = sentence.reasons.length > 0 ? sentence.reasons.join(', ') : 'no reason'
  const against = sentence.markers.map((marker) => MARKER_WORDS[marker])
  return against.length > 0 ? `${reasons}; against: ${against.join(', ')}` : reasons
}

const MARKER_WORDS: Record<Sentence['markers'][number], string> = {
  hedge: 'a hedge',
  firstPerson: 'first person',
  address: 'addresses the reader',
  deixis: 'points at the post itself',
  pronounOne: '"one" as a pronoun',
  opinion: 'an opinion word',
  future: 'a plan or prediction',
  listLead: 'a lead-in to a list',
}
const EXCLUSION_WORDS: Record<NonNullable<Sentence['excluded']>, string> = {
  question: 'a question',
  instruction: 'an instruction',
  greeting: 'a greeting',
}

const STATE_WORDS: Record<SentenceState, string> = {
  'not-a-claim': 'not a claim',
  unchecked: 'unchecked',
  supported: 'supported',
  unverifiable: 'unverifiable',
  incorrect: 'incorrect',
}

/** The listing as text for a terminal: the post's text and the ledger's words as plain text, one line each. */
export function claimsText(posts: PostListing[], unreadable: ClaimsListing['unreadable'] = []): string {
  const out: string[] = []
  for (const post of posts) {
    const counts = SENTENCE_STATES.map((state) => `${post.summary[state]} ${STATE_WORDS[state]}`).join(', ')
    out.push(`${plain(post.path)}: ${post.sentences.length} sentences: ${counts}`)
    for (const sentence of post.sentences) {
      out.push(`  ${`${sentence.line}:${sentence.column}`.padEnd(8)}${STATE_WORDS[sentence.state].padEnd(14)}${plain(sentence.text)}`)
      out.push(`  ${''.padEnd(22)}${plain(sentence.why)}`)
    }
    out.push('')
  }
  for (const { path, reason } of unreadable) out.push(`${plain(path)}: not read: ${plain(reason)}`, '')
  return `${out.join('\n')}`
}
