// `vetted eval`, end to end: the real CLI as a subprocess, the real checker and
// openai SDK against the fake server, whose scripted model flags known sentences.
// Expected scores are computed from the script, not read from the output.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EvalResultSchema } from '@vetted/cli'
import { detectClaims } from '@vetted/post'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectRefused, project, startVetted, vetted } from '../cli/support.ts'
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/index.ts'
import { checksums, temporaryFolder } from '../support/files.ts'
import { scriptedModel } from './scripted-model.ts'

const TOWNS = `---
title: Two towns
date: 2026-03-01
---

# Two towns

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.

The railway reached Millbrook in 1852 and its population doubled within 10 years.

The mill, built in 1790 by Josiah Crane, burned down in 1861.

Ashford's bridge was rebuilt in 1904 after the flood of 1903.

It felt calm.
`

const SCIENCE = `---
title: Small facts
date: 2026-03-02
---

Water boils at 90 degrees Celsius at sea level.

The Moon orbits the Earth about once every 27 days.

Light from the Sun takes about 8 minutes to reach the Earth, according to NASA.

Mount Everest is 7,848 metres tall.
`

interface Label {
  key: string
  quote: string
  /** The sentence the error is in. */
  sentence: string
}

const LABELS: Record<string, Label[]> = {
  towns: [
    { key: 'E1', quote: '1,200 residents', sentence: 'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.' },
    { key: 'E2', quote: '1852', sentence: 'The railway reached Millbrook in 1852 and its population doubled within 10 years.' },
    { key: 'E3', quote: '1904', sentence: "Ashford's bridge was rebuilt in 1904 after the flood of 1903." },
    { key: 'E4', quote: 'calm', sentence: 'It felt calm.' },
  ],
  science: [
    { key: 'E5', quote: '90 degrees Celsius', sentence: 'Water boils at 90 degrees Celsius at sea level.' },
    { key: 'E6', quote: '7,848 metres', sentence: 'Mount Everest is 7,848 metres tall.' },
  ],
}
const POSTS: Record<string, string> = { towns: TOWNS, science: SCIENCE }
const ALL_LABELS = Object.values(LABELS).flat()

/** A corpus in the shared format, in a temporary folder. */
function corpus(): string {
  const files: Record<string, string> = {}
  for (const [slug, labels] of Object.entries(LABELS)) {
    files[`corpus/posts/${slug}.md`] = POSTS[slug]!
    files[`corpus/${slug}.flags.json`] = JSON.stringify(
      {
        about: 'a test post; its errors were planted by the vetted team',
        post: `posts/${slug}.md`,
        flags: labels.map(({ key, quote }) => ({
          key,
          quote,
          kind: 'number',
          truth: 'The record says otherwise.',
          source: 'https://records.example.org/',
          gist: 'wrong',
        })),
      },
      null,
      2,
    )
  }
  return join(project(files), 'corpus')
}

// The sentences detection sends to the checker (the real detection, as vetted check uses it).
const SENT = new Set(Object.values(POSTS).flatMap((post) => detectClaims(post).map((claim) => claim.text)))

/** The script: which words of which sentence the model calls incorrect. */
const FLAGGED_ERRORS: Record<string, string> = { E1: '1,200 residents', E3: '1904', E4: 'calm', E5: 'boils at 90 degrees' }
const FALSE_ALARMS: Record<string, string> = {
  'The mill, built in 1790 by Josiah Crane, burned down in 1861.': '1790',
  'Light from the Sun takes about 8 minutes to reach the Earth, according to NASA.': '8 minutes',
}
function decideOnce(text: string): string | undefined {
  const label = ALL_LABELS.find((l) => l.sentence === text)
  return label ? FLAGGED_ERRORS[label.key] : FALSE_ALARMS[text]
}

/** Character Jaccard of a quote and a label, both inside `sentence`. */
function jaccard(sentence: string, quote: string, label: string): number {
  const [a, b] = [sentence.indexOf(quote), sentence.indexOf(label)]
  const shared = Math.max(0, Math.min(a + quote.length, b + label.length) - Math.max(a, b))
  return shared / (quote.length + label.length - shared)
}

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
const live = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL })

describe('vetted eval against a scripted model', () => {
  it('reports the recall, precision, F1 and span exactness the script implies', async () => {
    // The script's planted error E4 stands in a sentence detection does not select.
    expect(SENT.has(LABELS.towns![3]!.sentence)).toBe(false)
    const folder = corpus()
    const before = checksums(folder)
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    const result = await vetted(['eval', folder, '--format', 'json'], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    const report = EvalResultSchema.parse(JSON.parse(result.stdout))

    const caught = ALL_LABELS.filter((label) => SENT.has(label.sentence) && FLAGGED_ERRORS[label.key] !== undefined)
    const falseAlarms = Object.keys(FALSE_ALARMS).filter((sentence) => SENT.has(sentence))
    const precision = caught.length / (caught.length + falseAlarms.length)
    const recall = caught.length / ALL_LABELS.length
    const run = report.runs[0]!
    expect(run.errors).toBe(ALL_LABELS.length)
    expect(run.caught).toBe(caught.length)
    expect(run.precision).toBeCloseTo(precision, 10)
    expect(run.recall).toBeCloseTo(recall, 10)
    expect(run.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 10)
    // Missed: E4 was never sent (coverage); E2 and E6 were sent and judged fine (judgement).
    // The script's screen calls no other sentence check-worthy: E4's is screened out.
    expect(run.missedScreenedOut).toBe(ALL_LABELS.filter((l) => !SENT.has(l.sentence)).length)
    expect(run.missedJudged).toBe(ALL_LABELS.filter((l) => SENT.has(l.sentence) && FLAGGED_ERRORS[l.key] === undefined).length)
    expect(run.missedNotSent).toBe(0)
    const missed = ALL_LABELS.filter((l) => !caught.includes(l)).map(
      (l) => `${l.key}:${SENT.has(l.sentence) ? 'judged fine' : 'screened out'}`,
    )
    expect(report.missed.map((m) => `${m.key}:${m.why}`).sort()).toEqual(missed.sort())
    // Span exactness: E1 and E3 quote the label exactly; E5 quotes part of it and more.
    const jaccards = caught.map((label) => jaccard(label.sentence, FLAGGED_ERRORS[label.key]!, label.quote))
    expect(run.exactSpans).toBeCloseTo(jaccards.filter((j) => j === 1).length / caught.length, 10)
    expect(run.spanJaccard).toBeCloseTo(jaccards.reduce((a, b) => a + b, 0) / caught.length, 10)
    // Flags elsewhere are listed with their sentence and summary, for review.
    expect(report.flagsElsewhere.map((f) => f.claim).sort()).toEqual(falseAlarms.sort())
    expect(report.flagsElsewhere[0]!.summary).toMatch(/is not so/)
    // Cost is read from the responses: one investigate request per post, one validation per flag.
    expect(report.cost.requests).toBe(fake.requests.length)
    expect(report.cost.inputTokens).toBeGreaterThan(0)
    expect(report.cost.dollars).toBeGreaterThan(0)
    // The corpus got no ledger and no other change.
    expect(checksums(folder)).toEqual(before)
  })

  it('an error detection does not select: never sent under coverage "claims", caught under "all" when the screen passes it on', async () => {
    const folder = corpus()
    const e4 = LABELS.towns![3]!
    fake.setHandler(
      scriptedModel(
        (claim) => decideOnce(claim.text),
        undefined,
        (sentence) => sentence.text === e4.sentence,
      ),
    )
    const all = EvalResultSchema.parse(JSON.parse((await vetted(['eval', '.', '--format', 'json'], { cwd: folder, env: live() })).stdout))
    expect(all.missed.map((m) => m.key)).not.toContain(e4.key)
    writeFileSync(join(folder, 'vetted.config.json'), '{ "coverage": "claims" }\n')
    const claimsOnly = EvalResultSchema.parse(
      JSON.parse((await vetted(['eval', '.', '--format', 'json'], { cwd: folder, env: live() })).stdout),
    )
    expect(claimsOnly.missed.filter((m) => m.key === e4.key).map((m) => m.why)).toEqual(['not sent'])
    expect(claimsOnly.runs[0]!.missedNotSent).toBe(1)
    expect(claimsOnly.runs[0]!.caught).toBe(all.runs[0]!.caught - 1)
  })

  it('prints the same scores as a Markdown table', async () => {
    const folder = corpus()
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    const result = await vetted(['eval', folder], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    // Strict beside lenient: the script quotes each error's own words, so both agree.
    expect(result.stdout).toMatch(/^\| Recall \| 0\.500 \| 0\.500 \|$/m)
    expect(result.stdout).toMatch(/^\| Precision \| 0\.600 \| 0\.600 \|$/m)
    expect(result.stdout).toMatch(/^\| Errors caught \| 3 of 6 \| 3 of 6 \|$/m)
    expect(result.stdout).toMatch(/^\| posts\/towns\.md \| E4 \| number \| screened out \| calm \|$/m)
  })

  it("a model's summary cannot break the table or reach the terminal as control characters", async () => {
    const folder = corpus()
    const hostile = '| injected | cell |\n\n# Heading \u001b[2J\u001b]8;;https://evil.example\u0007link <img src=x onerror=alert(1)>'
    fake.setHandler(
      scriptedModel(
        (claim) => decideOnce(claim.text),
        () => hostile,
      ),
    )
    const result = await vetted(['eval', folder], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    // Markdown syntax in it is escaped: it renders as the text it is.
    expect(result.stdout).not.toMatch(/(?<!\\)<img/)
    expect(result.stdout).not.toMatch(/^# Heading/m)
    // Every row of the flags table still has its four cells.
    const rows = result.stdout
      .split('**Flags elsewhere**')[1]!
      .split('\n')
      .filter((line) => line.startsWith('| posts/'))
    expect(rows).toHaveLength(Object.keys(FALSE_ALARMS).filter((sentence) => SENT.has(sentence)).length)
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(4)
  })

  it('measures stability over --runs 3 with a model that varies between runs', async () => {
    const folder = corpus()
    // Which sentences the model flags in which run (1-based).
    const script: Array<{ sentence: string; quote: string; runs: number[] }> = [
      { sentence: LABELS.towns![0]!.sentence, quote: '1,200 residents', runs: [1, 2, 3] },
      { sentence: LABELS.towns![2]!.sentence, quote: '1904', runs: [1, 2] },
      { sentence: LABELS.science![0]!.sentence, quote: '90 degrees', runs: [1] },
      { sentence: 'The mill, built in 1790 by Josiah Crane, burned down in 1861.', quote: '1790', runs: [2, 3] },
    ]
    fake.setHandler(scriptedModel((claim, run) => script.find((s) => s.sentence === claim.text && s.runs.includes(run))?.quote))
    const result = await vetted(['eval', folder, '--runs', '3', '--format', 'json'], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)

    const onErrors = script.filter((s) => ALL_LABELS.some((l) => l.sentence === s.sentence))
    const flaggedIn = (run: number) => new Set(script.filter((s) => s.runs.includes(run)).map((s) => s.sentence))
    const setJaccard = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size
    const pairs = [
      [1, 2],
      [1, 3],
      [2, 3],
    ].map(([a, b]) => setJaccard(flaggedIn(a!), flaggedIn(b!)))
    expect(report.stability.caughtEveryRun).toBe(onErrors.filter((s) => s.runs.length === 3).length)
    expect(report.stability.caughtAnyRun).toBe(onErrors.length)
    expect(report.stability.flaggedJaccard).toBeCloseTo(pairs.reduce((a, b) => a + b, 0) / pairs.length, 10)
    expect(report.runs.map((r: { caught: number }) => r.caught)).toEqual(
      [1, 2, 3].map((run) => onErrors.filter((s) => s.runs.includes(run)).length),
    )
  })
})

describe('vetted eval scores a catch strictly and leniently', () => {
  it('a whole-sentence quote over a short label is caught leniently but not strictly', async () => {
    const folder = corpus()
    const e1 = LABELS.towns![0]!
    // E1's whole sentence quoted (its label is two words of it); E3 quoted as labelled.
    fake.setHandler(
      scriptedModel((claim) => (claim.text === e1.sentence ? e1.sentence : claim.text === LABELS.towns![2]!.sentence ? '1904' : undefined)),
    )
    const result = await vetted(['eval', folder, '--format', 'json'], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    const run = EvalResultSchema.parse(JSON.parse(result.stdout)).runs[0]!
    expect(run.caughtLenient).toBe(2)
    expect(run.caught).toBe(1)
    expect(run.missedLoose).toBe(1)
    expect(run.recall).toBeCloseTo(1 / ALL_LABELS.length, 10)
    expect(run.recallLenient).toBeCloseTo(2 / ALL_LABELS.length, 10)
    expect(run.precision).toBeCloseTo(1 / 2, 10)
    expect(run.precisionLenient).toBeCloseTo(1, 10)
    const report = EvalResultSchema.parse(JSON.parse(result.stdout))
    expect(report.missed.filter((m) => m.key === e1.key).map((m) => m.why)).toEqual(['quote too loose'])
    const markdown = await vetted(['eval', folder], { cwd: folder, env: live() })
    expect(markdown.stdout).toMatch(/^\| Errors caught \| 1 of 6 \| 2 of 6 \|$/m)
    expect(markdown.stdout).toMatch(/^\| Recall \| 0\.167 \| 0\.333 \|$/m)
  })

  it('a claim whose request failed is counted as failed, not as judged fine', async () => {
    const folder = corpus()
    const science = new Set(LABELS.science!.map((label) => label.sentence))
    const scripted = scriptedModel((claim) => decideOnce(claim.text))
    // Every investigation of the science post is refused (a 400 is not retried).
    fake.setHandler((request) =>
      request.kind === 'investigate' && request.claims.some((claim) => science.has(claim.text))
        ? { status: 400, body: { error: { message: 'The request was refused.', type: 'invalid_request_error', param: null, code: null } } }
        : scripted(request),
    )
    const result = await vetted(['eval', folder, '--format', 'json'], { cwd: folder, env: live() })
    expect(result.code).toBe(0)
    const report = EvalResultSchema.parse(JSON.parse(result.stdout))
    const run = report.runs[0]!
    expect(run.missedFailed).toBe(LABELS.science!.length)
    expect(
      report.missed
        .filter((m) => m.post === 'posts/science.md')
        .map((m) => `${m.key}:${m.why}`)
        .sort(),
    ).toEqual(['E5:failed', 'E6:failed'])
    // Judged fine is left for what was judged: E2 in the towns post.
    expect(run.missedJudged).toBe(1)
    const markdown = await vetted(['eval', folder], { cwd: folder, env: live() })
    expect(markdown.stdout).toMatch(/^\| Missed: request failed \| 2 \|$/m)
    expect(markdown.stdout).toMatch(/^\| posts\/science\.md \| E6 \| number \| failed \| 7,848 metres \|$/m)
  })
})

describe('vetted eval --record and --replay', () => {
  it('a replay of a recorded run gives identical output twice, with no network and no key', async () => {
    const folder = corpus()
    const recording = join(temporaryFolder('vetted-recording-'), 'scripted')
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    const recorded = await vetted(['eval', folder, '--record', recording], { cwd: folder, env: live() })
    expect(recorded.code).toBe(0)
    const requests = fake.requests.length

    const first = await vetted(['eval', folder, '--replay', recording], { cwd: folder })
    const second = await vetted(['eval', folder, '--replay', recording], { cwd: folder })
    expect(first.stderr).toBe(second.stderr)
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(second.stdout)
    expect(fake.requests.length).toBe(requests)
    // The same scores, costs and (recorded) wall time as the live run; only the provenance differs.
    expect(first.stdout.replace('recorded responses, replayed', 'X')).toBe(recorded.stdout.replace('live responses, recorded', 'X'))
  })

  it('a request missing from the recording stops the replay, naming it', async () => {
    const folder = corpus()
    const recording = join(temporaryFolder('vetted-recording-'), 'scripted')
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    expect((await vetted(['eval', folder, '--record', recording], { cwd: folder, env: live() })).code).toBe(0)
    // A sentence edited since the recording: its request was never recorded.
    const post = join(folder, 'posts', 'science.md')
    writeFileSync(post, readFileSync(post, 'utf8').replace('27 days', '28 days'))
    const result = await vetted(['eval', folder, '--replay', recording], { cwd: folder })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/no recorded response for request [0-9a-f]{24}#1 \(investigation request to gpt-5\.1\).*record it again/)
  })
})

describe('vetted eval interrupted', () => {
  it('Ctrl-C stops the runs, scores nothing, exits 130 and leaves the corpus as it was', async () => {
    const folder = corpus()
    const before = checksums(folder)
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    fake.setLatency(500)
    try {
      const sent = fake.requests.length
      const { child, result } = startVetted(['eval', folder, '--runs', '3'], { cwd: folder, env: live() })
      while (fake.requests.length === sent) await new Promise((resolve) => setTimeout(resolve, 20))
      child.kill('SIGINT')
      const stopped = await result
      expect(stopped.code).toBe(130)
      expect(stopped.stdout).toBe('')
      expect(stopped.stderr).toContain('vetted: interrupted; nothing was scored')
      expect(checksums(folder)).toEqual(before)
    } finally {
      fake.setLatency(0)
    }
  })
})

describe('vetted eval --compare', () => {
  it('shows two runs side by side', async () => {
    const folder = corpus()
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    expect((await vetted(['eval', folder, '--json', 'a.json'], { cwd: folder, env: live() })).code).toBe(0)
    fake.setHandler(scriptedModel((claim) => (claim.text === LABELS.towns![0]!.sentence ? '1,200 residents' : undefined)))
    expect((await vetted(['eval', folder, '--json', 'b.json', '--format', 'json'], { cwd: folder, env: live() })).code).toBe(0)
    const result = await vetted(['eval', '--compare', 'a.json', 'b.json'], { cwd: folder })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\| Model \| gpt-5\.1 \| gpt-5\.1 \|$/m)
    expect(result.stdout).toMatch(/^\| Prompt version \| \S+ \| \S+ \|$/m)
    expect(result.stdout).toMatch(/^\| Recall, strict \| 0\.500 \| 0\.167 \|$/m)
    expect(result.stdout).toMatch(/^\| Recall, lenient \| 0\.500 \| 0\.167 \|$/m)
    expect(result.stdout).toMatch(/^\| Precision, strict \| 0\.600 \| 1\.000 \|$/m)
  })
})

describe('vetted eval refuses bad input', () => {
  it('a label whose quote is not in the post: one line naming the file, the place and the flag', async () => {
    const folder = corpus()
    const flags = join(folder, 'towns.flags.json')
    writeFileSync(flags, readFileSync(flags, 'utf8').replace('"1852"', '"1853"'))
    await expectRefused(
      folder,
      ['eval', '.'],
      /towns\.flags\.json:\d+:\d+: flag "E2": its quote is not in the plain text of posts\/towns\.md/,
      { env: live() },
    )
  })

  it('a folder that is not a corpus', async () => {
    const folder = project({ 'notes.md': '# Notes\n' })
    await expectRefused(folder, ['eval', '.'], /holds no \*\.flags\.json file/, { env: live() })
  })

  it('--runs that differ from what a recording holds', async () => {
    const folder = corpus()
    const recording = join(temporaryFolder('vetted-recording-'), 'scripted')
    fake.setHandler(scriptedModel((claim) => decideOnce(claim.text)))
    expect((await vetted(['eval', folder, '--record', recording], { cwd: folder, env: live() })).code).toBe(0)
    await expectRefused(folder, ['eval', '.', '--replay', recording, '--runs', '2'], /--runs 2: the recording in .* holds 1 run$/m)
    await expectRefused(folder, ['eval', '.', '--replay', recording, '--record', recording], /give one/)
  })

  it('no key and no replay', async () => {
    const folder = corpus()
    await expectRefused(folder, ['eval', '.'], /set OPENAI_API_KEY \(or OPENAI_BASE_URL\), or give --replay DIR/)
  })
})
