// The fake server on its own (`node test/fake-openai/serve.ts`), as demos and
// other suites use it: it prints its baseURL and the checker works against it.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { checkPost } from '@vetted/checker'
import { readLedger } from '@vetted/core'
import { expect, test } from 'vitest'
import { API_KEY, claimsIn, postOf, sentences, writePost } from './support.ts'

const SERVE = fileURLToPath(new URL('../fake-openai/serve.ts', import.meta.url))

test('serve.ts prints a 127.0.0.1 baseURL, answers the checker, and can serve a fault', async () => {
  for (const fault of [undefined, 'refusal']) {
    const server = spawn(process.execPath, [SERVE, '--quiet', ...(fault ? ['--fault', fault] : [])], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const baseURL = await new Promise<string>((resolve) =>
        server.stdout.once('data', (data: Buffer) => resolve(data.toString().split('\n')[0]!)),
      )
      expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      const lines = sentences(3, { flat: [1] })
      const source = postOf(lines)
      const { postPath, ledgerPath } = writePost(source)
      const result = await checkPost({ postPath, claims: claimsIn(source, lines), config: { apiKey: API_KEY, baseURL } })
      if (fault) {
        expect(result.errors).toHaveLength(3)
        expect(result.errors[0]!.message).toMatch(/refused/)
      } else {
        expect(result).toMatchObject({ judged: 3, approved: 1 })
        expect(Object.keys(readLedger(ledgerPath, 'post.md')!.corrections)).toHaveLength(1)
      }
    } finally {
      server.kill()
    }
  }
})

test('serve.ts refuses an unknown fault', async () => {
  const server = spawn(process.execPath, [SERVE, '--fault', 'gremlins'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  server.stderr.on('data', (data: Buffer) => void (stderr += data.toString()))
  const code = await new Promise<number | null>((resolve) => server.on('exit', resolve))
  expect(code).toBe(2)
  expect(stderr).toMatch(/unknown fault "gremlins"/)
})
