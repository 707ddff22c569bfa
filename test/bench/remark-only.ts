// Baselines for the CLI benchmark, each in a fresh process as `vetted check --ci`
// runs in its own: read and parse every Markdown file of a folder with remark
// alone. `--syntax vetted` parses with the syntax extensions vetted reads (GFM,
// $$ math, directives: @vetted/core's parser); `--syntax commonmark` with
// remark-parse only.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MATH_OPTIONS } from '@vetted/post/internal'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const [folder, flag, syntax] = process.argv.slice(2)
if (!folder || flag !== '--syntax' || (syntax !== 'vetted' && syntax !== 'commonmark')) {
  throw new Error('usage: remark-only.ts FOLDER --syntax vetted|commonmark')
}
const parser =
  syntax === 'vetted'
    ? unified().use(remarkParse).use(remarkGfm).use(remarkMath, MATH_OPTIONS).use(remarkDirective)
    : unified().use(remarkParse)
let blocks = 0
for (const name of readdirSync(folder).filter((file) => file.endsWith('.md'))) {
  blocks += (parser.runSync(parser.parse(readFileSync(join(folder, name), 'utf8'))) as unknown as { children: unknown[] }).children.length
}
console.log(`${blocks} blocks`)
