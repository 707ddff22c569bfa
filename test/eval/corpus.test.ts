// The labelled corpus in eval/corpus is well formed: what `vetted eval` scores a
// model against must be what its README says. Its errors are planted on purpose;
// these tests guard the labels, not the facts.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findNormalized } from '@vetted/core/internal'
import { collectProse, parseFrontmatter, parseMarkdown, postDate, readPost } from '@vetted/post'
import { blankFrontmatter } from '@vetted/post/internal'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../../eval/corpus')
const KINDS = ['year', 'number', 'name', 'attribution', 'causal', 'other'] as const

// Stricter than what the harness reads (third-party labels may carry only key,
// quote and gist): an error we planted always says what kind it is, what is true
// instead, and where to read it.
const PlantedErrorSchema = z
  .object({
    key: z.string().regex(/^E\d+$/),
    quote: z.string().min(1),
    kind: z.enum(KINDS),
    truth: z.string().min(1),
    source: z.url({ protocol: /^https$/ }),
    gist: z.string().min(1),
  })
  .strict()
const FlagsFileSchema = z
  .object({
    about: z.string().min(1),
    post: z.string().regex(/^posts\/[a-z0-9-]+\.md$/),
    flags: z.array(PlantedErrorSchema).min(1),
  })
  .strict()
type FlagsFile = z.infer<typeof FlagsFileSchema>

interface CorpusEntry {
  flagsFile: string
  labels: FlagsFile
  source: string
  /** The post's prose blocks as detection reads them: no Markdown syntax, link text kept. */
  prose: string[]
}

const flagFiles = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.flags.json'))
  .sort()

const read = new Map<string, CorpusEntry>()
function readEntry(flagsFile: string): CorpusEntry {
  const cached = read.get(flagsFile)
  if (cached) return cached
  const labels = FlagsFileSchema.parse(JSON.parse(readFileSync(join(CORPUS, flagsFile), 'utf8')))
  const source = readPost(join(CORPUS, labels.post))
  const entry = { flagsFile, labels, source, prose: collectProse(parseMarkdown(source), source).map((block) => block.text) }
  read.set(flagsFile, entry)
  return entry
}

/** How many times `quote` occurs in the prose, comparing normalized text (quotes, dashes, whitespace). */
function occurrences(prose: string[], quote: string): number {
  let count = 0
  for (const text of prose) {
    let from = 0
    for (let found = findNormalized(text, quote); found; found = findNormalized(text.slice(from), quote)) {
      count++
      from += found.end
    }
  }
  return count
}

function wordCount(prose: string[]): number {
  return prose
    .join(' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}

describe('the labelled eval corpus', () => {
  test('every flags file names its post, and every post has a flags file', () => {
    expect(flagFiles.length).toBeGreaterThanOrEqual(10)
    const named = flagFiles.map((name) => FlagsFileSchema.parse(JSON.parse(readFileSync(join(CORPUS, name), 'utf8'))).post)
    for (const [index, post] of named.entries()) {
      expect(existsSync(join(CORPUS, post)), `${flagFiles[index]}: ${post} is missing`).toBe(true)
      expect(post, `${flagFiles[index]} should name the post of the same slug`).toBe(
        `posts/${flagFiles[index]!.replace('.flags.json', '')}.md`,
      )
    }
    const posts = readdirSync(join(CORPUS, 'posts')).map((name) => `posts/${name}`)
    expect(posts.sort()).toEqual([...named].sort())
  })

  test.each(flagFiles)(
    '%s validates: each planted error has a kind, the truth, an https source and a gist, under a unique key',
    (flagsFile) => {
      const parsed = FlagsFileSchema.safeParse(JSON.parse(readFileSync(join(CORPUS, flagsFile), 'utf8')))
      expect(parsed.success ? [] : parsed.error.issues).toEqual([])
      const keys = parsed.data!.flags.map((flag) => flag.key)
      expect(new Set(keys).size).toBe(keys.length)
    },
  )

  test.each(flagFiles)("%s: every quote occurs exactly once in its post's plain text", (flagsFile) => {
    const { labels, prose } = readEntry(flagsFile)
    const counts = Object.fromEntries(labels.flags.map((flag) => [`${flag.key}: ${flag.quote}`, occurrences(prose, flag.quote)]))
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((key) => [key, 1])))
  })

  test.each(flagFiles)('%s: the post has a title and a date, and 600 to 2,000 words of prose', (flagsFile) => {
    const { source, prose } = readEntry(flagsFile)
    const { frontmatter } = blankFrontmatter(source)
    expect(frontmatter).toMatch(/^title: \S/m)
    expect(postDate(parseFrontmatter(source, flagsFile)).date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const words = wordCount(prose)
    expect(words).toBeGreaterThanOrEqual(600)
    expect(words).toBeLessThanOrEqual(2000)
  })

  test('the corpus holds at least 40 planted errors, of every kind', () => {
    const flags = flagFiles.flatMap((name) => readEntry(name).labels.flags)
    expect(flags.length).toBeGreaterThanOrEqual(40)
    expect(new Set(flags.map((flag) => flag.kind))).toEqual(new Set(KINDS))
  })

  test("the README's counts are the corpus's", () => {
    const entries = flagFiles.map(readEntry)
    const flags = entries.flatMap((entry) => entry.labels.flags)
    const readme = readFileSync(join(CORPUS, 'README.md'), 'utf8')
    expect(readme).toContain(`| Posts | ${entries.length} |`)
    expect(readme).toContain(`| Planted errors | ${flags.length} |`)
    expect(readme).toContain(`| Words of prose | ${entries.reduce((sum, entry) => sum + wordCount(entry.prose), 0).toLocaleString('en')} |`)
    for (const kind of KINDS) expect(readme).toContain(`| ${kind} | ${flags.filter((flag) => flag.kind === kind).length} |`)
  })
})
