// Interrupted runs: `kill -9` in the middle of a 100-claim run leaves a valid
// ledger holding every batch that finished; two runs of one post at once lose nothing.

import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkPost } from '@vetted/checker'
import { readLedger } from '@vetted/core'
import { expect, test } from 'vitest'
import { API_KEY, claimsIn, postOf, sentences, useFakeOpenAI, writePost } from './support.ts'

const RUNNER = fileURLToPath(new URL('./run-check.ts', import.meta.url))

const fake = await useFakeOpenAI()

interface Child {
  lines: Array<{ progress?: { done: number }; result?: unknown }>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  kill(): void
  stderr: () => string
  onLine(listener: () => void): void
}

function runChild(folder: string, job: object): Child {
  const jobPath = join(folder, `job-${Math.random().toString(16).slice(2)}.json`)
  writeFileSync(jobPath, JSON.stringify(job))
  const child = spawn(process.execPath, [RUNNER, jobPath], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Child['lines'] = []
  const listeners: Array<() => void> = []
  let buffer = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, at)))
      buffer = buffer.slice(at + 1)
      for (const listener of listeners) listener()
    }
  })
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
  return {
    lines,
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: () => child.kill('SIGKILL'),
    stderr: () => stderr,
    onLine: (listener) => void listeners.push(listener),
  }
}

test('kill -9 in the middle of a 100-claim run leaves a valid ledger with every finished batch; the rerun sends only the rest', async () => {
  fake.setLatency(150)
  const lines = sentences(100, { flat: [5, 50, 95] })
  const source = postOf(lines, { date: '2024-05-01' })
  const { folder, postPath, ledgerPath } = writePost(source)
  const config = { apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 10, concurrency: 2 }
  const child = runChild(folder, { postPath, lines, config })

  // Kill it once three batches are written (progress is reported after each write).
  const written = await new Promise<number>((resolve, reject) => {
    child.onLine(() => {
      const done = child.lines.at(-1)?.progress?.done ?? 0
      if (done >= 30) {
        child.kill()
        resolve(done)
      }
    })
    child.exit.then(() => reject(new Error(`the run ended before it was killed: ${child.stderr()}`)))
  })
  expect(await child.exit).toMatchObject({ signal: 'SIGKILL' })
  const reported = child.lines.filter((l) => l.progress).at(-1)!.progress!.done

  const ledger = readLedger(ledgerPath, 'post.md')!
  const judged = Object.values(ledger.claims).filter((c) => c.verdict)
  expect(judged.length).toBeGreaterThanOrEqual(reported)
  expect(reported).toBeGreaterThanOrEqual(written)
  expect(judged.length).toBeLessThan(100)
  expect(judged.length % 10).toBe(0) // whole batches only

  // The rerun takes over the dead process's lock, if any, and sends only the claims without a verdict.
  fake.requests.length = 0
  fake.setLatency(0)
  const rerun = await checkPost({ postPath, source, claims: claimsIn(source, lines), config })
  const sent = fake.investigations().flatMap((r) => r.claims.map((c) => c.text))
  expect(sent).toHaveLength(100 - judged.length)
  expect(sent.some((text) => judged.some((c) => c.text === text))).toBe(false)
  expect(rerun.errors).toEqual([])
  const after = readLedger(ledgerPath, 'post.md')!
  expect(Object.values(after.claims).filter((c) => c.verdict)).toHaveLength(100)
  expect(Object.keys(after.corrections)).toHaveLength(3)
}, 60_000)

test('two checks of the same post at once, in two processes, lose nothing', async () => {
  fake.setLatency(100)
  const lines = sentences(40, { flat: [1, 21, 38] })
  const source = postOf(lines)
  const { folder, postPath, ledgerPath } = writePost(source)
  const config = { apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 4, concurrency: 3 }
  // Overlapping halves: claims 10..29 are sent by both runs. This one starts
  // once the child has read the ledger (its first progress line), before it wrote.
  const child = runChild(folder, { postPath, lines: lines.slice(0, 30), config })
  await new Promise<void>((resolve) => child.onLine(resolve))
  const here = await checkPost({ postPath, source, claims: claimsIn(source, lines).slice(10), config })
  await child.exit
  const there = child.lines.at(-1)?.result as { judged: number } | undefined
  expect(there, child.stderr()).toMatchObject({ judged: 30 })
  expect(here.judged).toBe(30)
  const sent = fake.investigations().flatMap((r) => r.claims.map((c) => c.text))
  expect(sent).toHaveLength(60)
  expect(new Set(sent).size).toBe(40)

  const ledger = readLedger(ledgerPath, 'post.md')!
  expect(Object.values(ledger.claims).filter((c) => c.verdict)).toHaveLength(40)
  expect(
    Object.values(ledger.corrections)
      .map((c) => ledger.claims[c.claim]!.text)
      .sort(),
  ).toEqual([lines[1], lines[21], lines[38]].sort())
  expect(here.usage.claims).toBe(30)
}, 60_000)

test('two checks of the same post at once, in one process, lose nothing', async () => {
  fake.setLatency(20)
  const lines = sentences(24, { flat: [2, 13] })
  const source = postOf(lines)
  const { postPath, ledgerPath } = writePost(source)
  const config = { apiKey: API_KEY, baseURL: fake.baseURL, batchSize: 3, concurrency: 4 }
  const claims = claimsIn(source, lines)
  const [a, b] = await Promise.all([
    checkPost({ postPath, source, claims: claims.slice(0, 16), config }),
    checkPost({ postPath, source, claims: claims.slice(8), config }),
  ])
  expect(a.judged + b.judged).toBe(32)
  const ledger = readLedger(ledgerPath, 'post.md')!
  expect(Object.values(ledger.claims).filter((c) => c.verdict)).toHaveLength(24)
  expect(Object.keys(ledger.corrections)).toHaveLength(2)
})
