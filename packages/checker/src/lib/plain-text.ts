// The post as the model reads it: plain text, the same text claims are cut from
// (so a quote the model copies is the post's own words), with just enough shape
// left (headings, list bullets, quote marks, code) to read it in context.

import { blankFrontmatter, parseMarkdown, proseOfBlock } from '@vetted/core'

interface Node {
  type: string
  children?: Node[]
  value?: string
  depth?: number
  ordered?: boolean
  start?: number | null
  label?: string
  lang?: string | null
}
type Block = Parameters<typeof proseOfBlock>[0]

/** Plain text of a Markdown post, blocks separated by blank lines. */
export function postPlainText(source: string): string {
  const body = blankFrontmatter(source).body
  const tree = parseMarkdown(source) as unknown as Node
  const prose = (node: Node) => proseOfBlock(node as unknown as Block, body).text.trim()
  const prefix = (text: string, first: string, rest: string) =>
    text.split('\n').map((line, i) => (i === 0 ? first : rest) + line).join('\n').replace(/[ \t]+$/gm, '')

  const blocks = (nodes: Node[] = []): string[] => nodes.flatMap((node) => {
    switch (node.type) {
      case 'paragraph':
        return [prose(node)].filter(Boolean)
      case 'heading':
        return [`${'#'.repeat(node.depth ?? 1)} ${prose(node)}`]
      case 'blockquote':
        return [prefix(blocks(node.children).join('\n\n'), '> ', '> ')]
      case 'list':
        return [(node.children ?? []).map((item, i) => {
          const bullet = node.ordered ? `${(node.start ?? 1) + i}. ` : '- '
          return prefix(blocks(item.children).join('\n\n'), bullet, ' '.repeat(bullet.length))
        }).join('\n')]
      case 'table':
        return [(node.children ?? []).map((row) => (row.children ?? []).map(prose).join(' | ')).join('\n')]
      case 'code':
        return [`\`\`\`${node.lang ?? ''}\n${node.value ?? ''}\n\`\`\``]
      case 'math':
        return [`$$\n${node.value ?? ''}\n$$`]
      case 'footnoteDefinition':
        return [prefix(blocks(node.children).join('\n\n'), `[^${node.label ?? ''}]: `, '    ')]
      case 'thematicBreak':
        return ['---']
      case 'containerDirective':
        return blocks(node.children)
      default:
        // html, definitions, leaf directives, frontmatter: not prose.
        return []
    }
  })
  return blocks(tree.children).join('\n\n')
}
