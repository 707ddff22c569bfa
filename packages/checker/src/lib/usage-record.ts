// What one check of a post spent, as the usage record `CheckResult.usage` gives
// (and `vetted check` logs outside the ledger).

import type { Usage } from '@vetted/core'
import type { UsageMeter } from './usage.ts'

/** The record of a run that started at `date` (ISO), sent `claims` claims and metered `meter`. */
export function usageRecord(meter: UsageMeter, run: { date: string; checker: string; claims: number }): Usage {
  return {
    date: run.date,
    checker: run.checker,
    claims: run.claims,
    requests: meter.requests,
    inputTokens: meter.inputTokens,
    outputTokens: meter.outputTokens,
    searches: meter.searches,
    ...(meter.cachedInputTokens > 0 ? { cachedInputTokens: meter.cachedInputTokens } : {}),
  }
}
