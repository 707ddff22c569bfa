// The Markdown a model most often writes in a reasoning: paragraphs, tight '- '
// lists, *emphasis*, **strong** and [links](https://…), read into the mdast that
// remark-parse gives for it (without positions), with no micromark run.
// micromark makes some 200 KB of objects for a 100-character text, so with one
// run per card the reasonings were most of what the plugin allocated, and in a
// build that garbage is collected while the post's freshly parsed tree is still
// young. Anything outside the subset, or any doubt about it, gives undefined and
// remark-parse reads the text: the subset is chosen so that each rule below is one
// CommonMark does not bend. test/simple-markdown.test.ts holds both to the same tree.

import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'

/** The tree of `markdown` when it keeps to the subset; else undefined. */
export function parseSimpleMarkdown(markdown: string): Root | undefined {
  // Tabs, carriage returns, NUL and a byte order mark each have rules of their own.
  if (/[\t\r\0\uFEFF]/.test(markdown)) return undefined
  const children: RootContent[] = []
  let paragraph: string[] | undefined
  let list: List | undefined
  let blank = false
  for (const line of markdown.split('\n')) {
    if (/^ *$/.test(line)) {
      if (paragraph && !closeParagraph(children, paragraph)) return undefined
      paragraph = undefined
      blank = true
      continue
    }
    // Indentation and trailing spaces (hard breaks) have rules of their own.
    if (line.startsWith(' ') || line.endsWith(' ')) return undefined
    if (line.startsWith('- ')) {
      const content = line.slice(2)
      // A list right after a paragraph, one that goes on after a blank line (loose), or a nested block: not here.
      if (paragraph || (list && blank) || content.startsWith(' ') || startsBlock(content)) return undefined
      const inline = parseInline(content)
      if (!inline) return undefined
      if (!list) {
        list = { type: 'list', ordered: false, start: null, spread: false, children: [] }
        children.push(list)
      }
      const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [{ type: 'paragraph', children: inline }] }
      list.children.push(item)
      blank = false
      continue
    }
    // A line that may start another block, or a list item's lazy continuation: not here.
    if (startsBlock(line) || (list && !blank)) return undefined
    list = undefined
    blank = false
    ;(paragraph ??= []).push(line)
  }
  if (paragraph && !closeParagraph(children, paragraph)) return undefined
  return { type: 'root', children }
}

function closeParagraph(children: RootContent[], lines: string[]): boolean {
  const inline = parseInline(lines.join('\n'))
  if (!inline) return false
  const paragraph: Paragraph = { type: 'paragraph', children: inline }
  children.push(paragraph)
  return true
}

/** A line whose first characters may open a heading, quote, list, fence, HTML, break or setext underline. */
function startsBlock(line: string): boolean {
  return /^[#>=\-+*_`~<|]/.test(line) || /^\d{1,9}[.)]/.test(line)
}

const ALNUM = /[A-Za-z0-9]/
const LINK = /^\[([^[\]*`\\<&_\n]+)\]\((https?:\/\/[A-Za-z0-9\-._~:/?#@!$'+,;=%]+)\)/

/** Text with emphasis, strong and links as described above; undefined for anything else. */
function parseInline(text: string): PhrasingContent[] | undefined {
  // Code, escapes, HTML and autolinks, character references, underscores: not here.
  if (/[`\\<&_]/.test(text)) return undefined
  const nodes: PhrasingContent[] = []
  let plain = ''
  const flush = () => {
    if (plain) nodes.push({ type: 'text', value: plain })
    plain = ''
  }
  for (let at = 0; at < text.length; ) {
    const char = text[at]!
    if (char === '*') {
      const delimited = parseDelimited(text, at)
      if (!delimited) return undefined
      flush()
      nodes.push(delimited.node)
      at = delimited.end
      continue
    }
    if (char === '[') {
      const link = LINK.exec(text.slice(at))
      const [whole, label, url] = link ?? []
      if (!whole || !label || !url || text[at - 1] === '!') return undefined
      flush()
      nodes.push({ type: 'link', title: null, url, children: [{ type: 'text', value: label }] })
      at += whole.length
      continue
    }
    if (char === ']') return undefined
    plain += char
    at++
  }
  flush()
  return nodes
}

/**
 * `*text*` or `**text**` at `at`: a run of one or two asterisks before a letter or
 * digit (so it may open), closed by the next run, of the same length, after a
 * letter or digit (so it may close); no '[', ']' or line break inside. With
 * nothing else open and equal runs, CommonMark pairs exactly these two.
 */
function parseDelimited(text: string, at: number): { node: PhrasingContent; end: number } | undefined {
  const size = text[at + 1] === '*' ? 2 : 1
  if (text[at + size] === '*' || !ALNUM.test(text[at + size] ?? '')) return undefined
  const close = text.indexOf('*', at + size)
  if (close < 0) return undefined
  const inner = text.slice(at + size, close)
  if (/[[\]\n]/.test(inner) || !ALNUM.test(inner.at(-1) ?? '')) return undefined
  if (text.slice(close, close + size) !== '*'.repeat(size) || text[close + size] === '*') return undefined
  const children: PhrasingContent[] = [{ type: 'text', value: inner }]
  return { node: size === 2 ? { type: 'strong', children } : { type: 'emphasis', children }, end: close + size }
}
