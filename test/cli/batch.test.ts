// `vetted check --batch`: the screenings of every post go out as one batch of
// the Batch API (at its price), named in .vetted/batch.json before the run waits
// on it; a run stopped while waiting and run again collects the same batch. The
// real CLI in process and the real openai SDK against the fake server, whose
// batches answer each line as the same request sent alone.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { project, startVetted, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()
const env = { ...online, VETTED_BATCH_POLL_MS: '5' }

/** A claim detection selects, and three first-person sentences it leaves to the screen: one with a number (check-worthy to the fake), two without. */
const post = (town: string) => `---
title: ${town}
date: 2026-03-01
---

# ${town}

In 1850, ${town} had 1,200 residents and 3 bridges over the river.

I like to walk there on a summer evening. We counted 12 mills along the river. We usually stop for tea.
`

const POSTS = { 'content/ashford.md': post('Ashford'), 'content/millbrook.md': post('Millbrook') }

const ledgerOf = (cwd: string, name: string) => readLedger(join(cwd, `content/${name}.vetted.json`), `${name}.md`)
const screened = (cwd: string, name: string) => Object.values(ledgerOf(cwd, name)?.claims ?? {}).filter((record) => record.screen)
const batchesMade = (from: number) =>
  fake.requests.slice(from).filter((request) => request.method === 'POST' && request.path === '/v1/batches')

/** `vetted check --batch` stopped (as by Ctrl-C) once it has submitted its batch and waits on it: what the run returned. */
async function stoppedWhileWaiting(cwd: string) {
  fake.batches.pollsInProgress = 1_000_000 // the batch stays in progress until the run is stopped
  const stop = new AbortController()
  try {
    let ended = false
    const waiting = vettedInProcess(['check', '--batch'], { cwd, env, interrupt: stop.signal }).finally(() => (ended = true))
    while (!ended && !existsSync(join(cwd, '.vetted/batch.json'))) await new Promise((resolve) => setTimeout(resolve, 5))
    stop.abort()
    return await waiting
  } finally {
    fake.batches.pollsInProgress = 1
  }
}

it('one batch screens both posts; the answers reach both ledgers, and the check-worthy sentences are then judged alone', async () => {
  const cwd = project(POSTS)
  const from = fake.requests.length
  const run = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(run.stderr).toMatch(/submitted batch batch_\w+ \(2 screening requests\); it is named in \.vetted\/batch\.json\n/)
  expect(run.code).toBe(0)
  const sent = fake.requests.slice(from)
  expect(batchesMade(from)).toHaveLength(1)
  // The screenings went only through the batch: one line per post, each listing its three sentences.
  const screenings = sent.filter((request) => request.kind === 'screen')
  expect(screenings.map((request) => request.batch)).toEqual([expect.stringMatching(/^batch_/), expect.stringMatching(/^batch_/)])
  expect(screenings.map((request) => request.sentences.map((sentence) => sentence.text))).toEqual([
    ['I like to walk there on a summer evening.', 'We counted 12 mills along the river.', 'We usually stop for tea.'],
    ['I like to walk there on a summer evening.', 'We counted 12 mills along the river.', 'We usually stop for tea.'],
  ])
  // The line's body is the synchronous screening's: the shared tool with tool_choice none, one cache key.
  expect(screenings[0]!.body).toMatchObject({
    tools: [{ type: 'web_search' }],
    tool_choice: 'none',
    text: { format: { type: 'json_schema', strict: true } },
  })
  // Then, sent alone: each post's claim and its check-worthy sentence.
  const investigations = sent.filter((request) => request.kind === 'investigate')
  expect(investigations.every((request) => request.batch === undefined)).toBe(true)
  expect(investigations.flatMap((request) => request.claims.map((claim) => claim.text)).sort()).toEqual([
    'In 1850, Ashford had 1,200 residents and 3 bridges over the river.',
    'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.',
    'We counted 12 mills along the river.',
    'We counted 12 mills along the river.',
  ])
  for (const name of ['ashford', 'millbrook']) {
    expect(
      screened(cwd, name)
        .map((record) => [record.text, record.screen!.checkWorthy])
        .sort(),
    ).toEqual([
      ['I like to walk there on a summer evening.', false],
      ['We counted 12 mills along the river.', true],
      ['We usually stop for tea.', false],
    ])
    expect(Object.values(ledgerOf(cwd, name)!.claims).filter((record) => record.verdict)).toHaveLength(2)
  }
  expect(run.stderr).toMatch(/content\/ashford\.md: screened 3 sentences in batch batch_\w+ \(1 check-worthy, judged now\)/)
  // The state file is gone once collected; the usage log keeps the batch's requests apart, at the batch price.
  expect(existsSync(join(cwd, '.vetted/batch.json'))).toBe(false)
  const logged = readFileSync(join(cwd, '.vetted/usage.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const batched = logged.filter((line) => line.pricing === 'batch')
  expect(batched.map((line) => [line.post, line.requests])).toEqual([
    ['content/ashford.md', 1],
    ['content/millbrook.md', 1],
  ])
  expect(batched.every((line) => line.inputTokens > 0 && line.outputTokens > 0)).toBe(true)
  expect(
    logged
      .filter((line) => line.pricing === undefined)
      .map((line) => line.post)
      .sort(),
  ).toEqual(['content/ashford.md', 'content/millbrook.md'])
})

it('a run stopped while it waits keeps the batch in .vetted/batch.json; the next run collects that batch and submits none', async () => {
  const cwd = project(POSTS)
  const from = fake.requests.length
  const stopped = await stoppedWhileWaiting(cwd)
  expect(stopped.code).toBe(130)
  expect(stopped.stderr).toMatch(
    /stopped waiting; batch (batch_\w+) stays with the provider \(\.vetted\/batch\.json\): run `vetted check --batch` again/,
  )
  const state = JSON.parse(readFileSync(join(cwd, '.vetted/batch.json'), 'utf8'))
  expect(Object.keys(state.requests)).toEqual(['content/ashford.md#screen-1', 'content/millbrook.md#screen-1'])
  // Only this clone's runs need it: the folder's .gitignore keeps it out of commits.
  expect(readFileSync(join(cwd, '.vetted/.gitignore'), 'utf8')).toBe('batch.json\n')
  expect(screened(cwd, 'ashford')).toEqual([])
  // Nothing was judged either: the claims wait for the screen, as the run stopped.
  expect(fake.requests.slice(from).filter((request) => request.kind === 'investigate')).toEqual([])
  const again = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(again.stderr).toMatch(/collecting batch batch_\w+, submitted .* by an earlier run/)
  expect(again.code).toBe(0)
  expect(batchesMade(from)).toHaveLength(1)
  expect(fake.requests.slice(from).filter((request) => request.path === '/v1/files' && request.method === 'POST')).toHaveLength(1)
  expect(screened(cwd, 'ashford')).toHaveLength(3)
  expect(screened(cwd, 'millbrook')).toHaveLength(3)
  expect(existsSync(join(cwd, '.vetted/batch.json'))).toBe(false)
})

it('a sentence edited while the batch ran gets no stale answer: the collecting run writes the others and screens the new one', async () => {
  const cwd = project(POSTS)
  const from = fake.requests.length
  expect((await stoppedWhileWaiting(cwd)).code).toBe(130)
  const path = join(cwd, 'content/ashford.md')
  writeFileSync(path, readFileSync(path, 'utf8').replace('We usually stop for tea.', 'We always stop for tea.'))
  const again = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(again.stderr).toMatch(
    /content\/ashford\.md: screened 2 sentences in batch batch_\w+ \(1 check-worthy, judged now\); 1 answer not written \(the sentence left the post while the batch ran\)/,
  )
  expect(again.code).toBe(0)
  // The first batch, collected; then one for the new sentence.
  const made = batchesMade(from)
  expect(made).toHaveLength(2)
  expect(
    screened(cwd, 'ashford')
      .map((record) => record.text)
      .sort(),
  ).toEqual(['I like to walk there on a summer evening.', 'We always stop for tea.', 'We counted 12 mills along the river.'])
})

it('a process killed while it waits leaves the batch named; the next run collects it without paying again', async () => {
  const cwd = project(POSTS)
  const from = fake.requests.length
  fake.batches.pollsInProgress = 1_000_000
  try {
    const { child, result } = startVetted(['check', '--batch'], { cwd, env })
    while (child.exitCode === null && !existsSync(join(cwd, '.vetted/batch.json'))) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGKILL')
    expect((await result).code).toBe(137)
  } finally {
    fake.batches.pollsInProgress = 1
  }
  const again = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(again.code).toBe(0)
  expect(batchesMade(from)).toHaveLength(1)
  expect(screened(cwd, 'ashford')).toHaveLength(3)
  expect(screened(cwd, 'millbrook')).toHaveLength(3)
})

it('a failed batch writes nothing, says why, removes the state file and exits 1; the next run submits again', async () => {
  const cwd = project(POSTS)
  fake.batches.fate = 'failed'
  let run: Awaited<ReturnType<typeof vettedInProcess>>
  const ledgers = () => Object.fromEntries(Object.entries(checksums(cwd)).filter(([path]) => path.endsWith('.vetted.json')))
  try {
    run = await vettedInProcess(['check', '--batch'], { cwd, env })
  } finally {
    fake.batches.fate = 'completed'
  }
  expect(run.stderr).toMatch(
    /batch batch_\w+ failed: the batch failed: line 1: The web_search tool is not supported in a batch \(fake server\)\.; nothing of it is written/,
  )
  expect(run.code).toBe(1)
  expect(existsSync(join(cwd, '.vetted/batch.json'))).toBe(false)
  expect(screened(cwd, 'ashford')).toEqual([])
  expect(screened(cwd, 'millbrook')).toEqual([])
  // The claims detection selected are judged as usual; the sentences stay unscreened for the next batch.
  const before = ledgers()
  const from = fake.requests.length
  const next = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(next.code).toBe(0)
  expect(batchesMade(from)).toHaveLength(1)
  expect(screened(cwd, 'ashford')).toHaveLength(3)
  expect(ledgers()).not.toEqual(before)
})

it('--help lists --batch; --ci --batch is a usage error; --dry-run --batch prices the screenings at half', async () => {
  const cwd = project(POSTS)
  const help = await vettedInProcess(['check', '--help'], { cwd })
  expect(help.stdout).toMatch(/^ {2}--batch +screen the sentences of every post in one batch/m)
  const ci = await vettedInProcess(['check', '--ci', '--batch'], { cwd, env })
  expect(ci.code).toBe(2)
  expect(ci.stderr).toBe('vetted: --batch sends the screenings as a batch; --ci never calls the checker (see vetted --help)\n')
  const dollars = async (args: string[]) =>
    JSON.parse((await vettedInProcess(['check', '--dry-run', '--format', 'json', ...args], { cwd, env })).stdout).cost.dollars as number
  const standard = await dollars([])
  const batched = await dollars(['--batch'])
  expect(batched).toBeLessThan(standard)
  const text = await vettedInProcess(['check', '--dry-run', '--batch'], { cwd, env })
  expect(text.stdout).toContain('screenings at the batch price, half the listed one')
})

it('a line that failed in the batch writes nothing for its post and says why; the other post is screened', async () => {
  const cwd = project(POSTS)
  fake.setHandler((request) =>
    request.batch && request.fences.POST?.includes('Millbrook')
      ? {
          status: 400,
          body: {
            error: {
              message: 'Invalid value for tool_choice in a batch (fake).',
              type: 'invalid_request_error',
              param: 'tool_choice',
              code: null,
            },
          },
        }
      : undefined,
  )
  const run = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(run.stderr).toMatch(
    /content\/millbrook\.md: screened 0 sentences in batch batch_\w+; 3 failed, sent again next run: screening failed in batch batch_\w+: the API answered 400: Invalid value for tool_choice in a batch \(fake\)\./,
  )
  expect(run.code).toBe(1)
  expect(screened(cwd, 'ashford')).toHaveLength(3)
  expect(Object.values(ledgerOf(cwd, 'millbrook')!.claims).map((record) => record.text)).toEqual([
    'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.',
  ])
  expect(existsSync(join(cwd, '.vetted/batch.json'))).toBe(false)
})

it('a state file vetted cannot read is refused with exit 2, naming it; nothing is submitted or written', async () => {
  const cwd = project({ ...POSTS, '.vetted/batch.json': '{"version": 1, "batchId": ' })
  const before = checksums(cwd)
  const from = fake.requests.length
  const run = await vettedInProcess(['check', '--batch'], { cwd, env })
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    /^vetted: \.vetted\/batch\.json: not valid JSON \(.*\); expected the batch a stopped `vetted check --batch` left/,
  )
  expect(fake.requests.length).toBe(from)
  expect(checksums(cwd)).toEqual(before)
})
