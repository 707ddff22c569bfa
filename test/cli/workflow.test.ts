// The author's loop and the CI gate, end to end: the real CLI, real files, the
// real openai SDK against the fake Responses API server.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { describe, expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { POST, project, startVetted, useFakeOpenAI, vetted, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

const ledgerOf = (cwd: string) => JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8'))

/** A project whose post `vetted check` has found its one correction in: the folder and the correction's id. */
async function checkedTowns(): Promise<{ cwd: string; id: string }> {
  const cwd = project({ 'content/towns.md': POST })
  await vettedInProcess(['check'], { cwd, env: online })
  return { cwd, id: Object.keys(ledgerOf(cwd).corrections)[0]! }
}

describe('the author workflow', () => {
  it('check finds an open correction, resolve publishes it, and the CI gate passes', async () => {
    const cwd = project({ 'content/towns.md': POST })
    const first = await vettedInProcess(['check'], { cwd, env: online })
    expect(first.code).toBe(1)
    expect(first.stdout).toMatch(/content\/towns\.md — 1 correction found, 3 claims, 0 unchecked/)
    expect(first.stdout).toMatch(/1\. content\/towns\.md:10:\d+ {2}\[open: not settled\] {2}c-[0-9a-f]{10}/)
    expect(first.stdout).toContain('Claim:       In 1851, surveyors reported that Ashford sat on ground that «was perfectly flat».')
    expect(first.stdout).toContain('Full reasoning:')
    expect(first.stdout).toMatch(/\n {7}- See the record <https:\/\/records\.example\.org\/\w+>\.\n/) // Markdown links read as text <url>
    expect(first.stdout).toMatch(/Checked by gpt-[\w.-]+ \(prompt \w+\) on \d{4}-\d{2}-\d{2}\n/)
    expect(first.stdout).toMatch(/Sources \(2\):\n {7}- .+ <https:\/\/records\.example\.org\//)
    const id = /c-[0-9a-f]{10}/.exec(first.stdout)![0]
    expect(first.stdout).toContain(`vetted resolve ${id} --annotate`)

    const gateBefore = await vettedInProcess(['check', '--ci'], { cwd })
    expect(gateBefore.code).toBe(1)

    const resolved = await vettedInProcess(['resolve', id, '--annotate'], { cwd })
    expect(resolved).toMatchObject({ code: 0 })
    expect(resolved.stdout).toBe(`${id}: open -> annotate (content/towns.vetted.json)\n`)

    const requests = fake.requests.length
    const gate = await vettedInProcess(['check', '--ci'], { cwd, env: online })
    expect(gate.code).toBe(0)
    expect(gate.stdout).toContain('Everything is settled.')
    expect(fake.requests.length).toBe(requests) // --ci never calls the checker, even with a key
  })

  it('a dismissal needs a note, and the note is kept', async () => {
    const { cwd, id } = await checkedTowns()
    const before = checksums(cwd)
    const refused = await vettedInProcess(['resolve', id, '--dismiss'], { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe('vetted: a dismissal needs a note saying why: --dismiss --note "…" (see vetted --help)\n')
    expect(checksums(cwd)).toEqual(before)
    expect((await vettedInProcess(['resolve', id, '--dismiss', '--note', 'Ashford is flat by local convention.'], { cwd })).code).toBe(0)
    const ledger = ledgerOf(cwd)
    expect(ledger.corrections[id]).toMatchObject({ status: 'dismiss', note: 'Ashford is flat by local convention.' })
    expect(ledger.corrections[id].history.at(-1)).toMatchObject({ status: 'dismiss', note: 'Ashford is flat by local convention.' })
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
    expect((await vettedInProcess(['resolve', id, '--reopen'], { cwd })).code).toBe(0)
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(1)
  })

  it('rewriting a corrected sentence records the correction as fixed', async () => {
    const { cwd, id } = await checkedTowns()
    await vettedInProcess(['resolve', id, '--annotate'], { cwd })
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace('sat on ground that was perfectly flat', 'sat on gently rolling ground'))

    const stale = await vettedInProcess(['check', '--ci'], { cwd })
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('[stale: the quote left the post]')

    const check = await vettedInProcess(['check'], { cwd, env: online })
    expect(check.stderr).toContain('content/towns.md: 1 correction recorded as fixed (the sentence left the post)')
    const ledger = ledgerOf(cwd)
    // The status stays the editorial decision (published); the history dates the fix.
    expect(ledger.corrections[id].status).toBe('annotate')
    expect(ledger.corrections[id].history.at(-1).status).toBe('fixed')
    expect((await vettedInProcess(['check', '--ci'], { cwd })).code).toBe(0)
  })

  it('an edited claim with no key fails the gate, naming the file and line, and says how to check it', async () => {
    const { cwd, id } = await checkedTowns()
    await vettedInProcess(['resolve', id, '--annotate'], { cwd })
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace('1,200 residents', '1,300 residents'))
    const before = checksums(cwd)

    const gate = await vettedInProcess(['check', '--ci'], { cwd })
    expect(gate.code).toBe(1)
    expect(gate.stdout).toContain('content/towns.md:8:1  In 1850, Millbrook had 1,300 residents and 3 bridges over the river.')
    expect(gate.stdout).toContain('1 claim is unchecked: run `vetted check` with OPENAI_API_KEY set')

    const offline = await vettedInProcess(['check'], { cwd })
    expect(offline.code).toBe(1)
    expect(offline.stdout).toContain('1 claim is unchecked: set OPENAI_API_KEY')
    expect(checksums(cwd)).toEqual(before) // no key: nothing checked, nothing written

    const edited = fake.requests.length
    expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(0)
    const sent = fake.requests.slice(edited).flatMap((request) => request.claims.map((claim: { text: string }) => claim.text))
    expect(sent).toEqual(['In 1850, Millbrook had 1,300 residents and 3 bridges over the river.'])
  })
})

describe('the author workflow, further', () => {
  it("a dismissed correction shows its place and the author's note; resolving it again changes nothing", async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vettedInProcess(['check'], { cwd, env: online })
    const id = Object.keys(ledgerOf(cwd).corrections)[0]!
    await vettedInProcess(['resolve', id, '--dismiss', '--note', 'Flat by local convention.'], { cwd })
    // Without --ci (which lists only what needs attention); offline, nothing is sent.
    const report = await vettedInProcess(['check'], { cwd })
    expect(report.code).toBe(0)
    expect(report.stdout).toMatch(new RegExp(`1\\. content/towns\\.md:10:\\d+  \\[dismissed\\]  ${id}`))
    expect(report.stdout).toContain('Author’s note: Flat by local convention.')
    expect(report.stdout).toMatch(/Checked by gpt-[\w.-]+ \(prompt \w+\) on \d{4}-\d{2}-\d{2}/)

    const before = checksums(cwd)
    const again = await vettedInProcess(['resolve', id, '--dismiss', '--note', 'Flat by local convention.'], { cwd })
    expect(again).toMatchObject({ code: 0, stdout: `${id}: already dismiss, nothing changed (content/towns.vetted.json)\n` })
    expect(checksums(cwd)).toEqual(before)
  })

  it('a site that shows dismissals (render in the config) is reflected in the report', async () => {
    const cwd = project({ 'content/towns.md': POST, 'vetted.config.json': '{ "render": ["annotate", "dismiss"] }\n' })
    await vettedInProcess(['check'], { cwd, env: online })
    const id = Object.keys(ledgerOf(cwd).corrections)[0]!
    await vettedInProcess(['resolve', id, '--dismiss', '--note', 'Flat by local convention.'], { cwd })
    const json = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout)
    expect(json.files[0].corrections[0]).toMatchObject({ id, status: 'dismiss', note: 'Flat by local convention.', shown: true })
    expect((await vettedInProcess(['check'], { cwd })).stdout).toContain('[dismissed, shown to readers with the note]')
  })

  it("a vetted.config.ts can pass the key from another variable, with the checker's options", async () => {
    const cwd = project({
      'content/towns.md': POST,
      'vetted.config.ts': `export default { apiKey: process.env['BLOG_OPENAI_KEY'], baseURL: ${JSON.stringify(fake.baseURL)}, batchSize: 1 }\n`,
    })
    const sent = fake.requests.length
    // The real bin: the config reads the process's environment, and Node (not vitest) loads it.
    const result = await vetted(['check'], { cwd, env: { BLOG_OPENAI_KEY: 'sk-from-config' } })
    expect(result.code).toBe(1) // the open correction
    const requests = fake.requests.slice(sent)
    expect(requests.filter((request) => request.kind === 'investigate')).toHaveLength(3) // one claim a batch
    expect(requests.every((request) => request.headers.authorization === 'Bearer sk-from-config')).toBe(true)
  })

  it('when the API refuses every request, the author is told why and the claims stay unchecked', async () => {
    const cwd = project({ 'content/towns.md': POST })
    fake.setHandler(() => ({
      status: 401,
      body: {
        error: { message: 'Incorrect API key provided: sk-wrong.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      },
    }))
    const result = await vettedInProcess(['check'], { cwd, env: { ...online, OPENAI_API_KEY: 'sk-wrong' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/content\/towns\.md: nothing checked; .*3 failed, retried next run: .*Incorrect API key provided/)
    expect(result.stdout).toContain('3 unchecked claims:')
    fake.setHandler(undefined)
    expect((await vettedInProcess(['check'], { cwd, env: online })).stdout).toContain('1 correction found, 3 claims, 0 unchecked')
  })

  it('Ctrl-C while checking stops, keeps what finished, and the next run completes', async () => {
    const many = Array.from(
      { length: 8 },
      (_, i) => `In ${1900 + i}, the village of Stoke ${i} had ${120 + i} houses and ${i + 2} mills.`,
    ).join('\n\n')
    const cwd = project({ 'content/stoke.md': `${many}\n`, 'vetted.config.json': '{ "batchSize": 1, "concurrency": 1 }\n' })
    fake.setLatency(300)
    const sent = fake.requests.length
    const { child, result } = startVetted(['check'], { cwd, env: online })
    while (fake.requests.length < sent + 3) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGINT')
    const stopped = await result
    expect(stopped.code).toBe(130)
    expect(stopped.stderr).toContain('vetted: interrupted; what the checker finished is in the ledgers')
    const ledger = readLedger(join(cwd, 'content/stoke.vetted.json'), 'stoke.md')!
    const judged = Object.values(ledger.claims).filter((record) => record.verdict).length
    expect(judged).toBeGreaterThan(0)
    expect(judged).toBeLessThan(8)
    expect(readdirSync(join(cwd, 'content')).filter((name) => name.includes('lock') || name.includes('tmp'))).toEqual([])

    fake.setLatency(0)
    const again = fake.requests.length
    expect((await vettedInProcess(['check'], { cwd, env: online })).code).toBe(0)
    expect(fake.requests.length - again).toBe(8 - judged) // only what the first run did not finish
  })
})

describe('help and version', () => {
  it('prints help for the command and each subcommand, and the version', async () => {
    const cwd = project({})
    expect((await vettedInProcess(['--help'], { cwd })).stdout).toContain('vetted check [paths...]')
    expect((await vettedInProcess(['check', '--help'], { cwd })).stdout).toContain('--format FORMAT')
    expect((await vettedInProcess(['resolve', '--help'], { cwd })).stdout).toContain('--dismiss')
    expect((await vettedInProcess(['--version'], { cwd })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const unknown = await vettedInProcess(['chekc'], { cwd })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(
      /^vetted: unknown command "chekc" \(commands: init, check, resolve, eval, claims, mv, prune[a-z, -]*\) \(see vetted --help\)\n$/,
    )
  })
})
