// Detection in MDX, one fixture folder per case: input.mdx and the sentences
// detection reads in it (expected.json: text, line, whether it is a claim, quoted).
// What readers see inside JSX is read; ESM, expressions, attributes and code never
// are. `UPDATE=1 pnpm vitest run packages/post/test/mdx-detection.test.ts` rewrites
// the expectations; read the diff before committing it.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { parseMarkdown, sentencesOf } from '../src/index.ts'

const FIXTURES = fileURLToPath(new URL('./fixtures/mdx', import.meta.url))

for (const name of readdirSync(FIXTURES).sort()) {
  it(`MDX ${name}: the sentences readers see, and which are claims`, () => {
    const path = join(FIXTURES, name, 'input.mdx')
    const source = readFileSync(path, 'utf8')
    const found = sentencesOf(parseMarkdown(source, path), source).map((sentence) => ({
      line: sentence.start.line,
      text: sentence.text,
      claim: sentence.selected,
      ...(sentence.quoted ? { quoted: true } : {}),
    }))
    // Each sentence's place is where its first word stands in the file.
    const lines = source.split('\n')
    for (const sentence of sentencesOf(parseMarkdown(source, path), source)) {
      expect(lines[sentence.start.line - 1]!.slice(sentence.start.column - 1)).toMatch(new RegExp(`^${sentence.text.split(' ')[0]}`))
    }
    const expectedPath = join(FIXTURES, name, 'expected.json')
    if (process.env['UPDATE']) writeFileSync(expectedPath, `${JSON.stringify(found, null, 2)}\n`)
    expect(found).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')))
  })
}
