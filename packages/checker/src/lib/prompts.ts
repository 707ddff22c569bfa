// The prompt texts live in ../prompts/ as Markdown, so that they read (and diff)
// as prose. Their version is part of the cache key: a change to any of them
// must come with a new PROMPT_VERSION, and the test that hashes them says so.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** Bump with every change to a file in src/prompts/ (and record its hash in versions.ts). */
export const PROMPT_VERSION = 'v4'

const read = (name: string) => readFileSync(new URL(`../prompts/${name}`, import.meta.url), 'utf8')

/** One instructions text for every task (screen, investigate, validate), so that a post's requests share their first part; an input template per task. */
export const PROMPTS = {
  instructions: read('instructions.md'),
  investigateInput: read('investigate.input.md'),
  validateInput: read('validate.input.md'),
  screenInput: read('screen.input.md'),
} as const

/** SHA-256 over every prompt text, in a fixed order. */
export function promptHash(prompts: Record<string, string> = PROMPTS): string {
  const hash = createHash('sha256')
  for (const name of Object.keys(prompts).sort()) hash.update(`${name}\0${prompts[name]}\0`)
  return hash.digest('hex')
}

/**
 * The token for the `BEGIN-<NAME>-<token>` / `END-<NAME>-<token>` fences of a
 * request. `data` is what the request fences, the post's text first. Without
 * `shared` it is the post's token: SHA-256 of the prompt version and the post's
 * text, so it stays the same while the post does (every run's requests share
 * their cacheable first part) and changes with any edit. Anyone can compute it,
 * and that gains nothing: a fence holds as long as its token is absent from the
 * text inside it, and a post cannot contain the hash of itself. `shared` is the
 * post's token, reused so that its requests are identical up to their claims.
 * The data is checked all the same (a claim, or a model answer that repeats the
 * token): a token it holds is hashed again until it does not, deterministically,
 * so a repeated run repeats the token too.
 */
export function fenceToken(data: string[], shared?: string): string {
  let token = shared ?? hex32(`vetted fence\0${PROMPT_VERSION}\0${data[0] ?? ''}`)
  while (data.some((text) => text.includes(token))) token = hex32(`vetted fence again\0${token}`)
  return token
}

const hex32 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

/** Fill `{{name}}` placeholders in one pass (inserted text is never expanded again). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole)
}
