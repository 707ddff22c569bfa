// Limits and options: concurrency, budget, self-consistency, abort, progress,
// bad input and configuration errors.

import { readFileSync, writeFileSync } from 'node:fs'
import { CheckerConfigError, CheckerSettingsSchema, checkPost, resolveSettings } from '@vetted/checker'
import { VettedInputError, readLedger } from '@vetted/core'
import { describe, expect, test } from 'vitest'
import { checksums } from '../support/files.ts'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const fake = await useFakeOpenAI()

const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL })

function post(count: number, flat: number[] = []) {
  const lines = sentences(count, { flat })
  const source = postOf(lines)
  return { lines, source, claims: claimsIn(source, lines), ...writePost(source) }
}

test('no more requests are in flight than the concurrency allows', async () => {
  const { postPath, claims } = post(60, [3, 9, 27, 44])
  const before = fake.maxInFlight
  fake.setLatency(40)
  await checkPost({ postPath, claims, config: { ...config(), batchSize: 5, concurrency: 3 } })
  expect(fake.requests).toHaveLength(12 + 4)
  expect(fake.maxInFlight).toBe(Math.max(before, 3))
})

describe('budget', () => {
  test('a request budget stops sending; what was not sent is deferred, not an error, and goes out next run', async () => {
    const { postPath, ledgerPath, claims } = post(50)
    const result = await checkPost({ postPath, claims, config: { ...config(), batchSize: 10, concurrency: 1, budget: { requests: 3 } } })
    expect(fake.requests).toHaveLength(3)
    expect(result).toMatchObject({ judged: 30, deferred: 20, errors: [], budgetExhausted: true })
    expect(result.usage).toMatchObject({ requests: 3, claims: 30 })
    fake.requests.length = 0
    const next = await checkPost({ postPath, claims, config: { ...config(), batchSize: 10 } })
    expect(fake.requests).toHaveLength(2)
    expect(next).toMatchObject({ judged: 20, skipped: 30, budgetExhausted: false })
  })

  test('a token budget stops sending once the tokens used reach it', async () => {
    const { postPath, claims } = post(40)
    const result = await checkPost({ postPath, claims, config: { ...config(), batchSize: 10, concurrency: 1, budget: { tokens: 1 } } })
    expect(fake.requests).toHaveLength(1)
    expect(result).toMatchObject({ judged: 10, deferred: 30, budgetExhausted: true })
    expect(result.usage.inputTokens + result.usage.outputTokens).toBeGreaterThan(1)
  })
})

describe('self-consistency', () => {
  test('with samples: 3 each batch is investigated three times, and a claim flagged by only one sample is not corrected', async () => {
    const { postPath, ledgerPath, claims, lines } = post(6, [1, 4])
    let call = 0
    fake.setHandler((request) => {
      if (request.kind !== 'investigate') return undefined
      call++
      // Claim 2 (flat) is flagged by every sample; claim 5 (flat) only by the first; claim 3 is flagged by the third.
      return {
        answer: {
          judgements: request.claims.map((claim, i) => {
            const flagged = i === 1 || (i === 4 && call === 1) || (i === 2 && call === 3)
            return {
              id: claim.id,
              verdict: flagged ? 'incorrect' : 'supported',
              correction: flagged
                ? {
                    quote: claim.text.split(' ').slice(0, 3).join(' '),
                    summary: 'Not so.',
                    reasoning: 'The record.',
                    sources: [{ url: 'https://e.example/', title: 'E', quote: 'q' }],
                  }
                : null,
            }
          }),
        },
      }
    })
    const result = await checkPost({ postPath, claims, config: { ...config(), batchSize: 10, samples: 3 } })
    expect(fake.investigations()).toHaveLength(3)
    expect(fake.validations()).toHaveLength(1)
    expect(result).toMatchObject({ proposed: 1, approved: 1 })
    const ledger = readLedger(ledgerPath, 'post.md')!
    const verdict = (i: number) => ledger.claims[claims[i]!.fingerprint]!.verdict
    expect(Object.values(ledger.corrections).map((c) => ledger.claims[c.claim]!.text)).toEqual([lines[1]])
    expect([verdict(0), verdict(1), verdict(2), verdict(4)]).toEqual(['supported', 'incorrect', 'unverifiable', 'unverifiable'])
  })

  test('minAgreement: 1 keeps a correction that any sample finds', async () => {
    const { postPath, claims } = post(3, [1])
    let call = 0
    fake.setHandler((request) =>
      request.kind === 'investigate' && call++ > 0
        ? { answer: { judgements: request.claims.map((c) => ({ id: c.id, verdict: 'supported', correction: null })) } }
        : undefined,
    )
    const result = await checkPost({ postPath, claims, config: { ...config(), samples: 2, minAgreement: 1 } })
    expect(result.approved).toBe(1)
  })
})

test('progress is reported after each written batch, up to the total', async () => {
  const { postPath, claims } = post(25)
  const seen: number[] = []
  await checkPost({ postPath, claims, config: { ...config(), batchSize: 10, concurrency: 1 }, onProgress: (p) => seen.push(p.done) })
  expect(seen).toEqual([0, 10, 20, 25])
})

test('an aborted run sends nothing more, keeps the batches it wrote, and defers the rest', async () => {
  const { postPath, ledgerPath, claims } = post(40)
  fake.setLatency(60)
  const controller = new AbortController()
  const result = await checkPost({
    postPath,
    claims,
    signal: controller.signal,
    config: { ...config(), batchSize: 10, concurrency: 1 },
    onProgress: (p) => p.done === 10 && controller.abort(),
  })
  expect(result.judged).toBe(10)
  expect(result.deferred).toBe(30)
  expect(result.errors).toEqual([])
  expect(Object.values(readLedger(ledgerPath, 'post.md')!.claims).filter((c) => c.verdict)).toHaveLength(10)
})

describe('bad input changes nothing and sends nothing', () => {
  test('a broken ledger: a clear error naming the file and place', async () => {
    const { folder, postPath, ledgerPath, claims } = post(3)
    writeFileSync(ledgerPath, '{ "version": 1, "post": "post.md", "claims": { "nothex": {} } }\n')
    const before = checksums(folder)
    const error = await checkPost({ postPath, claims, config: config() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VettedInputError)
    expect((error as Error).message).toMatch(/post\.vetted\.json:1:\d+: invalid ledger/)
    expect(fake.requests).toHaveLength(0)
    expect(checksums(folder)).toEqual(before)
  })

  test('a ledger of another post', async () => {
    const { postPath, ledgerPath, claims } = post(3)
    writeFileSync(ledgerPath, JSON.stringify({ version: 1, post: 'other.md' }))
    await expect(checkPost({ postPath, claims, config: config() })).rejects.toThrow(/belongs to "other.md", not to "post.md"/)
    expect(fake.requests).toHaveLength(0)
  })

  test('a missing post file', async () => {
    await expect(checkPost({ postPath: '/nonexistent/post.md', config: config() })).rejects.toThrow(VettedInputError)
  })

  test.each([
    [{ batchSize: 0 }, /batchSize/],
    [{ concurrency: 1.5 }, /concurrency/],
    [{ baseURL: 'not a url' }, /baseURL/],
    [{ samples: 2, minAgreement: 3 }, /minAgreement cannot exceed samples/],
  ])('bad options %o: a CheckerConfigError', async (options, message) => {
    const { postPath, claims } = post(2)
    const error = await checkPost({ postPath, claims, config: { ...config(), ...options } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CheckerConfigError)
    expect((error as Error).message).toMatch(message)
  })

  test.each([
    [{ batchSize: 0 }, 'checker option batchSize: Too small: expected number to be >=1'],
    [{ budget: { requests: 0 } }, 'checker option budget.requests: Too small: expected number to be >=1'],
    [{ budget: { request: 5 } }, 'checker option budget.request: Unrecognized key: "request"'],
    [{ batchsize: 5 }, 'checker option batchsize: Unrecognized key: "batchsize"'],
    [{ maxRetries: -1 }, 'checker option maxRetries: Too small: expected number to be >=0'],
  ])('bad options %o: one line, the key and what was expected', async (options, line) => {
    const { postPath, claims } = post(2)
    await expect(checkPost({ postPath, claims, config: { ...config(), ...options } as never })).rejects.toThrow(
      new CheckerConfigError(line),
    )
    expect(fake.requests).toHaveLength(0)
  })

  test('a bad "as of" date', async () => {
    const { postPath, claims } = post(2)
    await expect(checkPost({ postPath, claims, date: 'May 2024', config: config() })).rejects.toThrow(/"as of" date must look like/)
  })

  test('no API key: a CheckerConfigError that says how to set one, and nothing is written', async () => {
    const { folder, postPath, claims } = post(2)
    const saved = process.env.OPENAI_API_KEY
    delete process.env.OPENAI_API_KEY
    try {
      const before = checksums(folder)
      await expect(checkPost({ postPath, claims, config: { baseURL: fake.baseURL } })).rejects.toThrow(/OPENAI_API_KEY/)
      expect(checksums(folder)).toEqual(before)
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved
    }
  })

  test('no API key is needed when nothing is to be sent', async () => {
    const { postPath, claims } = post(2)
    await checkPost({ postPath, claims, config: config() })
    const result = await checkPost({ postPath, claims, config: { baseURL: fake.baseURL, apiKey: undefined } })
    expect(result.skipped).toBe(2)
  })
})

test('maxRetries: 0 sends each batch once to a server that answers 500; the claims keep an error', async () => {
  const { postPath, claims } = post(25)
  fake.setHandler(() => ({ fault: 'server-error' }))
  const result = await checkPost({ postPath, claims, config: { ...config(), batchSize: 10, maxRetries: 0 } })
  expect(fake.requests).toHaveLength(3)
  expect(result.errors).toHaveLength(25)
  expect(result.errors[0]!.message).toMatch(/^the API answered 500/)
})

describe('settings', () => {
  const DEFAULTS = {
    model: 'gpt-5.1',
    batchSize: 4,
    coverage: 'all',
    concurrency: 4,
    timeoutMs: 180_000,
    maxRetries: 2,
    maxConsecutiveFailures: 4,
    maxResponseBytes: 1_048_576,
    budget: {},
    samples: 1,
  }

  test('nothing set: the documented defaults, from the schema, and no network', () => {
    expect(CheckerSettingsSchema.parse({})).toEqual(DEFAULTS)
    expect(resolveSettings({}, {})).toEqual({
      settings: { ...DEFAULTS, minAgreement: 1 },
      online: false,
      endpoint: new URL('https://api.openai.com/v1'),
    })
    expect(resolveSettings({ samples: 4 }, {}).settings.minAgreement).toBe(3) // a majority
  })

  test.each([
    ['a key from the environment', {}, { OPENAI_API_KEY: 'sk-env' }, { apiKey: 'sk-env' }, true],
    [
      'a server from the environment, with a placeholder key',
      {},
      { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' },
      { apiKey: 'none', baseURL: 'http://127.0.0.1:1/v1' },
      true,
    ],
    [
      'a server in the config, the key from the environment',
      { baseURL: 'http://127.0.0.1:1/v1' },
      { OPENAI_API_KEY: 'sk-env' },
      { apiKey: 'sk-env', baseURL: 'http://127.0.0.1:1/v1' },
      true,
    ],
    [
      'the config before the environment',
      { apiKey: 'sk-config', baseURL: 'http://127.0.0.1:2/v1' },
      { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' },
      { apiKey: 'sk-config', baseURL: 'http://127.0.0.1:2/v1' },
      true,
    ],
    ['empty variables count as unset', {}, { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }, {}, false],
  ])('%s', (_, settings, env, expected, online) => {
    const setup = resolveSettings(settings, env)
    expect({ apiKey: setup.settings.apiKey, baseURL: setup.settings.baseURL }).toEqual({
      apiKey: undefined,
      baseURL: undefined,
      ...expected,
    })
    expect(setup.online).toBe(online)
  })

  test('bad settings: a CheckerConfigError of one line', () => {
    expect(() => resolveSettings({ samples: 2, minAgreement: 3 }, {})).toThrow(
      new CheckerConfigError('checker option minAgreement: minAgreement cannot exceed samples (2)'),
    )
  })
})

test('OPENAI_BASE_URL points the checker at a compatible server', async () => {
  const { postPath, claims } = post(2)
  const saved = process.env.OPENAI_BASE_URL
  process.env.OPENAI_BASE_URL = fake.baseURL
  try {
    await checkPost({ postPath, claims, config: { apiKey: API_KEY } })
  } finally {
    if (saved === undefined) delete process.env.OPENAI_BASE_URL
    else process.env.OPENAI_BASE_URL = saved
  }
  expect(fake.requests).toHaveLength(1)
})

test('without claims given, they are detected in the post (through @vetted/core detectClaims)', async () => {
  const lines = sentences(6, { flat: [2] })
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  const result = await checkPost({ postPath, config: config() })
  const detected = fake.investigations().flatMap((r) => r.claims.map((c) => c.text))
  expect(detected.length).toBeGreaterThan(0)
  expect(result.judged).toBe(detected.length)
  expect(lines.filter((line) => detected.includes(line))).toEqual(detected.filter((text) => lines.includes(text)))
  expect(readFileSync(ledgerPath, 'utf8')).toContain('"verdict"')
})
