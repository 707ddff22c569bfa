// Every folder in fixtures/ is a case: input.md and its ledger input.vetted.json
// (and options.json, optionally; a folder without a ledger is a draft nobody checked) go through parse -> remark-vetted -> HTML; the
// HTML must equal output.html and the messages must equal messages.json.
// UPDATE=1 rewrites the expectations (read the diff before committing it).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import remarkVetted from '../src/index.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures')
const update = process.env['UPDATE'] === '1'

describe('fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name.replaceAll('-', ' '), async () => {
      const dir = join(FIXTURES, name)
      const read = (file: string) => readFileSync(join(dir, file), 'utf8')
      const options = existsSync(join(dir, 'options.json')) ? JSON.parse(read('options.json')) : {}
      const file = new VFile({ value: read('input.md'), path: join(dir, 'input.md') })
      const processor = unified()
        .use(remarkParse)
        .use(remarkFrontmatter)
        .use(remarkGfm)
        .use(remarkDirective)
        .use(remarkVetted, options)
        .use(remarkRehype)
        .use(rehypeStringify)
      const html = `${String(await processor.process(file))}\n`
      const messages = file.messages.map((message) => ({
        ruleId: message.ruleId,
        line: message.line ?? null,
        column: message.column ?? null,
        fatal: message.fatal ?? null,
        reason: message.reason.replaceAll(dir, '<fixture>'),
        ...(message.actual === undefined ? {} : { actual: message.actual }),
        url: message.url ?? null,
      }))
      if (update) {
        writeFileSync(join(dir, 'output.html'), html)
        writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`)
      }
      expect(html).toBe(read('output.html'))
      expect(messages).toEqual(JSON.parse(read('messages.json')))
    })
  }
})
