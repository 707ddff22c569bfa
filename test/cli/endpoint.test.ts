// Where `vetted check` sends the posts and the key. The user says it in the
// environment; a committed vetted.config.json (a pull request can change it)
// never takes the key elsewhere; plain http carries a key only on this machine;
// every run that sends, and every dry run, names the host. Two fake servers on
// 127.0.0.1: the user's, and one a committed config points at.

import { expect, it } from 'vitest'
import { checksums } from '../support/files.ts'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake: users } = await useFakeOpenAI()
const { fake: committed } = await useFakeOpenAI()

const KEY = { OPENAI_API_KEY: 'sk-users-own' }
const hostOf = (url: string) => new URL(url).host

/** A project whose committed vetted.config.json has this baseURL; the requests each server got while `vetted` ran. */
async function check(baseURL: string | undefined, env: Record<string, string>, args: string[] = ['check']) {
  const cwd = project({ 'vetted.config.json': `${JSON.stringify(baseURL ? { baseURL } : {}, null, 2)}\n`, 'content/towns.md': POST })
  const before = { users: users.requests.length, committed: committed.requests.length, files: checksums(cwd) }
  const result = await vettedInProcess(args, { cwd, env })
  return {
    ...result,
    toUsers: users.requests.slice(before.users),
    toCommitted: committed.requests.slice(before.committed),
    unchanged: JSON.stringify(checksums(cwd)) === JSON.stringify(before.files),
  }
}

it("a committed config's baseURL is refused, naming it, when a key is set and OPENAI_BASE_URL does not confirm it; nothing is sent", async () => {
  const result = await check(committed.baseURL, KEY)
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toContain(`vetted.config.json:2:3: "baseURL" sends requests to ${committed.baseURL}`)
  expect(result.stderr).toContain(`OPENAI_BASE_URL=${committed.baseURL}`)
  expect(result.toCommitted).toHaveLength(0)
  expect(result.unchanged).toBe(true)
})

it('check --ci sends nothing, so a committed baseURL the environment does not confirm does not turn the gate red', async () => {
  const result = await check(committed.baseURL, KEY, ['check', '--ci'])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(1) // the post is unchecked: the gate's own finding, not a refusal
  expect(result.stdout).toContain('unchecked')
  expect(result.toCommitted).toHaveLength(0)
  expect(result.unchanged).toBe(true)
})

it("a committed config's baseURL that differs from OPENAI_BASE_URL refuses the run naming both; nothing is sent to either", async () => {
  const result = await check(committed.baseURL, { ...KEY, OPENAI_BASE_URL: users.baseURL })
  expect(result.code).toBe(2)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toContain(committed.baseURL)
  expect(result.stderr).toContain(`OPENAI_BASE_URL is ${users.baseURL}`)
  expect(result.toCommitted).toHaveLength(0)
  expect(result.toUsers).toHaveLength(0)
  expect(result.unchanged).toBe(true)
})

it("a committed config's baseURL confirmed by OPENAI_BASE_URL is used, and the run names the host it sends to", async () => {
  const result = await check(`${users.baseURL}/`, { ...KEY, OPENAI_BASE_URL: users.baseURL })
  expect(result.code).toBe(1) // the fake flags the "flat" claim
  expect(result.toUsers.length).toBeGreaterThan(0)
  expect(result.toUsers.every((request) => request.headers.authorization === 'Bearer sk-users-own')).toBe(true)
  expect(result.stderr.split('\n')[0]).toBe(`vetted check: sending to ${hostOf(users.baseURL)}`)
})

it("without a key, a committed config's baseURL (a server on the machine that needs none) is used: no key goes with it", async () => {
  const result = await check(committed.baseURL, {})
  expect(result.toCommitted.length).toBeGreaterThan(0)
  expect(result.toCommitted.every((request) => request.headers.authorization === 'Bearer none')).toBe(true)
  expect(result.stderr).toContain(`sending to ${hostOf(committed.baseURL)}`)
})

it('a key over plain http to another machine is refused, from the environment or a confirmed config; loopback is allowed', async () => {
  const remote = 'http://api.evil.test:8795/v1'
  for (const [config, env] of [
    [undefined, { ...KEY, OPENAI_BASE_URL: remote }],
    [remote, { ...KEY, OPENAI_BASE_URL: remote }],
  ] as const) {
    const result = await check(config, env)
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/api\.evil\.test:8795, plain http to another machine.*use https/)
    expect(result.unchanged).toBe(true)
  }
  // This machine, by any of its names, may have the key over http (a dry run sends nothing).
  for (const local of ['http://localhost:8795/v1', 'http://127.8.9.10:8795/v1', 'http://[::1]:8795/v1']) {
    const dry = await check(undefined, { ...KEY, OPENAI_BASE_URL: local }, ['check', '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain(`sending to ${new URL(local).host}.`)
  }
  // The same over https is not refused for being plain (a dry run sends nothing), and names the host.
  const dry = await check(undefined, { ...KEY, OPENAI_BASE_URL: 'https://api.example.test/v1' }, ['check', '--dry-run'])
  expect(dry.code, dry.stderr).toBe(0)
  expect(dry.stdout).toContain('sending to api.example.test')
})

it("every dry run names the host a run would send to: the default, or the environment's; json carries it too", async () => {
  const byDefault = await check(undefined, KEY, ['check', '--dry-run'])
  expect(byDefault.code).toBe(0)
  expect(byDefault.stdout).toContain('A run would be sending to api.openai.com.')
  const json = await check(undefined, { ...KEY, OPENAI_BASE_URL: users.baseURL }, ['check', '--dry-run', '--format', 'json'])
  expect(JSON.parse(json.stdout).endpoint).toBe(hostOf(users.baseURL))
  const offline = await check(undefined, {}, ['check', '--dry-run'])
  expect(offline.stdout).toContain('No key or server is set: a run would send nothing (set OPENAI_API_KEY).')
})
