// The prompt texts live in ../prompts/ as Markdown, so that they read (and diff)
// as prose. Their version is part of the cache key: a change to any of them
// must come with a new PROMPT_VERSION, and the test that hashes them says so.

import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** Bump with every change to a file in src/prompts/ (and record its hash in versions.ts). */
export const PROMPT_VERSION = 'v3'

const read = (name: string) => readFileSync(new URL(`../prompts/${name}`, import.meta.url), 'utf8')

export const PROMPTS = {
  investigateInstructions: read('investigate.instructions.md'),
  investigateInput: read('investigate.input.md'),
  validateInstructions: read('validate.instructions.md'),
  validateInput: read('validate.input.md'),
  screenInstructions: read('screen.instructions.md'),
  screenInput: read('screen.input.md'),
} as const

/** SHA-256 over every prompt text, in a fixed order. */
export function promptHash(prompts: Record<string, string> = PROMPTS): string {
  const hash = createHash('sha256')
  for (const name of Object.keys(prompts).sort()) hash.update(`${name}\0${prompts[name]}\0`)
  return hash.digest('hex')
}

/**
 * The token for the `BEGIN-<NAME>-<token>` / `END-<NAME>-<token>` fences of one
 * request: random, so untrusted text cannot close a fence it cannot guess.
 * `shared` is the token of the post's other requests in this run: reusing it
 * keeps their text identical up to the claims, so the provider can cache that
 * prefix. It is dropped for a fresh one when the data holds it (a model answer
 * that repeats the token, say).
 */
export function fenceToken(data: string[], shared?: string): string {
  let token = shared ?? randomBytes(16).toString('hex')
  while (data.some((text) => text.includes(token))) token = randomBytes(16).toString('hex')
  return token
}

/** Fill `{{name}}` placeholders in one pass (inserted text is never expanded again). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole)
}
