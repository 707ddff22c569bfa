// The author's loop and the CI gate, end to end: the real CLI, real files, the
// real openai SDK against the fake Responses API server.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { checksums } from '../support/files.ts'
import { POST, project, vetted } from './support.ts'

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
let online: Record<string, string>
beforeAll(async () => {
  fake = await startFakeOpenAI()
  online = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
})
afterAll(() => fake.close())

describe('the author workflow', () => {
  it('check finds an open correction, resolve publishes it, and the CI gate passes', async () => {
    const cwd = project({ 'content/towns.md': POST })
    const first = await vetted(['check'], { cwd, env: online })
    expect(first.code).toBe(1)
    expect(first.stdout).toMatch(/content\/towns\.md — 1 correction found, 3 claims, 0 unchecked/)
    expect(first.stdout).toMatch(/1\. content\/towns\.md:10:\d+ {2}\[open: not settled\] {2}c-[0-9a-f]{10}/)
    expect(first.stdout).toContain('Claim:       “was perfectly flat”')
    expect(first.stdout).toContain('Full reasoning:')
    expect(first.stdout).toMatch(/Sources \(2\):\n {7}- .+ <https:\/\/records\.example\.org\//)
    const id = /c-[0-9a-f]{10}/.exec(first.stdout)![0]
    expect(first.stdout).toContain(`vetted resolve ${id} --annotate`)

    const gateBefore = await vetted(['check', '--ci'], { cwd })
    expect(gateBefore.code).toBe(1)

    const resolved = await vetted(['resolve', id, '--annotate'], { cwd })
    expect(resolved).toMatchObject({ code: 0 })
    expect(resolved.stdout).toBe(`${id}: open -> annotate (content/towns.vetted.json)\n`)

    const requests = fake.requests.length
    const gate = await vetted(['check', '--ci'], { cwd, env: online })
    expect(gate.code).toBe(0)
    expect(gate.stdout).toContain('Everything is settled.')
    expect(fake.requests.length).toBe(requests) // --ci never calls the checker, even with a key
  })

  it('a dismissal needs a note, and the note is kept', async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vetted(['check'], { cwd, env: online })
    const id = Object.keys(JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8')).corrections)[0]!
    const before = checksums(cwd)
    const refused = await vetted(['resolve', id, '--dismiss'], { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe('vetted: a dismissal needs a note saying why: --dismiss --note "…" (see vetted --help)\n')
    expect(checksums(cwd)).toEqual(before)
    expect((await vetted(['resolve', id, '--dismiss', '--note', 'Ashford is flat by local convention.'], { cwd })).code).toBe(0)
    const ledger = JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8'))
    expect(ledger.corrections[id]).toMatchObject({ status: 'dismiss', note: 'Ashford is flat by local convention.' })
    expect(ledger.corrections[id].history.at(-1)).toMatchObject({ status: 'dismiss', note: 'Ashford is flat by local convention.' })
    expect((await vetted(['check', '--ci'], { cwd })).code).toBe(0)
    expect((await vetted(['resolve', id, '--reopen'], { cwd })).code).toBe(0)
    expect((await vetted(['check', '--ci'], { cwd })).code).toBe(1)
  })

  it('rewriting a corrected sentence records the correction as fixed', async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vetted(['check'], { cwd, env: online })
    const id = Object.keys(JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8')).corrections)[0]!
    await vetted(['resolve', id, '--annotate'], { cwd })
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace('sat on ground that was perfectly flat', 'sat on gently rolling ground'))

    const stale = await vetted(['check', '--ci'], { cwd })
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('[stale: the quote left the post]')

    const check = await vetted(['check'], { cwd, env: online })
    expect(check.stderr).toContain('content/towns.md: 1 correction recorded as fixed (the quote left the post)')
    const ledger = JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8'))
    expect(ledger.corrections[id].status).toBe('fixed')
    expect(ledger.corrections[id].history.at(-1).status).toBe('fixed')
    expect((await vetted(['check', '--ci'], { cwd })).code).toBe(0)
  })

  it('an edited claim with no key fails the gate, naming the file and line, and says how to check it', async () => {
    const cwd = project({ 'content/towns.md': POST })
    await vetted(['check'], { cwd, env: online })
    const id = Object.keys(JSON.parse(readFileSync(join(cwd, 'content/towns.vetted.json'), 'utf8')).corrections)[0]!
    await vetted(['resolve', id, '--annotate'], { cwd })
    writeFileSync(join(cwd, 'content/towns.md'), POST.replace('1,200 residents', '1,300 residents'))
    const before = checksums(cwd)

    const gate = await vetted(['check', '--ci'], { cwd })
    expect(gate.code).toBe(1)
    expect(gate.stdout).toContain('content/towns.md:8:1  In 1850, Millbrook had 1,300 residents and 3 bridges over the river.')
    expect(gate.stdout).toContain('1 claim is unchecked: run `vetted check` with OPENAI_API_KEY set')

    const offline = await vetted(['check'], { cwd })
    expect(offline.code).toBe(1)
    expect(offline.stdout).toContain('1 claim is unchecked: set OPENAI_API_KEY')
    expect(checksums(cwd)).toEqual(before) // no key: nothing checked, nothing written

    const edited = fake.requests.length
    expect((await vetted(['check'], { cwd, env: online })).code).toBe(0)
    const sent = fake.requests.slice(edited).flatMap((request) => request.claims.map((claim: { text: string }) => claim.text))
    expect(sent).toEqual(['In 1850, Millbrook had 1,300 residents and 3 bridges over the river.'])
  })
})

describe('help and version', () => {
  it('prints help for the command and each subcommand, and the version', async () => {
    const cwd = project({})
    expect((await vetted(['--help'], { cwd })).stdout).toContain('vetted check [paths...]')
    expect((await vetted(['check', '--help'], { cwd })).stdout).toContain('--format FORMAT')
    expect((await vetted(['resolve', '--help'], { cwd })).stdout).toContain('--dismiss')
    expect((await vetted(['--version'], { cwd })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const unknown = await vetted(['chekc'], { cwd })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('vetted: unknown command "chekc" (commands: check, resolve) (see vetted --help)\n')
  })
})
