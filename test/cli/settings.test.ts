// The checker's settings as `vetted check` passes them on: from vetted.config,
// with the checker's defaults, and the key and server from the environment. The
// fake server counts what arrives.

import { CheckerSettingsSchema } from '@vetted/checker'
import { VettedConfigSchema } from '@vetted/cli'
import { describe, expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake } = await useFakeOpenAI()

/** Run `vetted check` in a new project with this vetted.config.json; the requests that reached the server. */
async function check(config: object, env: Record<string, string>) {
  const cwd = project({ 'vetted.config.json': `${JSON.stringify(config, null, 2)}\n`, 'content/towns.md': POST })
  const sent = fake.requests.length
  const result = await vettedInProcess(['check'], { cwd, env })
  return { ...result, requests: fake.requests.slice(sent) }
}

describe('settings from vetted.config', () => {
  it('maxRetries reaches the checker: a server answering 500 gets one request per batch with 0, two with 1', async () => {
    fake.setHandler(() => ({ fault: 'server-error' }))
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
    const none = await check({ batchSize: 2, maxRetries: 0 }, env)
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/content\/towns\.md: .*3 failed, retried next run: the API answered 500/)
    expect(none.requests.map((request) => request.kind)).toEqual(['investigate', 'investigate']) // 3 claims, 2 batches
    const one = await check({ batchSize: 2, maxRetries: 1 }, env)
    expect(one.requests).toHaveLength(4)
  })

  it("an empty config has the checker's defaults, from the schema", () => {
    // test/checker/options.test.ts pins the checker's defaults themselves.
    expect(VettedConfigSchema.parse({})).toEqual({
      content: ['content'],
      ...CheckerSettingsSchema.parse({}),
      dateKeys: ['date', 'pubDate', 'publishDate', 'published'],
    })
  })
})

describe('the key and the server', () => {
  it('OPENAI_BASE_URL alone turns the checker on, with a placeholder key', async () => {
    const result = await check({}, { OPENAI_BASE_URL: fake.baseURL })
    expect(result.stdout).toContain('1 correction found, 3 claims, 0 unchecked')
    expect(result.requests.length).toBeGreaterThan(0)
    expect(result.requests.every((request) => request.headers.authorization === 'Bearer none')).toBe(true)
  })

  it('baseURL in vetted.config.json does too once OPENAI_BASE_URL confirms it, and OPENAI_API_KEY is sent to it', async () => {
    const result = await check({ baseURL: fake.baseURL }, { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: fake.baseURL })
    expect(result.requests.length).toBeGreaterThan(0)
    expect(result.requests.every((request) => request.headers.authorization === 'Bearer sk-env')).toBe(true)
  })

  it('neither: nothing is sent, and the report says how to check', async () => {
    const result = await check({}, {})
    expect(result.requests).toHaveLength(0)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('3 claims are unchecked: set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)')
  })
})
