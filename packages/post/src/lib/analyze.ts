// A post read against its ledger: its claims, which of them are unchecked, and
// where each correction stands (at its quote inside its claim, somewhere else in
// the prose, or gone). Data only: remark-vetted attaches and renders from it, the
// CLI reports it.

import { LineIndex, isChecked, type Claim, type Correction, type CorrectionStatus, type Ledger, type Position } from '@vetted/core'
import type { Root } from 'mdast'
import type { DetectOptions } from '../schemas/detect.ts'
import { detectClaimsInProse } from './detect.ts'
import { QuoteLocator, type QuoteLocation } from './locate.ts'
import { collectProse } from './prose.ts'

export interface AnalyzeOptions {
  /** The current checker (`model@prompt`): a claim without a verdict under it is unchecked. Without: any verdict counts. */
  checker?: string
  detect?: DetectOptions
  /**
   * Detect every claim (default). Without, no claim is listed and each quote is
   * found in the sentence whose fingerprint its correction names.
   */
  claims?: boolean
  /** The post's date (YYYY-MM-DD): corrections fixed after it make the correction log. */
  date?: string
}

/** One correction of the ledger, and where it stands in the post. */
export interface PlacedCorrection {
  correction: Correction
  /** The ledger's status, or `fixed` when its claim and quote left the post (stale). */
  status: CorrectionStatus
  /** Its claim's sentence, while the post has it. */
  claim?: Claim
  /** Its quote in the post, when found. */
  location?: QuoteLocation
  start?: Position
  end?: Position
}

export interface PostAnalysis {
  claims: Claim[]
  unchecked: Claim[]
  /** Every correction of the ledger, in the ledger's order. */
  corrections: PlacedCorrection[]
  /** Open or published corrections whose claim and quote are gone from the post. */
  stale: Correction[]
  /** Corrections whose claim is in the post but whose quote is not in it. */
  quoteNotInClaim: Array<{ correction: Correction; claim: Claim }>
  /** Corrections fixed after the post's date, oldest first: the correction log. */
  fixed: Array<{ correction: Correction; date: string }>
}

export function analyze(tree: Root, source: string, ledger: Ledger, options: AnalyzeOptions = {}): PostAnalysis {
  const detect = options.claims ?? true
  const blocks = collectProse(tree, source)
  const claims = detect ? detectClaimsInProse(blocks, source, options.detect) : []
  const unchecked = claims.filter((claim) => !isChecked(ledger.claims[claim.fingerprint], options.checker))
  const claimByFingerprint = new Map<string, Claim>()
  for (const claim of claims) if (!claimByFingerprint.has(claim.fingerprint)) claimByFingerprint.set(claim.fingerprint, claim)

  const locator = new QuoteLocator(blocks)
  const lines = new LineIndex(source)
  const corrections: PlacedCorrection[] = []
  const stale: Correction[] = []
  const quoteNotInClaim: PostAnalysis['quoteNotInClaim'] = []
  for (const correction of Object.values(ledger.corrections)) {
    if (correction.status === 'rejected' || correction.status === 'fixed') {
      corrections.push({ correction, status: correction.status })
      continue
    }
    // In its claim while the claim is in the post, else anywhere.
    const claim = claimByFingerprint.get(correction.claim)
    const location = claim
      ? locator.inClaim(correction.quote, claim)
      : locator.find(detect ? { quote: correction.quote } : { quote: correction.quote, sentence: correction.claim })
    if (location) {
      const start = lines.position(location.sourceStart)
      const end = lines.position(location.sourceEnd)
      corrections.push({ correction, status: correction.status, ...(claim ? { claim } : {}), location, start, end })
    } else if (claim) {
      quoteNotInClaim.push({ correction, claim })
      corrections.push({ correction, status: correction.status, claim })
    } else if (correction.status === 'dismiss') {
      // A dismissed correction may leave with its quote: nothing to record.
      corrections.push({ correction, status: 'dismiss' })
    } else {
      stale.push(correction)
      corrections.push({ correction, status: 'fixed' })
    }
  }
  return { claims, unchecked, corrections, stale, quoteNotInClaim, fixed: correctionLog(ledger, options.date) }
}

/** Fixed corrections whose fix came after the post's date, oldest first. */
function correctionLog(ledger: Ledger, postDate: string | undefined): PostAnalysis['fixed'] {
  if (!postDate) return []
  const entries: PostAnalysis['fixed'] = []
  for (const correction of Object.values(ledger.corrections)) {
    if (correction.status !== 'fixed') continue
    const date = correction.history.findLast((event) => event.status === 'fixed')?.date
    if (date && date > postDate) entries.push({ correction, date })
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}
