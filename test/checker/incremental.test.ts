// The cache: a post is judged once, claim by claim; only what changed is sent again.

import { readFileSync, writeFileSync } from 'node:fs'
import { PROMPT_VERSION, checkPost, currentCheckerKey } from '@vetted/checker'
import { readLedger, type Ledger } from '@vetted/core'
import { describe, expect, test } from 'vitest'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const fake = await useFakeOpenAI()

const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 8 })
const FLAT = [3, 17, 30]

function fortyClaimPost() {
  const lines = sentences(40, { flat: FLAT })
  const source = postOf(lines, { date: '2024-05-01' })
  return { lines, source, ...writePost(source) }
}

describe('a 40-claim post', () => {
  test('checked once: one investigate request per batch plus one validate request per proposed correction', async () => {
    const { lines, source, postPath, ledgerPath } = fortyClaimPost()
    const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })

    expect(fake.investigations()).toHaveLength(Math.ceil(40 / 8))
    expect(result.proposed).toBe(FLAT.length)
    expect(fake.validations()).toHaveLength(result.proposed)
    expect(fake.requests).toHaveLength(5 + 3)
    // Every claim was listed exactly once.
    const listed = fake.investigations().flatMap((r) => r.claims.map((c) => c.text))
    expect(listed.sort()).toEqual([...lines].sort())

    expect(result).toMatchObject({ judged: 40, skipped: 0, approved: 3, rejected: 0, errors: [], budgetExhausted: false })
    const ledger = readLedger(ledgerPath, 'post.md')!
    expect(Object.keys(ledger.claims)).toHaveLength(40)
    expect(Object.values(ledger.claims).every((c) => c.checker === currentCheckerKey(config()) && c.verdict)).toBe(true)
    const corrections = Object.values(ledger.corrections)
    expect(corrections.map((c) => ledger.claims[c.claim]!.text).sort()).toEqual(FLAT.map((i) => lines[i]).sort())
    for (const correction of corrections) {
      expect(correction.status).toBe('open')
      expect(ledger.claims[correction.claim]!.text).toContain(correction.quote)
      expect(correction.validation).toEqual({ approved: true, reason: expect.stringMatching(/contradicts/) })
      expect(correction.sources.length).toBeGreaterThan(0)
      expect(correction.sources.every((s) => s.url.startsWith('https://'))).toBe(true)
    }
    // What the run spent is its result's (vetted check logs it outside the ledger).
    expect(ledger.usage).toEqual([])
    expect(result.usage).toEqual(expect.objectContaining({ checker: `gpt-5.1@${PROMPT_VERSION}`, claims: 40, requests: 8, searches: 3 }))
    expect(result.usage.inputTokens).toBeGreaterThan(0)
    expect(result.usage.outputTokens).toBeGreaterThan(0)
  })

  test('checked again: no request at all, and the ledger file is left untouched', async () => {
    const { lines, source, postPath, ledgerPath } = fortyClaimPost()
    await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
    const before = readFileSync(ledgerPath, 'utf8')
    fake.requests.length = 0

    const again = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
    expect(fake.requests).toHaveLength(0)
    expect(again).toMatchObject({ judged: 0, skipped: 40, proposed: 0, errors: [] })
    expect(readFileSync(ledgerPath, 'utf8')).toBe(before)
  })

  test('after editing one sentence, the requests list only that claim', async () => {
    const { lines, source, postPath, ledgerPath } = fortyClaimPost()
    await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
    fake.requests.length = 0

    const edited = [...lines]
    edited[21] = 'In 1821, Town 22 had exactly 1150 residents and no bridges at all.'
    const newSource = source.replace(lines[21]!, edited[21]!)
    writeFileSync(postPath, newSource)
    const result = await checkPost({ postPath, claims: claimsIn(newSource, edited), config: config() })

    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]!.claims.map((c) => c.text)).toEqual([edited[21]])
    // The model still sees the whole (new) post as context.
    expect(fake.requests[0]!.fences.POST).toContain(edited[21])
    expect(fake.requests[0]!.fences.POST).toContain(lines[0])
    expect(result).toMatchObject({ judged: 1, skipped: 39 })
    expect(result.usage).toMatchObject({ claims: 1, requests: 1 })
  })

  test("--recheck sends every claim again and keeps the author's resolutions of unchanged corrections", async () => {
    const { lines, source, postPath, ledgerPath } = fortyClaimPost()
    const claims = claimsIn(source, lines)
    await checkPost({ postPath, claims, config: config() })
    const [annotated, dismissed] = Object.keys(readLedger(ledgerPath, 'post.md')!.corrections)
    const resolved = JSON.parse(readFileSync(ledgerPath, 'utf8')) as Ledger
    resolved.corrections[annotated!]!.status = 'annotate'
    resolved.corrections[dismissed!]!.status = 'dismiss'
    resolved.corrections[dismissed!]!.note = 'The survey meant the town square.'
    writeFileSync(ledgerPath, JSON.stringify(resolved))
    fake.requests.length = 0

    const result = await checkPost({ postPath, claims, recheck: true, config: config() })
    expect(fake.investigations().flatMap((r) => r.claims)).toHaveLength(40)
    expect(result.judged).toBe(40)
    const after = readLedger(ledgerPath, 'post.md')!
    expect(after.corrections[annotated!]).toEqual(resolved.corrections[annotated!])
    expect(after.corrections[dismissed!]).toMatchObject({ status: 'dismiss', note: 'The survey meant the town square.' })
    expect(
      Object.values(after.corrections)
        .map((c) => c.status)
        .sort(),
    ).toEqual(['annotate', 'dismiss', 'open'])
  })

  test('a new model keeps the verdicts of the old one; with recheckOlder its claims are sent again', async () => {
    const { lines, source, postPath, ledgerPath } = fortyClaimPost()
    const claims = claimsIn(source, lines)
    await checkPost({ postPath, claims, config: config() })
    fake.requests.length = 0
    const kept = await checkPost({ postPath, claims, config: { ...config(), model: 'gpt-5.1-mini' } })
    expect(fake.requests).toHaveLength(0)
    expect(kept).toMatchObject({ judged: 0, skipped: 40 })
    const result = await checkPost({ postPath, claims, config: { ...config(), model: 'gpt-5.1-mini' }, recheckOlder: true })
    expect(fake.investigations().flatMap((r) => r.claims)).toHaveLength(40)
    expect(result.judged).toBe(40)
    expect(fake.investigations()[0]!.body.model).toBe('gpt-5.1-mini')
    expect(Object.values(readLedger(ledgerPath, 'post.md')!.claims)[0]!.checker).toBe(`gpt-5.1-mini@${PROMPT_VERSION}`)
  })
})

test('manual verdicts count under every checker and are never sent', async () => {
  const lines = sentences(4)
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  const claims = claimsIn(source, lines)
  writeFileSync(
    ledgerPath,
    JSON.stringify({
      version: 1,
      post: 'post.md',
      claims: { [claims[1]!.fingerprint]: { text: lines[1], verdict: 'supported', checker: 'manual', checkedAt: '2024-01-01' } },
    }),
  )
  const result = await checkPost({ postPath, claims, config: config() })
  expect(result).toMatchObject({ judged: 3, skipped: 1 })
  expect(fake.requests[0]!.claims.map((c) => c.text)).toEqual([lines[0], lines[2], lines[3]])
})

test('a sentence that occurs twice is sent once', async () => {
  const lines = sentences(3)
  const source = postOf([...lines, lines[0]!])
  const { postPath } = writePost(source)
  await checkPost({ postPath, claims: claimsIn(source, [...lines, lines[0]!]), config: config() })
  expect(fake.requests[0]!.claims.map((c) => c.text)).toEqual(lines)
})

test("the request carries the web search tool, its sources, the structured format, and the post's date", async () => {
  const lines = sentences(3, { flat: [1] })
  const source = postOf(lines, { date: '2019-03-14' })
  const { postPath } = writePost(source)
  await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  const [investigation, validation] = [fake.investigations()[0]!, fake.validations()[0]!]
  for (const request of [investigation, validation]) {
    expect(request.body.tools).toEqual([{ type: 'web_search' }])
    expect(request.body.include).toEqual(['web_search_call.action.sources'])
    expect(request.body.text.format).toMatchObject({ type: 'json_schema', strict: true })
    expect(request.input).toContain('published on 2019-03-14')
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`)
  }
  // One answer format, one instructions text and one cache key for every task: the provider caches their common first part.
  expect(validation.body.text.format).toEqual(investigation.body.text.format)
  expect(validation.body.instructions).toBe(investigation.body.instructions)
  expect(validation.body.prompt_cache_key).toBe(investigation.body.prompt_cache_key)
  expect(investigation.body.prompt_cache_key).toBe(investigation.token)
  expect(validation.claim).toBe(lines[1])
  expect(validation.correction!.quote).toBe('was perfectly flat')
})

test('an explicit date wins over the frontmatter; without either, today is the "as of" date', async () => {
  const lines = sentences(2)
  const dated = writePost(postOf(lines, { date: '2019-03-14' }))
  await checkPost({
    postPath: dated.postPath,
    claims: claimsIn(postOf(lines, { date: '2019-03-14' }), lines),
    date: '2020-01-02',
    config: config(),
  })
  expect(fake.requests[0]!.input).toContain('published on 2020-01-02')
  const undated = writePost(postOf(lines))
  await checkPost({ postPath: undated.postPath, claims: claimsIn(postOf(lines), lines), config: config() })
  expect(fake.requests[1]!.input).toContain(`published on ${new Date().toISOString().slice(0, 10)}`)
})

test("citation markers are stripped, quotes stay the post's own characters, and a source quote is kept only when the validator found it", async () => {
  const lines = ['The old harbour wall was built in 1820 and the quay is \u201Cperfectly flat\u201D to this day.']
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  fake.setHandler((request) => {
    if (request.kind === 'investigate') {
      return {
        answer: {
          judgements: [
            {
              id: 'C1',
              verdict: 'incorrect',
              correction: {
                quote: 'is "perfectly flat" \uE200cite\uE202turn0search3\uE201',
                summary: 'The quay slopes by two metres.\uE200cite\uE202turn0search0\uE201',
                reasoning: 'A survey from 1990 measured the slope \uE200cite\uE202turn0search1\uE201.',
                sources: [
                  { url: 'https://survey.example.org/quay', title: 'Quay survey\uE203', quote: 'The quay slopes by two metres.' },
                  { url: 'https://other.example.org/', title: '', quote: 'Nothing to see.' },
                ],
              },
            },
          ],
        },
      }
    }
    return {
      answer: {
        approved: true,
        reason: 'The survey shows it.',
        sources: [
          { url: 'https://survey.example.org/quay', quoteFound: true },
          { url: 'https://other.example.org/', quoteFound: false },
        ],
      },
    }
  })
  await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  const [correction] = Object.values(readLedger(ledgerPath, 'post.md')!.corrections)
  expect(correction).toMatchObject({
    quote: 'is \u201Cperfectly flat\u201D',
    summary: 'The quay slopes by two metres.',
    reasoning: 'A survey from 1990 measured the slope.',
    sources: [
      { url: 'https://survey.example.org/quay', title: 'Quay survey', quote: 'The quay slopes by two metres.' },
      { url: 'https://other.example.org/', title: 'other.example.org' },
    ],
  })
  expect(correction!.sources[1]).not.toHaveProperty('quote')
  expect(JSON.stringify(correction)).not.toMatch(/[\uE200-\uE2FF]/)
})

test('a correction the validator rejects stays in the ledger as rejected, with its reason, and the claim is unverifiable', async () => {
  const lines = ['The plain of Town 9 is arguably flat in 1900.', ...sentences(2)]
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: config() })
  expect(result).toMatchObject({ proposed: 1, approved: 0, rejected: 1 })
  const ledger = readLedger(ledgerPath, 'post.md')!
  const [correction] = Object.values(ledger.corrections)
  expect(correction).toMatchObject({ status: 'rejected', validation: { approved: false, reason: expect.stringMatching(/hedged/) } })
  expect(ledger.claims[correction!.claim]!.verdict).toBe('unverifiable')
})
