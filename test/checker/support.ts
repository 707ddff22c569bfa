// Posts, claims and runs for the checker tests. Claims are built from the
// fixture's own sentences with core's fingerprint(), so these tests do not
// depend on claim detection; one test goes through detectClaims on purpose.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fingerprint, type Claim } from '@vetted/core'
import { LineIndex } from '@vetted/core/internal'
import { afterAll, beforeEach } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI, type FakeOptions } from '../fake-openai/index.ts'
import { temporaryFolder } from '../support/files.ts'

/** `count` distinct checkable sentences; those whose index is in `flat` say something is flat. */
export function sentences(count: number, options: { flat?: number[]; prefix?: string } = {}): string[] {
  const flat = new Set(options.flat ?? [])
  const prefix = options.prefix ?? 'Town'
  return Array.from({ length: count }, (_, i) =>
    flat.has(i)
      ? `In ${1800 + i}, surveyors reported that ${prefix} ${i + 1} sat on ground that was perfectly flat.`
      : `In ${1800 + i}, ${prefix} ${i + 1} had ${1000 + i * 7} residents and ${3 + (i % 5)} bridges.`,
  )
}

/** A Markdown post of paragraphs of `perParagraph` sentences each. */
export function postOf(lines: string[], options: { date?: string; title?: string; perParagraph?: number } = {}): string {
  const per = options.perParagraph ?? 4
  const paragraphs: string[] = []
  for (let i = 0; i < lines.length; i += per) paragraphs.push(lines.slice(i, i + per).join(' '))
  const front = options.date ? `---\ntitle: ${options.title ?? 'A post'}\ndate: ${options.date}\n---\n\n` : ''
  return `${front}# ${options.title ?? 'A post'}\n\n${paragraphs.join('\n\n')}\n`
}

/** The claims for `lines` as they occur in `source`. */
export function claimsIn(source: string, lines: string[]): Claim[] {
  const index = new LineIndex(source)
  let from = 0
  return lines.map((text) => {
    const start = source.indexOf(text, from)
    if (start < 0) throw new Error(`not in the post: ${text}`)
    from = start + text.length
    return {
      text,
      start: index.position(start),
      end: index.position(start + text.length),
      fingerprint: fingerprint(text),
      reasons: ['number'],
      quoted: false,
    }
  })
}

/** A post file in a new temp folder. */
export function writePost(source: string, name = 'post.md'): { folder: string; postPath: string; ledgerPath: string } {
  const folder = temporaryFolder('vetted-checker-')
  const postPath = join(folder, name)
  writeFileSync(postPath, source)
  return { folder, postPath, ledgerPath: postPath.replace(/\.md$/, '.vetted.json') }
}

export const API_KEY = 'sk-test-fake'

/**
 * The fake OpenAI server for a test file: `const fake = await useFakeOpenAI()` at
 * its top. Started as the file loads and closed after its last test; each test
 * starts with no requests recorded and the handler and latency of `options`.
 */
export async function useFakeOpenAI(options: FakeOptions = {}): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI(options)
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.requests.length = 0
    fake.setHandler(options.handler)
    fake.setLatency(options.latencyMs ?? 0)
  })
  return fake
}
