// A broken or hostile endpoint, met through `vetted check` (in this process; as a
// subprocess where its memory is measured) and the fake server: a hung or
// trickling server ends the run in a bounded time with the endpoint and the cause named once; a 50 MB answer is an
// error read no further; a key the server echoes back is printed and stored
// nowhere; an address with nothing behind it, or no such host, is named with why.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { refusedBaseURL, startFakeOpenAI } from '../fake-openai/index.ts'
import { temporaryFolder } from '../support/files.ts'
import { POST, expectRefused, project, useFakeOpenAI, vetted, vettedInProcess } from './support.ts'

const { fake } = await useFakeOpenAI()

const KEY = 'sk-proj-Zq8vTn3Lx0SecretKeyThatMustNeverBePrinted'
/** The fake's origin, as messages name the endpoint. */
const endpoint = () => new URL(fake.baseURL).origin

/** `vetted check` in a new project with this vetted.config.json and these posts (three claims each); its result and the requests it sent. */
async function check(config: object, options: { posts?: number; env?: Record<string, string>; nodeArgs?: string[] } = {}) {
  const posts = Object.fromEntries(Array.from({ length: options.posts ?? 1 }, (_, i) => [`content/towns-${i + 1}.md`, POST]))
  const cwd = project({ 'vetted.config.json': `${JSON.stringify(config, null, 2)}\n`, ...posts })
  const sent = fake.requests.length
  const env = options.env ?? { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL }
  // In this process, but for a run whose memory is measured: that needs a process of its own.
  const result = options.nodeArgs
    ? await vetted(['check'], { cwd, env, nodeArgs: options.nodeArgs })
    : await vettedInProcess(['check'], { cwd, env })
  return { ...result, cwd, requests: fake.requests.slice(sent) }
}

/** Every file the run left in `folder`, as text. */
function filesIn(folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else out[full] = readFileSync(full, 'utf8')
    }
  }
  walk(folder)
  return out
}

const ledgerOf = (cwd: string, post = 'towns-1') => JSON.parse(readFileSync(join(cwd, 'content', `${post}.vetted.json`), 'utf8'))
const count = (text: string, part: string) => text.split(part).length - 1

describe('a hung endpoint', () => {
  // A run that keeps waiting fails at each test's timeout: three tries of 1 s and a pause end in
  // about 3.5 s, a trickle at its 1.5 s deadline. A breaker that did not open sends more requests.
  it('ends after timeout x tries, the circuit breaker sends nothing more (to any post), and the endpoint and "timed out" are said once', {
    timeout: 20_000,
  }, async () => {
    fake.setHandler(() => ({ fault: 'hang' }))
    const result = await check({ timeoutMs: 1000, maxRetries: 1, maxConsecutiveFailures: 3, batchSize: 1, concurrency: 1 }, { posts: 2 })
    // The first claim tried twice (maxRetries: 1), the second once: three failures in a row open
    // the breaker; then nothing, not the third claim, not the second post.
    expect(result.requests).toHaveLength(3)
    expect(result.code).toBe(1)
    const stopped = `stopped sending after 3 failed requests in a row to ${endpoint()} (maxConsecutiveFailures); the last: ${endpoint()} timed out: no complete answer within 1000 ms`
    expect(count(result.stderr, stopped)).toBe(1)
    expect(result.stderr).toMatch(
      /content\/towns-1\.md: .*1 not sent \(stopped; next run\); 2 failed, retried next run: http:\/\/127\.0\.0\.1:\d+ timed out/,
    )
    // What was done is kept: the failed claims' errors are in the ledger.
    expect(Object.values(ledgerOf(result.cwd).claims).map((claim: any) => claim.error)).toEqual(
      Array(2).fill(expect.stringContaining('timed out')),
    )
  })

  it('a server that trickles a byte every 50 ms ends at the deadline, not at an idle timeout, with the reason', {
    timeout: 10_000,
  }, async () => {
    fake.setHandler(() => ({ fault: 'trickle', intervalMs: 50 }))
    const result = await check({ timeoutMs: 1500, maxRetries: 0 })
    expect(result.requests).toHaveLength(1) // one batch of three claims, one try
    expect(result.stderr).toContain(`3 failed, retried next run: ${endpoint()} timed out: no complete answer within 1500 ms (timeoutMs)`)
    expect(result.stderr).not.toMatch(/operation was aborted/i)
  })
})

describe('a huge answer', () => {
  // The CLI's peak memory, written by the child as it exits.
  const peakRss = async (config: object) => {
    const file = join(temporaryFolder('vetted-rss-'), 'rss')
    const hook = `data:text/javascript,process.on('exit', () => process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().maxRSS)))`
    const result = await check(config, { nodeArgs: ['--import', hook] })
    return { ...result, rssMb: Number(readFileSync(file, 'utf8')) / 1024 }
  }

  it('50 MB is an error for the claims of that request, read no further than the limit, kept out of the ledger, with memory bounded', async () => {
    const normal = await peakRss({})
    fake.setHandler(() => ({ fault: 'huge', bytes: 50_000_000 }))
    const huge = await peakRss({})
    expect(huge.code).toBe(1)
    expect(huge.requests).toHaveLength(1) // never asked again: the answer would be as large
    expect(huge.stderr).toContain(
      `3 failed, retried next run: ${endpoint()} sent an answer larger than 1048576 bytes (maxResponseBytes), not read further`,
    )
    const ledger = readFileSync(join(huge.cwd, 'content', 'towns-1.vetted.json'))
    expect(ledger.length).toBeLessThan(10_000)
    expect(huge.rssMb - normal.rssMb).toBeLessThan(30)
  })

  it('maxResponseBytes in vetted.config is honoured', async () => {
    const result = await check({ maxResponseBytes: 500 })
    expect(result.stderr).toContain('sent an answer larger than 500 bytes (maxResponseBytes)')
    expect(result.requests).toHaveLength(1)
  })
})

describe('secrets', () => {
  it('a key the server echoes (in its error message and body) is in neither stdout, stderr nor the ledger', async () => {
    fake.setHandler(() => ({ fault: 'echo' }))
    const result = await check({})
    expect(result.requests.length).toBeGreaterThan(0)
    expect(result.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(result.stderr).toContain('the API answered 401: Incorrect API key provided in "Authorization: Bearer [redacted]"')
    for (const [path, text] of Object.entries({ stdout: result.stdout, stderr: result.stderr, ...filesIn(result.cwd) })) {
      expect(text.includes(KEY) || text.includes(KEY.slice(8)), path).toBe(false)
    }
    expect(ledgerOf(result.cwd).claims).not.toEqual({}) // the errors were stored, redacted
  })

  it('a baseURL with credentials in vetted.config.json is refused (exit 2) without printing the password', async () => {
    const cwd = project({ 'vetted.config.json': '{ "baseURL": "http://admin:hunter2-pass@127.0.0.1:9/v1" }\n', 'content/towns.md': POST })
    await expectRefused(cwd, ['check'], /vetted\.config\.json:1:\d+: has a "baseURL" with credentials/, { env: { OPENAI_API_KEY: KEY } })
    const result = await vettedInProcess(['check'], { cwd, env: { OPENAI_API_KEY: KEY } })
    expect(result.stderr + result.stdout).not.toContain('hunter2')
  })

  it('credentials in OPENAI_BASE_URL never reach a message or the ledger', async () => {
    const withCredentials = fake.baseURL.replace('http://', 'http://admin:hunter2-pass@')
    const result = await check({ maxRetries: 0 }, { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: withCredentials } })
    expect(result.stderr).toContain(`3 failed, retried next run: could not reach ${endpoint()}`)
    for (const [path, text] of Object.entries({ stdout: result.stdout, stderr: result.stderr, ...filesIn(result.cwd) })) {
      expect(text.includes('hunter2'), path).toBe(false)
    }
  })
})

describe('no server there', () => {
  it('a port with nothing on it: the endpoint and "connection refused"', async () => {
    const baseURL = await refusedBaseURL()
    const result = await check({ maxRetries: 0 }, { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: baseURL } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`3 failed, retried next run: could not reach ${new URL(baseURL).origin}: connection refused`)
    expect(result.stderr).not.toContain('fetch failed')
  })

  it('a server whose certificate is not trusted: the endpoint and "TLS error" with the reason', async () => {
    const tls = await startFakeOpenAI({ tls: true })
    try {
      const result = await check({ maxRetries: 0 }, { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: tls.baseURL } })
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `3 failed, retried next run: could not reach ${new URL(tls.baseURL).origin}: TLS error (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate`,
      )
      expect(tls.requests).toHaveLength(0) // the key never left the client
    } finally {
      await tls.close()
    }
  })

  it('a host that does not exist: the endpoint and "DNS lookup failed"', async () => {
    const result = await check({ maxRetries: 0 }, { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'https://no-such-host.invalid/v1' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('3 failed, retried next run: could not reach https://no-such-host.invalid: DNS lookup failed')
  })
})
