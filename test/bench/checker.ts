// Issue 3's benchmark: with the fake OpenAI server adding 300 ms to every
// request, check 200 claims in batches of 10 at concurrency 4, and compare the
// wall time with the ideal schedule for the requests made: every slot busy all
// the time, ceil(requests / concurrency) rounds of 300 ms. The server runs in
// its own process, as a real API would. Median of 3 runs after a warm-up.
// Run: node test/bench/checker.ts

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { checkPost, type CheckResult } from '@vetted/checker'
import { API_KEY, claimsIn, postOf, sentences, writePost } from '../checker/support.ts'

const LATENCY = 300
const CLAIMS = 200
const BATCH = 10
const CONCURRENCY = 4
const TARGET = 1.25
const ROUNDS = 3

const server = spawn(
  process.execPath,
  [fileURLToPath(new URL('../fake-openai/serve.ts', import.meta.url)), '--latency', String(LATENCY), '--quiet'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const baseURL = await new Promise<string>((resolve) => server.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())))

async function check(count: number, flat: number[]): Promise<{ ms: number; result: CheckResult }> {
  const lines = sentences(count, { flat })
  const source = postOf(lines, { date: '2024-05-01' })
  const { postPath } = writePost(source)
  const claims = claimsIn(source, lines)
  const start = performance.now()
  const result = await checkPost({
    postPath,
    source,
    claims,
    config: { apiKey: API_KEY, baseURL, batchSize: BATCH, concurrency: CONCURRENCY },
  })
  if (result.errors.length > 0 || result.judged !== count) throw new Error(`the run did not complete: ${JSON.stringify(result.errors[0])}`)
  return { ms: performance.now() - start, result }
}

async function scenario(label: string, flat: number[]) {
  const runs = []
  for (let round = 0; round < ROUNDS; round++) runs.push(await check(CLAIMS, flat))
  runs.sort((a, b) => a.ms - b.ms)
  const { ms, result } = runs[Math.floor(ROUNDS / 2)]!
  const requests = result.usage.requests
  // The first request goes alone; a validation waits for its batch's investigation: at least two rounds when there is one.
  const rounds = Math.max(1 + Math.ceil((requests - 1) / CONCURRENCY), result.proposed > 0 ? 2 : 1)
  const ideal = rounds * LATENCY
  const ratio = ms / ideal
  console.log(
    `  ${label}: ${requests} requests (${requests - result.proposed} investigate + ${result.proposed} validate) | ` +
      `median ${ms.toFixed(0)} ms vs ideal ${ideal} ms (${rounds} rounds of ${LATENCY} ms) | ratio ${ratio.toFixed(3)}x (target <= ${TARGET}x)`,
  )
  return ratio
}

try {
  console.log(`checker: ${CLAIMS} claims, batches of ${BATCH}, concurrency ${CONCURRENCY}, fake server +${LATENCY} ms per request`)
  await check(20, [3]) // warm-up: module loading, JIT, the first connection
  const ratios = [
    await scenario('no corrections   ', []),
    await scenario(
      '1 in 10 corrected',
      Array.from({ length: CLAIMS / 10 }, (_, i) => i * 10 + 3),
    ),
  ]
  if (ratios.some((ratio) => ratio > TARGET)) {
    console.log(`  over target (${TARGET}x)`)
    process.exitCode = 1
  }
} finally {
  server.kill()
}
