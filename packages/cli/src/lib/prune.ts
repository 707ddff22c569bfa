// Ledgers without their post. A post renamed or moved leaves its ledger behind
// (`old.vetted.json` beside no `old.md`); a post deleted does too. Each is
// found here, and told apart: when a post of the run without a ledger holds most
// of the sentences the orphan has verdicts for, the post was renamed and `vetted
// mv` carries the ledger over; otherwise it was deleted, or moved out of sight,
// and `vetted prune` removes the ledger (after saying which).

import { readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ledgerPathFor, readLedger, type Ledger } from '@vetted/core'
import { holdLock } from '@vetted/core/internal'
import { parseMarkdown, readPost, sentencesOf } from '@vetted/post'
import { POST_EXTENSIONS, POST_FILE } from '@vetted/post/internal'
import { displayPath } from './report/build.ts'

export interface OrphanLedger {
  /** The ledger's path. */
  ledger: string
  /** Where its post was: the ledger's folder and the file name it records. */
  post: string
  /** The post of the run that holds its sentences: it was renamed to this. */
  renamedTo?: string
  /** How many of the ledger's judged sentences `renamedTo` holds, of how many. */
  shared?: { found: number; of: number }
}

/** A post is taken for the renamed one when it holds at least this share of the orphan's judged sentences. */
const RENAMED_SHARE = 0.5

/**
 * The ledgers without a post in the folders `entries` name (searched as posts
 * are: recursively, skipping node_modules and dot folders) and, with
 * `postFolders` (the config's content, whose globs name no folder), in each
 * post's own folder; for each, the post of `posts` it was renamed to, if any.
 */
export function findOrphanLedgers(entries: string[], base: string, posts: string[], options: { postFolders: boolean }): OrphanLedger[] {
  const ledgers = new Set<string>()
  for (const entry of entries) {
    const path = resolve(base, entry)
    if (isDirectory(path)) ledgersBelow(path, ledgers)
  }
  if (options.postFolders) for (const folder of new Set(posts.map((post) => dirname(post)))) ledgersIn(folder, ledgers)
  const orphans = [...ledgers].sort().flatMap((ledger) => (postBeside(ledger) ? [] : [orphan(ledger)]))
  if (orphans.length === 0) return []

  // Posts without a ledger, by the fingerprints of their sentences (read only when some ledger is orphaned).
  const unledgered = posts.filter((post) => !isFile(ledgerPathFor(post)))
  const fingerprints = new Map<string, Set<string>>()
  const sentencesIn = (post: string): Set<string> => {
    let found = fingerprints.get(post)
    if (!found) {
      const source = readPost(post)
      found = new Set(sentencesOf(parseMarkdown(source, post), source).map((sentence) => sentence.fingerprint))
      fingerprints.set(post, found)
    }
    return found
  }
  const taken = new Set<string>()
  for (const { entry, ledger } of orphans) {
    const judged = Object.keys(ledger?.claims ?? {})
    if (judged.length === 0) continue
    let best: { post: string; found: number } | undefined
    for (const post of unledgered) {
      if (taken.has(post)) continue
      const sentences = sentencesIn(post)
      const found = judged.filter((fingerprint) => sentences.has(fingerprint)).length
      if (found >= judged.length * RENAMED_SHARE && found > (best?.found ?? 0)) best = { post, found }
    }
    if (best) {
      taken.add(best.post)
      entry.renamedTo = best.post
      entry.shared = { found: best.found, of: judged.length }
    }
  }
  return orphans.map(({ entry }) => entry)
}

/** One line naming an orphan and what to do, paths relative to `cwd`. */
export function describeOrphan(orphan: OrphanLedger, cwd: string): string {
  const ledger = displayPath(orphan.ledger, cwd)
  const post = displayPath(orphan.post, cwd)
  if (orphan.renamedTo) {
    const renamed = displayPath(orphan.renamedTo, cwd)
    return `${ledger} has no post: ${renamed} holds its sentences (${orphan.shared!.found} of ${orphan.shared!.of}), so ${post} was renamed; ${renamed} is not checked until you run: vetted mv ${post} ${renamed}`
  }
  return `${ledger} has no post (${post} is gone): if it was renamed, run vetted mv ${post} NEW${extensionOf(post)}; if it was deleted, run vetted prune`
}

export interface PruneResult {
  removed: string[]
  kept: OrphanLedger[]
}

/** Remove the orphan ledgers that no post of the run was renamed from (none with `dryRun`); report each line by line. */
export async function prune(
  orphans: OrphanLedger[],
  options: { dryRun: boolean; cwd: string; write: (line: string) => void },
): Promise<PruneResult> {
  const result: PruneResult = { removed: [], kept: [] }
  for (const orphan of orphans) {
    const ledger = displayPath(orphan.ledger, options.cwd)
    const post = displayPath(orphan.post, options.cwd)
    if (orphan.renamedTo) {
      const renamed = displayPath(orphan.renamedTo, options.cwd)
      options.write(`kept ${ledger}: ${renamed} holds its sentences; run vetted mv ${post} ${renamed}`)
      result.kept.push(orphan)
      continue
    }
    if (!options.dryRun) {
      // Another vetted (a check) may be writing it: wait for it, then remove.
      const lock = await holdLock(orphan.ledger, { timeoutMs: 30_000 })
      try {
        rmSync(orphan.ledger, { force: true })
      } finally {
        lock.release()
      }
    }
    options.write(`${options.dryRun ? 'would remove' : 'removed'} ${ledger} (${post} is gone)`)
    result.removed.push(orphan.ledger)
  }
  if (orphans.length === 0) options.write('no ledger without its post')
  return result
}

function orphan(ledgerPath: string): { entry: OrphanLedger; ledger: Ledger | undefined } {
  let ledger: Ledger | undefined
  try {
    ledger = readLedger(ledgerPath)
  } catch {
    // A broken orphan is still an orphan: it is named, and never taken for a renamed post's.
  }
  const stem = ledgerPath.slice(0, -'.vetted.json'.length)
  // The file name it records, when it is this ledger's own (`x.vetted.json` of `x.mdx`); else `x.md`.
  const recorded =
    ledger && POST_FILE.test(ledger.post) && ledgerPathFor(join(dirname(ledgerPath), ledger.post)) === ledgerPath ? ledger.post : undefined
  return { entry: { ledger: ledgerPath, post: recorded ? join(dirname(ledgerPath), recorded) : `${stem}.md` }, ledger }
}

function postBeside(ledger: string): string | undefined {
  const stem = ledger.slice(0, -'.vetted.json'.length)
  return Object.keys(POST_EXTENSIONS)
    .map((extension) => stem + extension)
    .find(isFile)
}

function extensionOf(post: string): string {
  return /\.[^./]+$/.exec(post)?.[0] ?? '.md'
}

function ledgersIn(folder: string, into: Set<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.vetted.json')) into.add(join(folder, entry.name))
  }
}

function ledgersBelow(folder: string, into: Set<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) ledgersBelow(path, into)
    else if (entry.isFile() && entry.name.endsWith('.vetted.json')) into.add(path)
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
