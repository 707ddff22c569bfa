// What the packaging tests of whole Astro sites (astro-blog, starlight) share:
// writing the site into the user's project, running astro in it, reading the ledgers vetted check wrote,
// and finding a card on the sentence it corrects in the built HTML.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect } from 'vitest'
import { userEnv, type CommandResult, type UserProject } from './support.ts'

export const ASTRO_ENV = userEnv({ ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' })

export const output = (result: CommandResult) => `${result.stdout}\n${result.stderr}`

/** Write each file of `site` (by path relative to the project) into the user's project. */
export function writeSite(project: UserProject, site: Record<string, string>): void {
  for (const [path, text] of Object.entries(site)) {
    mkdirSync(dirname(join(project.dir, path)), { recursive: true })
    writeFileSync(join(project.dir, path), text)
  }
}

export function astroBuild(project: UserProject): Promise<CommandResult> {
  return project.bin('astro', ['build'], { env: ASTRO_ENV, timeout: 280_000 })
}

/** A sentence planted in a post, and the words of it the fake model's correction quotes. */
export interface PlantedError {
  sentence: string
  quote: string
}

interface LedgerFile {
  claims: Record<string, { text: string }>
  corrections: Record<string, { id: string; claim: string; quote: string; status: string }>
}

/**
 * The id of the correction `vetted check` wrote for each planted sentence, read
 * from the post's ledger: exactly one correction per sentence, whose claim is that
 * sentence and whose quote is the planted words; no correction anywhere else.
 */
export function correctionIds<T extends PlantedError[]>(ledgerPath: string, planted: [...T]): { [K in keyof T]: string } {
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as LedgerFile
  const found = Object.values(ledger.corrections).map((correction) => ({
    id: correction.id,
    sentence: ledger.claims[correction.claim]?.text,
    quote: correction.quote,
    status: correction.status,
  }))
  expect(
    found
      .map(({ sentence, quote, status }) => ({ sentence, quote, status }))
      .sort((a, b) => String(a.sentence).localeCompare(String(b.sentence))),
  ).toEqual(
    planted.map(({ sentence, quote }) => ({ sentence, quote, status: 'open' })).sort((a, b) => a.sentence.localeCompare(b.sentence)),
  )
  return planted.map(({ sentence }) => found.find((correction) => correction.sentence === sentence)!.id) as { [K in keyof T]: string }
}

/** The 1-based line of `text` where `sentence` starts. */
export function lineOf(text: string, sentence: string): number {
  const at = text.indexOf(sentence)
  if (at < 0) throw new Error(`not in the post: ${sentence}`)
  return text.slice(0, at).split('\n').length
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * In a built page, the planted words are marked in their own sentence (the words
 * before them lead straight into the mark), the mark's footnote reference leads to
 * a card, and that card is the correction `id`, shown with `status`. Soft: a page
 * with several planted errors reports each one that fails.
 */
export function expectCardOnSentence(html: string, planted: PlantedError, id: string, status: 'annotate' | 'open'): void {
  const before = planted.sentence.slice(0, planted.sentence.indexOf(planted.quote))
  const mark = new RegExp(
    `${escapeRegExp(before)}<span class="vetted-marker"><mark class="vetted-claim[^"]*" id="([^"]+)">${escapeRegExp(planted.quote)}`,
  ).exec(html)
  const around = html.indexOf(planted.sentence.slice(0, 20))
  const page = around < 0 ? '(the sentence is not on the page)' : html.slice(Math.max(0, around - 200), around + 400)
  expect.soft(html, `the card of ${id} anywhere on the page`).toContain(`data-vetted-id="${id}"`)
  expect.soft(mark, `the mark on "${planted.quote}" in "${planted.sentence}"; the page there: ${page}`).not.toBeNull()
  if (!mark) return
  const ref = /<a href="#([^"]+)"[^>]*data-vetted-ref/.exec(html.slice(mark.index))
  expect.soft(ref, `the footnote reference after the mark on "${planted.quote}"`).not.toBeNull()
  if (!ref) return
  const card = new RegExp(`<li [^>]*\\bid="${escapeRegExp(ref[1]!)}"[^>]*>`).exec(html)?.[0] ?? '(no such card)'
  expect.soft(card, `the card ${ref[1]}`).toContain(`data-vetted-id="${id}"`)
  expect.soft(card, `the card ${ref[1]}`).toContain(`data-vetted-status="${status}"`)
}

/** No mark on the planted words: the correction is not shown (dismissed, or rejected). */
export function expectNoCardOnSentence(html: string, planted: PlantedError, id: string): void {
  expect(html).toContain(planted.sentence)
  expect(html).not.toContain(`data-vetted-id="${id}"`)
}

/** The built page at `path` under the site's dist/. */
export const builtPage = (site: string, path: string) => readFileSync(join(site, 'dist', path), 'utf8')
