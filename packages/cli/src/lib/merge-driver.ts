// `vetted merge-driver %O %A %B`: git's merge driver for ledgers (`vetted init`
// registers it in .gitattributes as `*.vetted.json merge=vetted`; the user runs
// `git config merge.vetted.driver "npx vetted merge-driver %O %A %B"` once).
// It merges records, not lines: claims and corrections are unions by key, a
// correction's history the union of both sides' events by date, usage records a
// union. What both branches decided differently (a verdict, a correction's status
// or note) is a conflict unless one side left it as it was in the base: then the
// merged ledger is written to %A with git's conflict markers around those records
// and the exit code is 1, for the user to resolve; else the merged ledger, exit 0.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import {
  LEDGER_VERSION,
  parseLedger,
  serializeLedger,
  type ClaimRecord,
  type Correction,
  type HistoryEvent,
  type Ledger,
  type Usage,
} from '@vetted/core'
import { writeFileAtomic } from '@vetted/core/internal'
import { UsageError } from './errors.ts'

export interface MergeResult {
  /** The ledger to write: with both sides' records; where they conflict, ours. */
  merged: Ledger
  /** The same with theirs where they conflict, and with the base's: what conflict markers are drawn from. */
  theirs: Ledger
  base: Ledger
  /** One line per conflicting record, saying what each side did. */
  conflicts: string[]
}

/** Merge three versions of one ledger (the common ancestor, ours, theirs). */
export function mergeLedgers(base: Ledger, ours: Ledger, theirs: Ledger): MergeResult {
  const conflicts: string[] = []
  const merged = emptyLike(ours)
  const withTheirs = emptyLike(ours)
  const withBase = emptyLike(ours)
  if (ours.post !== theirs.post) conflicts.push(`one branch has the ledger of ${ours.post}, the other of ${theirs.post}`)

  for (const key of keysOf(ours.claims, theirs.claims)) {
    const decided = mergeRecord(base.claims[key], ours.claims[key], theirs.claims[key], sameClaimDecision, laterClaim)
    if (decided.conflict)
      conflicts.push(
        `claim ${key} (“${(ours.claims[key] ?? theirs.claims[key])!.text}”): judged ${ours.claims[key]?.verdict ?? 'nothing'} on one branch, ${theirs.claims[key]?.verdict ?? 'nothing'} on the other`,
      )
    put(merged.claims, key, decided.ours)
    put(withTheirs.claims, key, decided.theirs)
    put(withBase.claims, key, decided.conflict ? base.claims[key] : decided.ours)
  }
  for (const id of keysOf(ours.corrections, theirs.corrections)) {
    const decided = mergeRecord(
      base.corrections[id],
      ours.corrections[id],
      theirs.corrections[id],
      sameEditorialDecision,
      withBothHistories,
    )
    if (decided.conflict)
      conflicts.push(
        `correction ${id}: ${describeDecision(ours.corrections[id])} on one branch, ${describeDecision(theirs.corrections[id])} on the other`,
      )
    put(merged.corrections, id, decided.ours)
    put(withTheirs.corrections, id, decided.theirs)
    put(withBase.corrections, id, decided.conflict ? base.corrections[id] : decided.ours)
  }
  // Usage records are a log: every run's, once, in the order they were made.
  const usage = new Map<string, Usage>()
  for (const record of [...ours.usage, ...theirs.usage]) usage.set(`${record.date} ${record.checker}`, record)
  merged.usage = withTheirs.usage = withBase.usage = [...usage.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return { merged, theirs: withTheirs, base: withBase, conflicts }
}

type Decided<T> =
  | { conflict: false; ours: T | undefined; theirs: T | undefined }
  | { conflict: true; ours: T | undefined; theirs: T | undefined }

/**
 * One record as both branches left it. The same on both: kept. Changed on one side
 * only (the other as in the base): that side's. Changed on both, to the same
 * decision: `combine` joins them. Otherwise a conflict.
 */
function mergeRecord<T>(
  base: T | undefined,
  ours: T | undefined,
  theirs: T | undefined,
  sameDecision: (a: T, b: T) => boolean,
  combine: (a: T, b: T) => T,
): Decided<T> {
  if (same(ours, theirs)) return { conflict: false, ours, theirs: ours }
  if (same(ours, base)) return { conflict: false, ours: theirs, theirs }
  if (same(theirs, base)) return { conflict: false, ours, theirs: ours }
  if (ours !== undefined && theirs !== undefined && sameDecision(ours, theirs)) {
    const joined = combine(ours, theirs)
    return { conflict: false, ours: joined, theirs: joined }
  }
  // One branch removed what the other changed, or both decided differently.
  return { conflict: true, ours, theirs }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Two records of one claim that do not contradict each other: not two different
 * verdicts, nor (without a verdict) two different screen answers. A failed check
 * (an error, no verdict) on one branch never contradicts a verdict on the other.
 */
function sameClaimDecision(a: ClaimRecord, b: ClaimRecord): boolean {
  if (a.verdict && b.verdict) return a.verdict === b.verdict
  if (a.verdict || b.verdict) return true
  return !(a.screen && b.screen) || a.screen.checkWorthy === b.screen.checkWorthy
}

/** Of two records that agree, the one that settles more (a verdict, then a screen answer), else the one judged last (ours on a tie). */
function laterClaim(a: ClaimRecord, b: ClaimRecord): ClaimRecord {
  const weight = (record: ClaimRecord) => (record.verdict ? 2 : record.screen ? 1 : 0)
  if (weight(a) !== weight(b)) return weight(a) > weight(b) ? a : b
  const day = (record: ClaimRecord) => record.checkedAt ?? record.screen?.checkedAt ?? ''
  return day(b) > day(a) ? b : a
}

/** The editor's decision on a correction: its status and note. */
const sameEditorialDecision = (a: Correction, b: Correction) => a.status === b.status && a.note === b.note

/** The same decision on both branches: ours, with every history event of both, by date. */
function withBothHistories(a: Correction, b: Correction): Correction {
  const events = new Map<string, HistoryEvent>()
  for (const event of [...a.history, ...b.history]) events.set(JSON.stringify(event), event)
  const history = [...events.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
  return { ...a, history }
}

function describeDecision(correction: Correction | undefined): string {
  if (!correction) return 'removed'
  return correction.note ? `${correction.status} (note: ${correction.note})` : correction.status
}

function keysOf<T>(a: Record<string, T>, b: Record<string, T>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
}

function put<T>(record: Record<string, T>, key: string, value: T | undefined): void {
  if (value !== undefined) record[key] = value
}

const emptyLike = (ledger: Ledger): Ledger => ({ version: LEDGER_VERSION, post: ledger.post, claims: {}, corrections: {}, usage: [] })

/**
 * The command: `vetted merge-driver BASE OURS THEIRS` (git's %O %A %B). OURS is
 * overwritten with the result. Exit 0 merged, 1 with conflicts marked in OURS.
 * A side that is not a ledger (invalid JSON, an unknown version) is an input
 * error (exit 2) and OURS is left as it was, for git to report the conflict.
 */
export function runMergeDriver(paths: string[], log: (line: string) => void): number {
  if (paths.length < 3) throw new UsageError('merge-driver takes three files, as git passes them: vetted merge-driver %O %A %B')
  const [basePath, oursPath, theirsPath] = paths as [string, string, string]
  const ours = readSide(oursPath, 'ours')
  const theirs = readSide(theirsPath, 'theirs')
  // A file both branches added has an empty base.
  const base = readSide(basePath, 'base') ?? {
    version: LEDGER_VERSION,
    post: (ours ?? theirs)?.post ?? 'post.md',
    claims: {},
    corrections: {},
    usage: [],
  }
  if (!ours || !theirs) {
    // One branch deleted the ledger: git's own rule decides (a modify/delete conflict).
    log('vetted merge-driver: one side has no ledger; leaving it to git')
    return 1
  }
  const result = mergeLedgers(base, ours, theirs)
  if (result.conflicts.length === 0) {
    writeFileAtomic(oursPath, serializeLedger(result.merged))
    return 0
  }
  writeFileAtomic(oursPath, withConflictMarkers(result))
  for (const conflict of result.conflicts) log(`vetted merge-driver: ${basename(oursPath)}: ${conflict}`)
  log(
    'vetted merge-driver: keep one side of each marked record (or write the decision with vetted resolve after keeping either), then git add the ledger',
  )
  return 1
}

function readSide(path: string, side: string): Ledger | undefined {
  const text = readFileSync(path, 'utf8')
  if (text.trim() === '') return undefined
  return parseLedger(text, `${path} (${side})`)
}

/**
 * The merged ledger with git's conflict markers around each conflicting record:
 * git merge-file over three serialisations that differ only there (ours, the
 * base's, theirs).
 */
function withConflictMarkers(result: MergeResult): string {
  const folder = mkdtempSync(join(tmpdir(), 'vetted-merge-'))
  try {
    const files = { ours: join(folder, 'ours'), base: join(folder, 'base'), theirs: join(folder, 'theirs') }
    writeFileSync(files.ours, serializeLedger(result.merged))
    writeFileSync(files.base, serializeLedger(result.base))
    writeFileSync(files.theirs, serializeLedger(result.theirs))
    try {
      return execFileSync(
        'git',
        ['merge-file', '--stdout', '-L', 'ours', '-L', 'base', '-L', 'theirs', files.ours, files.base, files.theirs],
        { encoding: 'utf8' },
      )
    } catch (error) {
      // git merge-file exits with the number of conflicts and prints the result all the same.
      const stdout = (error as { stdout?: string }).stdout
      if (typeof stdout === 'string' && stdout.includes('<<<<<<<')) return stdout
      throw error
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
