// The post as the model reads it: plain text, the same text claims are cut from
// (so a quote the model copies is the post's own words), with just enough shape
// left (headings, list bullets, quote marks, code) to read it in context.

import type { Parent, Root, RootContent } from 'mdast'
// The node types of the syntax @vetted/post parses: $$ math and directives (and MDX's, which @vetted/post's types declare).
import type {} from 'mdast-util-directive'
import type {} from 'mdast-util-math'
import type {} from 'mdast-util-mdx'
import { blankFrontmatter, isCodeBlockElement, proseOfBlock } from '@vetted/post/internal'

/** Plain text of a Markdown or MDX post, from its parse (`tree`, of `source`), blocks separated by blank lines. */
export function postPlainText(tree: Root, source: string): string {
  const body = blankFrontmatter(source).body
  const prose = (node: Parent) => proseOfBlock(node, body).text.trim()
  const prefix = (text: string, first: string, rest: string) =>
    text
      .split('\n')
      .map((line, i) => (i === 0 ? first : rest) + line)
      .join('\n')
      .replace(/[ \t]+$/gm, '')
  const nested = (node: Parent) => blocks(node.children as RootContent[]).join('\n\n')

  const blocks = (nodes: RootContent[]): string[] =>
    nodes.flatMap((node) => {
      switch (node.type) {
        case 'paragraph':
          return [prose(node)].filter(Boolean)
        case 'heading':
          return [`${'#'.repeat(node.depth)} ${prose(node)}`]
        case 'blockquote':
          return [prefix(nested(node), '> ', '> ')]
        case 'list':
          return [
            node.children
              .map((item, i) => {
                const bullet = node.ordered ? `${(node.start ?? 1) + i}. ` : '- '
                return prefix(nested(item), bullet, ' '.repeat(bullet.length))
              })
              .join('\n'),
          ]
        case 'table':
          return [node.children.map((row) => row.children.map(prose).join(' | ')).join('\n')]
        case 'code':
          return [`\`\`\`${node.lang ?? ''}\n${node.value}\n\`\`\``]
        case 'math':
          return [`$$\n${node.value}\n$$`]
        case 'footnoteDefinition':
          return [prefix(nested(node), `[^${node.label ?? ''}]: `, '    ')]
        case 'thematicBreak':
          return ['---']
        case 'containerDirective':
          return blocks(node.children)
        case 'mdxJsxFlowElement':
          // The text readers see inside a component (`<Aside>…</Aside>`); not code-like elements.
          return isCodeBlockElement(node) ? [] : blocks(node.children)
        default:
          // html, definitions, leaf directives, frontmatter, MDX's import/export and {expressions}: not prose.
          return []
      }
    })
  return blocks(tree.children).join('\n\n')
}
