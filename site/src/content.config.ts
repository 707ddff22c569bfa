// The posts: every `*.md` and `*.mdx` of ../content (or of $VETTED_CONTENT_DIR, which the
// build tests point at their fixtures), except its README.

import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { z } from 'astro/zod'

const posts = defineCollection({
  loader: glob({
    base: process.env.VETTED_CONTENT_DIR ?? '../content',
    pattern: ['*.{md,mdx}', '!README.md'],
    // Render each post as a Markdown (or MDX) module, in every build: an eagerly rendered
    // entry is cached by the post's text alone, so after `vetted resolve` it would
    // keep its old cards, and the build gate would not see it.
    deferRender: true,
  }),
  schema: z.object({
    title: z.string().min(1),
    date: z.coerce.date(),
    description: z.string().optional(),
    updated: z.coerce.date().optional(),
  }),
})

export const collections = { posts }
