// Random Markdown-like input: the plugin in a unified pipeline, the post
// reader's parse and detection, and `vetted check --ci` never crash and never
// hang on it. Input past the Markdown limits is refused with a
// VettedInputError (exit 2), any other error is a bug.

import { emptyLedger, VettedInputError } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { markdownToHtml } from './bench/processors.ts'
import { project, useVettedWorker } from './cli/support.ts'
import { markdownLike } from './support/markdown-like.ts'

/** Either it works or it is refused as bad input: nothing else. */
function expectHandled(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(VettedInputError)
  }
}

describe('fuzz', () => {
  // `vetted` in a worker thread, which a run that hangs cannot stall: it is ended after a minute.
  const worker = useVettedWorker()

  // What each input costs against plain prose of its length is a benchmark: `pnpm bench hostile`.
  it('remark-vetted in a unified pipeline renders any Markdown-like input without a fatal message', async () => {
    const processor = markdownToHtml({ ledger: emptyLedger('post.md') })
    await fc.assert(
      fc.asyncProperty(markdownLike(300), async (markdown) => {
        const file = new VFile({ value: markdown, path: 'post.md' })
        await processor.process(file)
        expect(file.messages.filter((message) => message.fatal === true)).toEqual([])
      }),
      { numRuns: 300 },
    )
  }, 120_000)

  it('parsing and detection either read the input or refuse it as bad input', () => {
    fc.assert(
      fc.property(markdownLike(2000), (markdown) => {
        expectHandled(() => detectClaims(markdown))
      }),
      { numRuns: 200 },
    )
  }, 120_000)

  it('vetted check --ci on random posts up to 100 KB exits 0, 1 or 2 with no stack trace and never hangs', {
    timeout: 300_000,
  }, async () => {
    const posts = fc.sample(
      fc.tuple(markdownLike(400), fc.integer({ min: 1, max: 250 })).map(([markdown, times]) => markdown.repeat(times).slice(0, 100_000)),
      { numRuns: 6, seed: 14 },
    )
    for (const post of posts) {
      const cwd = project({ 'content/post.md': post })
      const result = await worker.run(['check', '--ci'], { cwd, killAfterMs: 60_000 })
      if (!result) throw new Error(`vetted check --ci ran for more than a minute on a ${post.length}-character post`)
      // A report of the post, or one line refusing it: never a crash (70) or a stack trace.
      if (result.code === 2) expect(result.stderr).toMatch(/^vetted: content\/post\.md(:\d+:\d+)?: [^\n]+\n$/)
      else {
        expect([0, 1]).toContain(result.code)
        expect(result.stdout).toContain('1 post')
      }
    }
  })
})
