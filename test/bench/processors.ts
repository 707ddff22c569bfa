// The Markdown pipeline of a blog built with unified, as remark-vetted's README
// shows it, with and without the plugin: parse (GFM, directives) -> remark-vetted
// -> remark-rehype -> rehype-stringify.

import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted, { type RemarkVettedOptions } from 'remark-vetted'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'

/** Markdown to HTML; with remark-vetted when `vetted` is given (its options). */
export function markdownToHtml(vetted?: RemarkVettedOptions) {
  const parse = unified().use(remarkParse).use(remarkGfm).use(remarkDirective)
  return (vetted ? parse.use(remarkVetted, vetted) : parse).use(remarkRehype).use(rehypeStringify).freeze()
}

/** The same syntax, to Markdown trees only; with remark-vetted when `vetted` is given. */
export function markdownToTree(vetted?: RemarkVettedOptions) {
  const parse = unified().use(remarkParse).use(remarkGfm).use(remarkDirective)
  return (vetted ? parse.use(remarkVetted, vetted) : parse).freeze()
}
