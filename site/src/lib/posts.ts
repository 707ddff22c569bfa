// The posts of ../content, imported as Markdown modules: each render runs the
// unified processor with remark-vetted, so a post always shows its ledger as it
// is now (a content-collection cache would keep stale cards after `vetted resolve`).

import type { MarkdownInstance } from 'astro'
import type { VettedPageData } from '@vetted/astro'

export interface PostFrontmatter {
  title: string
  date: string
  description?: string
  vetted?: VettedPageData
}

export interface Post {
  slug: string
  title: string
  date: string
  description?: string
  vetted: VettedPageData
  Content: MarkdownInstance<PostFrontmatter>['Content']
}

const modules = import.meta.glob<MarkdownInstance<PostFrontmatter>>(['../../../content/*.md', '!../../../content/README.md'], { eager: true })

const EMPTY: VettedPageData = { corrections: [], fixed: [], open: [] }

export function allPosts(): Post[] {
  return Object.entries(modules)
    .map(([path, module]) => {
      const { title, date, description, vetted } = module.frontmatter
      if (!title || !date) throw new Error(`${path}: the frontmatter needs a title and a date (YYYY-MM-DD)`)
      return {
        slug: path.split('/').pop()!.replace(/\.md$/, ''),
        title,
        date: String(date).slice(0, 10),
        ...(description ? { description } : {}),
        vetted: vetted ?? EMPTY,
        Content: module.Content,
      }
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug.localeCompare(b.slug)))
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  return `${day} ${MONTHS[month! - 1]} ${year}`
}
