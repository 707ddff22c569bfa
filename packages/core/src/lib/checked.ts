import type { ClaimRecord } from '../schemas/ledger.ts'

/** The checker identity of verdicts an editor wrote by hand; they count under every checker. */
export const MANUAL_CHECKER = 'manual'

/** The identity that keys the cache: a model under a prompt version. */
export function checkerKey(model: string, promptVersion: string): string {
  return `${model}@${promptVersion}`
}

/**
 * Whether a claim has a verdict that counts under `currentChecker`: one from that
 * checker, or one written by hand. Without a current checker, any verdict counts
 * (the build and the site do not know which model the author will use next).
 */
export function isChecked(record: ClaimRecord | undefined, currentChecker?: string): boolean {
  if (!record?.verdict) return false
  if (currentChecker === undefined) return true
  return record.checker === currentChecker || record.checker === MANUAL_CHECKER
}

/** Whether the sentence has a screen result that counts under `currentScreener` (or from `manual`; any without one). */
export function isScreened(record: ClaimRecord | undefined, currentScreener?: string): boolean {
  const screen = record?.screen
  if (!screen) return false
  return currentScreener === undefined || screen.checker === currentScreener || screen.checker === MANUAL_CHECKER
}
