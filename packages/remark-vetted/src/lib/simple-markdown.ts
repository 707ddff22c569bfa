// The Markdown of a typical reasoning, read without a parser: paragraphs, tight
// bullet and ordered lists of one-line items, ATX headings (as bold paragraphs,
// as the card shows them), and inside them text, `code`, *emphasis*, **strong**
// and [links](https://…). It gives exactly the hast that remark-parse and
// mdast-util-to-hast give for such text (headings flattened), which
// test/simple-markdown.test.ts checks against them. Anything it is not sure of
// (a backslash, an entity, `<`, `_`, brackets that are no inline link, a `*` it
// cannot pair, indentation, a blank line inside a list, a quote, code blocks,
// setext underlines and rules) makes it give up (undefined): the caller parses
// that reasoning in full. So it never has to be right about the hard parts of
// CommonMark, only to recognise them.

import type { Element, ElementContent, Root, RootContent } from 'hast'

/** Characters that start constructs this reader leaves to the parser, anywhere in the text. */
const HARD = /[\\<>&_\r\0]|!\[|[ \t]$|^[ \t]/m
/** A line that is (or may be) a rule, a setext underline, a quote, a code fence, HTML or a table, or is indented. */
const HARD_LINE_START = /^(?:[ \t>=_~`<|]|[-*+](?![ ])|[-*+] *$|\*(?: *\*){2}|-(?: *-){2}|\d{1,9}[.)](?![ ]))/
const HEADING = /^(#{1,6}) (.*[^#\s].*)$/
const BULLET = /^([-*+]) (.+)$/
const ORDERED = /^(\d{1,9})([.)]) (.+)$/
/** A URL mdast-util-to-hast writes as it is (normalizeUri changes nothing): ASCII, no parentheses, `%` only as an escape. */
const PLAIN_URL = /^(?:[A-Za-z0-9!#$'*+,\-./:;=?@~]|%[0-9A-Fa-f]{2})+$/
const WORD = /[\p{L}\p{N}]/u

type Block =
  | { type: 'paragraph'; lines: string[] }
  | { type: 'heading'; text: string }
  | { type: 'list'; marker: string; start?: number; items: string[] }

/** The hast of `markdown` as remark would give it, or undefined when it holds anything this reader does not take. */
export function simpleMarkdownToHast(markdown: string): Root | undefined {
  if (HARD.test(markdown)) return undefined
  const blocks = blocksOf(markdown)
  if (!blocks) return undefined
  const children: RootContent[] = []
  for (const block of blocks) {
    const element = blockToHast(block)
    if (!element) return undefined
    if (children.length > 0) children.push(newline())
    children.push(element)
  }
  return { type: 'root', children }
}

function blocksOf(markdown: string): Block[] | undefined {
  const blocks: Block[] = []
  let open: Block | undefined
  for (const line of markdown.split('\n')) {
    if (line === '') {
      open = undefined
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      // Its closing sequence (`## Title ##`) and a heading that is only hashes are the parser's.
      if (/\s#+$/.test(heading[2]!)) return undefined
      blocks.push({ type: 'heading', text: heading[2]!.trim() })
      open = undefined
      continue
    }
    if (line.startsWith('#')) return undefined
    const bullet = BULLET.exec(line)
    const ordered = bullet ? undefined : ORDERED.exec(line)
    if (bullet || ordered) {
      const marker = bullet ? bullet[1]! : ordered![2]!
      const content = bullet ? bullet[2]! : ordered![3]!
      if (HARD_LINE_START.test(content) || content.startsWith('#') || BULLET.test(content) || ORDERED.test(content)) return undefined
      if (open?.type === 'list' && open.marker === marker && (bullet !== null) === (open.start === undefined)) {
        open.items.push(content)
        continue
      }
      // A list right after a paragraph line (it may interrupt it or not), or after a blank line
      // following a list (a loose list), or with another marker (a new list): the parser's.
      if (open || blocks.at(-1)?.type === 'list') return undefined
      open = { type: 'list', marker, ...(ordered ? { start: Number(ordered[1]) } : {}), items: [content] }
      blocks.push(open)
      continue
    }
    if (HARD_LINE_START.test(line)) return undefined
    // A line right after a list item continues it (lazily): the parser's.
    if (open?.type === 'list') return undefined
    if (open?.type === 'paragraph') {
      open.lines.push(line)
      continue
    }
    open = { type: 'paragraph', lines: [line] }
    blocks.push(open)
  }
  return blocks
}

function blockToHast(block: Block): Element | undefined {
  if (block.type === 'paragraph') {
    const children = inline(block.lines.join('\n'))
    return children && element('p', {}, children)
  }
  if (block.type === 'heading') {
    const children = inline(block.text)
    return children && element('p', {}, [element('strong', {}, children)])
  }
  const items: ElementContent[] = [newline()]
  for (const item of block.items) {
    const children = inline(item)
    if (!children) return undefined
    items.push(element('li', {}, children), newline())
  }
  const ordered = block.start !== undefined
  return element(ordered ? 'ol' : 'ul', ordered && block.start !== 1 ? { start: block.start } : {}, items)
}

/** Inline content: text, code spans, links, emphasis and strong with `*`; undefined at anything else. */
function inline(text: string): ElementContent[] | undefined {
  const nodes: ElementContent[] = []
  let plain = ''
  const flush = () => {
    if (plain) nodes.push({ type: 'text', value: plain })
    plain = ''
  }
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (char === '`') {
      const end = text.indexOf('`', index + 1)
      if (end < 0 || text[index + 1] === '`') return undefined
      const code = text.slice(index + 1, end)
      // Line endings and the space-stripping rule of code spans are the parser's.
      if (code === '' || /[\n`]/.test(code) || code.startsWith(' ') || code.endsWith(' ')) return undefined
      flush()
      nodes.push(element('code', {}, [{ type: 'text', value: code }]))
      index = end + 1
      continue
    }
    if (char === '[') {
      const close = text.indexOf(']', index + 1)
      if (close < 0 || text[close + 1] !== '(') return undefined
      const end = text.indexOf(')', close + 2)
      if (end < 0) return undefined
      const label = text.slice(index + 1, close)
      const url = text.slice(close + 2, end)
      if (label === '' || label.includes('[') || !PLAIN_URL.test(url)) return undefined
      const children = inline(label)
      if (!children) return undefined
      flush()
      nodes.push(element('a', { href: url }, children))
      index = end + 1
      continue
    }
    if (char === ']' || char === '(' || char === ')') {
      // Outside a link they are text, but only when no link can be made of them: let the parser judge.
      if (char === ']') return undefined
      plain += char
      index++
      continue
    }
    if (char === '*') {
      const run = text[index + 1] === '*' ? 2 : 1
      const close = text.indexOf(run === 2 ? '**' : '*', index + run)
      if (close < 0) return undefined
      const content = text.slice(index + run, close)
      // Only a pair around words, with no other `*` inside or next to it: flanking and nesting are the parser's.
      if (text[index + run] === '*' || text[close + run] === '*' || content.includes('*')) return undefined
      if (!WORD.test(content[0] ?? '') || !WORD.test(content.at(-1) ?? '')) return undefined
      const children = inline(content)
      if (!children) return undefined
      flush()
      nodes.push(element(run === 2 ? 'strong' : 'em', {}, children))
      index = close + run
      continue
    }
    plain += char
    index++
  }
  flush()
  return nodes
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children }
}

function newline(): ElementContent {
  return { type: 'text', value: '\n' }
}
