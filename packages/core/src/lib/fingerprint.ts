import { hash } from 'node:crypto'
import { normalizeText } from './normalize.ts'

// One-shot hashing: faster than createHash() for the short strings of sentences.
const sha256 = (value: string) => hash('sha256', value, 'hex')

/** A claim's identity: 16 hex digits of SHA-256 over its normalized plain text. */
export function fingerprint(plainText: string): string {
  return sha256(normalizeText(plainText)).slice(0, 16)
}

/**
 * A correction's id, unique across a project: it hashes the post's file name with
 * the claim and the quote, so the same quote in two posts gets two ids.
 */
export function correctionId(post: string, claimFingerprint: string, quote: string): string {
  return `c-${sha256(`${post}\0${claimFingerprint}\0${normalizeText(quote)}`).slice(0, 10)}`
}
