// remark-vetted in an MDX pipeline: @mdx-js/mdx's real compile and run, rendered
// to HTML by a small JSX runtime that writes attributes as MDX hands them over in
// HTML case (as @astrojs/mdx compiles). The ledger comes from the real CLI
// against the fake OpenAI server, one correction published with resolve.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compile, run } from '@mdx-js/mdx'
import { readLedger } from '@vetted/core'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import { project, useFakeOpenAI, vettedInProcess } from '../cli/support.ts'
import { TOWNS_MDX } from '../support/mdx.ts'

const { online } = await useFakeOpenAI()

// A JSX runtime that writes HTML: elements as strings, text escaped, attributes as given.
class Html {
  readonly value: string
  constructor(value: string) {
    this.value = value
  }
}
// Escaped as hast-util-to-html escapes, so that the two pipelines' HTML compare equal.
const escapeText = (text: string) => text.replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;')
const escapeAttribute = (text: string) => text.replaceAll('&', '&#x26;').replaceAll('"', '&#x22;')
function render(child: unknown): string {
  if (child === undefined || child === null || typeof child === 'boolean') return ''
  if (Array.isArray(child)) return child.map(render).join('')
  if (child instanceof Html) return child.value
  return escapeText(String(child))
}
const Fragment = Symbol('Fragment')
type Props = Record<string, unknown> & { children?: unknown }
function jsx(type: string | symbol | ((props: Props) => unknown), props: Props): unknown {
  const { children, ...attributes } = props
  if (typeof type === 'function') return type(props)
  if (type === Fragment) return new Html(render(children))
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) =>
      value === true ? ` ${name}` : ` ${name}="${escapeAttribute(Array.isArray(value) ? value.join(' ') : String(value))}"`,
    )
    .join('')
  return new Html(`<${String(type)}${attrs}>${render(children)}</${String(type)}>`)
}
const runtime = { Fragment, jsx, jsxs: jsx }
const Aside = (props: Props) => new Html(`<aside class="aside">${render(props.children)}</aside>`)

/** The post compiled by @mdx-js/mdx with remark-vetted, run and rendered to HTML; with the compile's messages. */
async function renderMdx(path: string): Promise<{ html: string; file: VFile }> {
  const file = await compile(new VFile({ path, value: readFileSync(path, 'utf8') }), {
    outputFormat: 'function-body',
    elementAttributeNameCase: 'html',
    remarkPlugins: [remarkVetted],
  })
  // The post's own import is resolved by the bundler in a site: here the components come as props.
  const code = String(file.value).replace(
    /^.*await import\(_resolveDynamicMdxSpecifier\('\.\/components\.js'\)\).*$/m,
    'const {Aside} = arguments[0].components;',
  )
  const module = await run(code, { ...runtime, baseUrl: import.meta.url, components: { Aside } } as never)
  return { html: render(module.default({ components: { Aside } })), file }
}

it('an MDX post compiled by @mdx-js/mdx shows its published correction inside the component with the markup a Markdown post gets', async () => {
  const cwd = project({ 'towns.mdx': TOWNS_MDX })
  const checked = await vettedInProcess(['check', 'towns.mdx'], { cwd, env: online })
  expect(checked.code).toBe(1)
  const ledger = readLedger(join(cwd, 'towns.vetted.json'), 'towns.mdx')!
  const [id] = Object.keys(ledger.corrections)
  expect((await vettedInProcess(['resolve', id!, '--annotate', 'towns.mdx'], { cwd })).code).toBe(0)

  const { html, file } = await renderMdx(join(cwd, 'towns.mdx'))
  expect(file.messages.map(String)).toEqual([])
  const aside = /<aside class="aside">(<p>.*?<\/p>)<\/aside>/s.exec(html)?.[1]
  expect(aside).toMatch(/^<p>In 1851, surveyors reported that Ashford sat on ground that <[^>]+>(<[^>]+>)*was perfectly flat</)
  expect(aside).toContain('<mark class="vetted-claim" id="towns-claim-1">')
  expect(html).toContain(`<li id="towns-correction-1" class="vetted-card" data-vetted-id="${id}" data-vetted-status="annotate">`)
  // The same paragraph and Corrections section as the same words in a Markdown post give.
  const markdown = await unified()
    .use(remarkParse)
    .use(remarkVetted, { ledger: readLedger(join(cwd, 'towns.vetted.json'), 'towns.mdx')!, idPrefix: 'towns' })
    .use(remarkRehype)
    .use(rehypeStringify)
    .process(
      new VFile({
        path: join(cwd, 'towns.md'),
        value: 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.\n',
      }),
    )
  const section = (text: string) => /<section class="vetted-corrections".*<\/section>/s.exec(text)?.[0]
  expect(aside).toBe(/<p>.*?<\/p>/s.exec(String(markdown))?.[0])
  expect(section(html)).toBe(section(String(markdown)))
  // Markup, never escaped HTML in text: MDX compiles no raw HTML.
  expect(html).not.toMatch(/&#x3C;|&lt;/)
  // The attribute and the ESM never reach the reader as prose, nor a card.
  expect(html).not.toMatch(/import|export const|<mark[^>]*>[^<]*40 miles/)
})

it('remark-vetted in an MDX pipeline reports the unchecked claims of the prose, never an import or export line', async () => {
  const cwd = project({ 'towns.mdx': TOWNS_MDX })
  const { file } = await renderMdx(join(cwd, 'towns.mdx'))
  const unchecked = file.messages.filter((message) => message.ruleId === 'unchecked-claim')
  expect(unchecked.map((message) => message.line)).toEqual([6, 9, 12])
  expect(unchecked.map((message) => message.reason).join('\n')).not.toMatch(/import|export|surveyed = |40 miles/)
})

it('an .mdx post in a pipeline that does not parse MDX is refused with one message saying to add remark-mdx, not read as Markdown', async () => {
  const cwd = project({ 'towns.mdx': TOWNS_MDX })
  const path = join(cwd, 'towns.mdx')
  const file = new VFile({ path, value: readFileSync(path, 'utf8') })
  const processor = unified().use(remarkParse).use(remarkVetted)
  await processor.run(processor.parse(file), file)
  expect(file.messages.map((message) => [message.ruleId, message.fatal])).toEqual([['mdx-not-parsed', true]])
  expect(file.messages[0]!.reason).toMatch(/towns\.mdx is MDX, but this pipeline parsed it as Markdown: add remark-mdx/)
})
