// checkPost used on its own (a library user's call, issue 23): given only the
// post's path it reads the post once and parses it once; given the caller's
// reading (source, tree, ledger) under the ledger's held lock, it reads and parses
// nothing and writes each batch from memory. Counted at node:fs's openSync (core's
// readRegularFile opens posts and ledgers with it) and remark-parse's parser.

import { checkPost } from '@vetted/checker'
import { emptyLedger, readLedger } from '@vetted/core'
import { holdLock } from '@vetted/core/internal'
import { parseMarkdown } from '@vetted/post'
import { beforeEach, expect, test, vi } from 'vitest'
import { forgetReads, opens, seen } from '../support/reads.ts'
import { API_KEY, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

vi.mock('node:fs', async (original) => (await import('../support/reads.ts')).countingOpens(original))
vi.mock('remark-parse', async (original) => (await import('../support/reads.ts')).countingParses(original))

const fake = await useFakeOpenAI()
const config = () => ({ apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 4, concurrency: 2 })

beforeEach(forgetReads)

test('given only a path: the post opened once and parsed once, its claims and other sentences detected from that parse', async () => {
  const lines = sentences(10, { flat: [3] })
  const { postPath, ledgerPath } = writePost(postOf(lines, { date: '2024-05-01' }))
  const result = await checkPost({ postPath, config: config() })
  expect(result.judged).toBe(10)
  expect(result.approved).toBe(1)
  expect(opens(postPath)).toBe(1)
  expect(seen.parses).toBe(1)
  // No lock held: each write applies the answers to the ledger as it is on disk then.
  expect(result.ledger).toEqual(readLedger(ledgerPath, 'post.md'))
})

test("given the caller's reading under the ledger's held lock: nothing read or parsed, the ledger it returns is the one written", async () => {
  const lines = sentences(10, { flat: [3] })
  const source = postOf(lines, { date: '2024-05-01' })
  const { postPath, ledgerPath } = writePost(source)
  const tree = parseMarkdown(source, postPath)
  const lock = await holdLock(ledgerPath)
  seen.parses = 0
  try {
    const result = await checkPost({ postPath, source, tree, ledger: emptyLedger('post.md'), config: config() })
    expect(result.judged).toBe(10)
    expect(seen.opened.filter((path) => path === postPath || path === ledgerPath)).toEqual([])
    expect(seen.parses).toBe(0)
    expect(result.ledger).toEqual(readLedger(ledgerPath, 'post.md'))
    // Three batches of 4, 4 and 2 claims, each written: every verdict is on disk.
    expect(Object.values(result.ledger.claims).filter((record) => record.verdict)).toHaveLength(10)
  } finally {
    lock.release()
  }
})
