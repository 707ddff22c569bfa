// The posts the cache benchmark (cache.ts) and the dry-run test check: the
// twelve posts of eval/corpus (4 to 6 KB, five to eight planted errors each)
// and the short posts of fixtures/cache (0.5 to 0.9 KB, one or two each), with
// a scripted model for the fake server that flags exactly the planted errors.

import { readdirSync, readFileSync } from 'node:fs'
import { DEFAULT_CHECK_WORTHY, type Handler } from '../fake-openai/index.ts'
import { scriptedModel } from '../eval/scripted-model.ts'

export interface BenchPost {
  slug: string
  /** The Markdown source. */
  source: string
  /** The planted errors: words of the post that are wrong. */
  errors: string[]
}

const CORPUS = new URL('../../eval/corpus/', import.meta.url)
const SHORT = new URL('./fixtures/cache/', import.meta.url)

export function benchPosts(): BenchPost[] {
  const corpus = readdirSync(CORPUS)
    .filter((name) => name.endsWith('.flags.json'))
    .sort()
    .map((name): BenchPost => {
      const labels = JSON.parse(readFileSync(new URL(name, CORPUS), 'utf8')) as { post: string; flags: Array<{ quote: string }> }
      return {
        slug: name.replace(/\.flags\.json$/, ''),
        source: readFileSync(new URL(labels.post, CORPUS), 'utf8'),
        errors: labels.flags.map((flag) => flag.quote),
      }
    })
  const short = JSON.parse(readFileSync(new URL('flags.json', SHORT), 'utf8')) as { posts: Record<string, string[]> }
  const shortPosts = Object.entries(short.posts).map(
    ([slug, errors]): BenchPost => ({ slug, source: readFileSync(new URL(`${slug}.md`, SHORT), 'utf8'), errors }),
  )
  return [...shortPosts, ...corpus]
}

/**
 * The model of a first check: a claim holding a planted error is incorrect (its
 * correction quotes the error), any other supported; the screen calls a sentence
 * check-worthy when the fake's default screen does (a number, a hedge) or when it
 * holds an error; the validator approves (the fake's default).
 */
export function plantedErrorsModel(posts: BenchPost[]): Handler {
  const errors = posts.flatMap((post) => post.errors)
  const errorIn = (text: string) => errors.find((error) => text.includes(error))
  return scriptedModel(
    (claim) => errorIn(claim.text),
    undefined,
    (sentence) => DEFAULT_CHECK_WORTHY.test(sentence.text) || errorIn(sentence.text) !== undefined,
  )
}
