// What `vetted check` spent, kept outside the ledgers: one JSON line per post and
// run in `.vetted/usage.jsonl` at the project root. A record appended to a ledger
// made every two branches that checked one post conflict at the same spot; lines
// of a log merge with git's built-in `union` driver (`vetted init` registers it).

import { closeSync, constants, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Usage } from '@vetted/core'

/** The log, relative to the project root. */
export const USAGE_LOG = '.vetted/usage.jsonl'

/**
 * Append what a run spent on `post` (its path relative to the project root). The
 * folder and the file are never followed as symlinks: a repository cannot point
 * the log at another file of the user's.
 */
export function logUsage(root: string, post: string, usage: Usage, options: { pricing?: 'batch' } = {}): void {
  const folder = join(root, '.vetted')
  mkdirSync(folder, { recursive: true })
  if (lstatSync(folder).isSymbolicLink()) throw new Error(`${folder} is a symlink; the usage log is not written through one`)
  const { date, checker, claims, requests, inputTokens, cachedInputTokens, outputTokens, searches } = usage
  // `pricing: "batch"`: requests answered through the Batch API, billed at its price (half the standard one).
  const pricing = options.pricing ? { pricing: options.pricing } : {}
  const line = `${JSON.stringify({ date, post, checker, claims, requests, inputTokens, cachedInputTokens: cachedInputTokens ?? 0, outputTokens, searches, ...pricing })}\n`
  // One write with O_APPEND: two runs at once each add a whole line.
  const fd = openSync(join(root, USAGE_LOG), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644)
  try {
    writeSync(fd, line)
  } finally {
    closeSync(fd)
  }
}
