import type { ClaimRecord } from '../schemas/ledger.ts'

/** The checker identity of verdicts an editor wrote by hand; they count under every checker. */
export const MANUAL_CHECKER = 'manual'

/** The identity that keys the cache: a model under a prompt version. */
export function checkerKey(model: string, promptVersion: string): string {
  return `${model}@${promptVersion}`
}

// A verdict stays valid under the checker that made it: an upgrade of vetted (a
// new prompt version) or another model in the config never turns a checked claim
// unchecked. Judging again under the current checker is opt-in
// (`vetted check --recheck-older`), and `--dry-run` prices it first.

/** Whether a claim has a verdict, from any checker (or from `manual`, an editor). */
export function isChecked(record: ClaimRecord | undefined): boolean {
  return Boolean(record?.verdict)
}

/** Whether the sentence has a screen result, from any screener (or from `manual`). */
export function isScreened(record: ClaimRecord | undefined): boolean {
  return Boolean(record?.screen)
}

/**
 * Whether what settles the record comes from another checker than the current one:
 * its verdict, or (a sentence with no verdict) its screen result. Such results count
 * all the same; `--recheck-older` sends them again and reports count them. Results
 * from `manual` are never older; without a current key nothing is.
 */
export function isFromOlderChecker(
  record: ClaimRecord | undefined,
  current: { checker?: string | undefined; screener?: string | undefined },
): boolean {
  if (record?.verdict) return isOther(record.checker, current.checker)
  if (record?.screen) return isOther(record.screen.checker, current.screener)
  return false
}

const isOther = (key: string | undefined, current: string | undefined) =>
  key !== undefined && current !== undefined && key !== current && key !== MANUAL_CHECKER
