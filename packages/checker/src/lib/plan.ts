// What a check of one post would send, worked out without the network: the one
// place that decides which claims are judged and which sentences are screened
// (checkPost runs it), and `planCheck`, which builds the very request texts a
// run would send so that `vetted check --dry-run` can count them. Both work from
// one reading of the post and its ledger: the caller's (`source`, `tree`,
// `ledger`), else one made here, each file read once and the post parsed once.

import { basename } from 'node:path'
import { emptyLedger, isChecked, isScreened, ledgerPathFor, readLedger, type Claim, type ClaimRecord, type Ledger } from '@vetted/core'
import { isFromOlderChecker } from '@vetted/core/internal'
import { linksOf, parseFrontmatter, parseMarkdown, postDate, readPost, sentencesOf } from '@vetted/post'
import type { Root } from 'mdast'
import { z } from 'zod'
import { ANSWER_FORMAT, AnswerSchema } from '../schemas/answer.ts'
import { TOOLS } from './call.ts'
import type { CheckPostInput } from './check-post.ts'
import type { CheckedProposal } from './code-checks.ts'
import { CheckerConfigError, currentCheckerKey, currentScreenerKey, resolveConfig, type ResolvedConfig } from './config.ts'
import { investigateInput, type PendingClaim, type PostContext } from './investigate.ts'
import { postPlainText } from './plain-text.ts'
import { PROMPTS, fenceToken } from './prompts.ts'
import { SCREEN_BATCH_SIZE, screenInput } from './screen.ts'
import { validateInput } from './validate.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export interface Work {
  config: ResolvedConfig
  /** `model@promptVersion`, and `screenModel@promptVersion`. */
  checker: string
  screener: string
  post: string
  ledgerPath: string
  source: string
  tree: Root
  /** The ledger as read (the caller's, else read here). */
  ledger: Ledger
  /** The "as of" date, and the day of the run. */
  date: string
  today: string
  /** Claims (and sentences the screen called check-worthy before) to judge. */
  pending: PendingClaim[]
  /** Sentences to screen first. */
  toScreen: PendingClaim[]
  /** Claims and sentences the ledger settles already. */
  skipped: number
  /** The post as the requests show it, with one fence token for all of them. */
  postContext(): PostContext
}

/** Which claims go to the checker and which sentences to the screen. Reads what the input does not give (the post, its ledger) once; sends nothing. */
export function selectWork(input: Omit<CheckPostInput, 'onProgress' | 'stopSending' | 'signal'>): Work {
  const config = resolveConfig(input.config)
  const checker = currentCheckerKey(input.config)
  const screener = currentScreenerKey(input.config)
  const post = basename(input.postPath)
  const ledgerPath = ledgerPathFor(input.postPath)
  const source = input.source ?? readPost(input.postPath)
  const tree = input.tree ?? parseMarkdown(source, input.postPath)
  const today = new Date().toISOString().slice(0, 10)
  const date = input.date ?? postDate(parseFrontmatter(source, input.postPath)).date ?? today
  if (!DAY.test(date)) throw new CheckerConfigError(`the "as of" date must look like 2024-05-31, not ${JSON.stringify(date)}`)
  const ledger = input.ledger ?? readLedger(ledgerPath, post) ?? emptyLedger(post)
  // Every sentence of the post, scored: those detection selects are its claims (detectClaims).
  const everySentence = input.claims ? [] : sentencesOf(tree, source)
  const claims = input.claims ?? everySentence.filter((sentence) => sentence.selected)
  const claimed = new Set(claims.map((claim) => claim.fingerprint))
  const allSentences = !input.claims && !input.sentences && config.coverage === 'all'
  const sentences = input.sentences ?? (allSentences ? everySentence.filter((s) => !claimed.has(s.fingerprint)) : [])
  const links = linksOf(tree, [...claims, ...sentences])
  const pendingOf = (claim: Claim): PendingClaim => ({
    fingerprint: claim.fingerprint,
    text: claim.text,
    quoted: claim.quoted,
    ...(links.get(claim.fingerprint)?.length ? { links: links.get(claim.fingerprint)! } : {}),
  })

  const pending: PendingClaim[] = []
  const toScreen: PendingClaim[] = []
  const seen = new Set<string>()
  let skipped = 0
  // A verdict or a screen result from any checker settles (it stays valid under the checker that
  // made it); with recheckOlder, one from another checker than the current one does not.
  const older = (record: ClaimRecord | undefined) => Boolean(input.recheckOlder) && isFromOlderChecker(record, { checker, screener })
  const judged = (record: ClaimRecord | undefined) => !input.recheck && isChecked(record) && !older(record)
  const screened = (record: ClaimRecord | undefined) => !input.recheck && isScreened(record) && !older(record)
  for (const claim of claims) {
    if (seen.has(claim.fingerprint)) continue
    seen.add(claim.fingerprint)
    if (judged(ledger.claims[claim.fingerprint])) skipped++
    else pending.push(pendingOf(claim))
  }
  // Sentences: a verdict or the screen's "not check-worthy" settles one; a check-worthy one is judged.
  for (const sentence of sentences) {
    if (seen.has(sentence.fingerprint)) continue
    seen.add(sentence.fingerprint)
    const record = ledger.claims[sentence.fingerprint]
    if (judged(record)) skipped++
    // A verdict of an older checker is judged again, not screened again.
    else if (record?.verdict && older(record)) pending.push(pendingOf(sentence))
    else if (screened(record)) {
      if (record?.screen?.checkWorthy) pending.push(pendingOf(sentence))
      else skipped++
    } else toScreen.push(pendingOf(sentence))
  }
  const postContext = (): PostContext => {
    const text = postPlainText(tree, source)
    // One token for all of the post's requests: they then share their first part (instructions, date, post).
    return { text, date, token: fenceToken([text, ...[...pending, ...toScreen].map((claim) => claim.text)]) }
  }
  return { config, checker, screener, post, ledgerPath, source, tree, ledger, date, today, pending, toScreen, skipped, postContext }
}

/**
 * One request a run would send: its kind, the model asked, how many claims or
 * sentences it lists, and its characters: the tools and the answer format as
 * JSON (the provider reads and bills them ahead of the instructions), the
 * instructions and the input.
 */
export interface PlannedRequest {
  kind: 'investigate' | 'screen' | 'validate'
  model: string
  items: number
  characters: number
}

export interface CheckPlan {
  /** The claims a run would judge, with their links. */
  claims: PendingClaim[]
  /** The sentences it would screen first. */
  sentences: PendingClaim[]
  /** Claims and sentences the ledger settles: not sent. */
  skipped: number
  /**
   * The screening and investigate requests (each batch `samples` times), built as a run
   * builds them, and a validation for each claim whose investigation an earlier run kept
   * while the budget held its validation back (such a claim is not investigated again).
   */
  requests: PlannedRequest[]
  /** The investigate requests that would follow if the screen called every sentence check-worthy (at most this many). */
  ifCheckWorthy: PlannedRequest[]
  /** One validation request, for a correction of typical size: a run sends one per correction proposed. */
  validation: PlannedRequest | undefined
  /**
   * With `rates`: what a run is expected to send. The screenings; the investigations of
   * the claims and of the share of sentences the screen is expected to call check-worthy,
   * batched together as a run batches them; and a validation (of a typical correction)
   * for the share of those expected to get a correction.
   */
  expected: PlannedRequest[]
  /**
   * The characters every request of the post starts with (tools, answer format,
   * instructions, date, post): the part the provider caches for the post's later requests.
   */
  sharedCharacters: number
}

/** How a run is expected to go, for `CheckPlan.expected`. */
export interface ExpectedRates {
  /** The share of the sentences screened that the screen calls check-worthy. */
  checkWorthy: number
  /** Corrections proposed per claim (or check-worthy sentence) judged: each is validated. */
  corrections: number
}

// A correction of the length the prompt asks for: a short quote, one or two
// sentences of summary, a paragraph of reasoning, two sources with a short passage.
const TYPICAL_PROPOSAL: CheckedProposal = {
  quote: 'x'.repeat(30),
  summary: 'x'.repeat(150),
  reasoning: 'x'.repeat(500),
  sources: [
    { url: `https://${'x'.repeat(40)}`, title: 'x'.repeat(40), quote: 'x'.repeat(120) },
    { url: `https://${'x'.repeat(40)}`, title: 'x'.repeat(40), quote: 'x'.repeat(120) },
  ],
}

/** What `checkPost` with this input would send, built with the same prompt functions; nothing is sent or written. */
export function planCheck(input: Omit<CheckPostInput, 'onProgress' | 'stopSending' | 'signal'>, rates?: ExpectedRates): CheckPlan {
  const work = selectWork(input)
  const { config, pending, toScreen, ledger } = work
  const post = work.postContext()
  const screenModel = config.screenModel ?? config.model
  // As checkPost does: a claim awaiting validation under this checker is only validated.
  const awaiting = (claim: PendingClaim) => {
    const held = input.recheck ? undefined : ledger.claims[claim.fingerprint]?.awaitingValidation
    return held?.checker === work.checker ? held : undefined
  }
  const validation = (claim: PendingClaim, proposal: CheckedProposal): PlannedRequest => ({
    kind: 'validate',
    model: config.model,
    items: 1,
    characters: sentCharacters(validateInput(post, claim, proposal)),
  })
  const investigations = (claims: PendingClaim[]): PlannedRequest[] =>
    chunks(claims, config.batchSize).flatMap((all) => {
      const validations = all.flatMap((claim) => {
        const held = awaiting(claim)
        return held
          ? [validation(claim, { quote: held.quote, summary: held.summary, reasoning: held.reasoning, sources: held.sources })]
          : []
      })
      const batch = all.filter((claim) => !awaiting(claim))
      if (batch.length === 0) return validations
      const listed = batch.map((claim, index) => ({ id: `C${index + 1}`, claim }))
      const characters = sentCharacters(investigateInput(post, listed))
      return [
        ...validations,
        ...Array.from({ length: config.samples }, () => ({
          kind: 'investigate' as const,
          model: config.model,
          items: batch.length,
          characters,
        })),
      ]
    })
  const screenings = chunks(toScreen, SCREEN_BATCH_SIZE).map((batch): PlannedRequest => {
    const listed = batch.map((sentence, index) => ({ id: `S${index + 1}`, sentence }))
    return { kind: 'screen', model: screenModel, items: batch.length, characters: sentCharacters(screenInput(post, listed)) }
  })
  const example = pending[0] ?? toScreen[0]
  const expected = (): PlannedRequest[] => {
    if (!rates) return []
    const judged = [...pending, ...toScreen.slice(0, Math.round(rates.checkWorthy * toScreen.length))]
    const corrected = judged.filter((claim) => !awaiting(claim)).slice(0, Math.round(rates.corrections * judged.length))
    return [...screenings, ...investigations(judged), ...corrected.map((claim) => validation(claim, TYPICAL_PROPOSAL))]
  }
  const postInput = investigateInput(post, [])
  return {
    claims: pending,
    sentences: toScreen,
    skipped: work.skipped,
    requests: [...screenings, ...investigations(pending)],
    ifCheckWorthy: investigations(toScreen),
    validation: example && validation(example, TYPICAL_PROPOSAL),
    expected: expected(),
    sharedCharacters: sentCharacters(postInput.slice(0, postInput.indexOf('\nEND-POST-') + 1)),
  }
}

/** The characters of a request with this input: tools and answer format as JSON, instructions, input. */
function sentCharacters(input: string): number {
  formatCharacters ??=
    JSON.stringify(TOOLS).length + JSON.stringify({ name: ANSWER_FORMAT, strict: true, schema: z.toJSONSchema(AnswerSchema) }).length
  return formatCharacters + PROMPTS.instructions.length + input.length
}
let formatCharacters: number | undefined

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
