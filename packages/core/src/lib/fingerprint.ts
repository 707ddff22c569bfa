import { hash } from 'node:crypto'
import { relative, sep } from 'node:path'
import { normalizeText } from './normalize.ts'

// One-shot hashing: faster than createHash() for the short strings of sentences.
const sha256 = (value: string) => hash('sha256', value, 'hex')

/** A claim's identity: 16 hex digits of SHA-256 over its normalized plain text. */
export function fingerprint(plainText: string): string {
  return sha256(normalizeText(plainText)).slice(0, 16)
}

/**
 * A correction's id, unique across a project and the same on every machine: it
 * hashes the post's path relative to the project root (`projectPath`; two
 * `index.md` page bundles differ) with the claim and the quote, so the same quote
 * in two posts gets two ids.
 */
export function correctionId(post: string, claimFingerprint: string, quote: string): string {
  return `c-${sha256(`${post}\0${claimFingerprint}\0${normalizeText(quote)}`).slice(0, 10)}`
}

/** A post's path relative to the project root, with `/` on every system: what correction ids hash. */
export function projectPath(root: string, postPath: string): string {
  return relative(root, postPath).split(sep).join('/')
}
