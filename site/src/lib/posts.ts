// The posts with what every page needs about them, newest first.

import { vettedPageData, type VettedPageData } from '@vetted/astro'
import { getCollection, render, type CollectionEntry } from 'astro:content'

export interface Post {
  slug: string
  title: string
  /** YYYY-MM-DD */
  date: string
  updated?: string
  description?: string
  vetted: VettedPageData
  Content: Awaited<ReturnType<typeof render>>['Content']
}

const day = (date: Date) => date.toISOString().slice(0, 10)

async function toPost(entry: CollectionEntry<'posts'>): Promise<Post> {
  const { Content, remarkPluginFrontmatter } = await render(entry)
  const { title, date, updated, description } = entry.data
  return {
    slug: entry.id,
    title,
    date: day(date),
    ...(updated ? { updated: day(updated) } : {}),
    ...(description ? { description } : {}),
    vetted: vettedPageData(remarkPluginFrontmatter),
    Content,
  }
}

export async function allPosts(): Promise<Post[]> {
  const posts = await Promise.all((await getCollection('posts')).map(toPost))
  return posts.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug.localeCompare(b.slug)))
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `2026-03-01` as `1 March 2026`, the same in every time zone. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  return `${day} ${MONTHS[month! - 1]} ${year}`
}

export function correctionCount(count: number): string {
  return count === 0 ? 'no corrections' : count === 1 ? '1 published correction' : `${count} published corrections`
}
