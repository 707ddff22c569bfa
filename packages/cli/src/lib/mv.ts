// `vetted mv OLD NEW`: rename or move a post with its ledger. Every verdict and
// every correction id is kept: ids were made from the post's old path, and
// readers' links to a correction (`#c-…`) keep working; the ledger records the
// post's new file name, which is what says it belongs to the post. It moves
// both files, or only the ledger when the post was moved already (git mv), or
// only records the new name when the ledger was renamed by hand beside it.
// Everything is checked before anything is moved: a refusal changes nothing.

import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { VettedInputError, ledgerPathFor, readLedger, writeLedger, type Ledger } from '@vetted/core'
import { holdLock } from '@vetted/core/internal'
import { POST_FILE } from '@vetted/post/internal'
import { UsageError } from './errors.ts'
import { displayPath } from './report/build.ts'

/** Moves `from` to `to` (paths as given, relative to `cwd`); returns one line per file moved or changed. */
export async function movePost(from: string, to: string, cwd: string): Promise<string[]> {
  const oldPost = resolve(cwd, from)
  const newPost = resolve(cwd, to)
  for (const path of [oldPost, newPost]) {
    if (!POST_FILE.test(path))
      throw new UsageError(
        `${displayPath(path, cwd)} is not a post: vetted mv moves a Markdown or MDX file (.md, .markdown, .mdx) with its ledger`,
      )
  }
  if (oldPost === newPost) throw new UsageError('OLD and NEW are the same file')
  const oldExists = isFile(oldPost)
  const newExists = isFile(newPost)
  if (oldExists && newExists)
    throw new VettedInputError(newPost, `exists; vetted mv moves ${from} to a name no post has`, { expected: 'a new file name' })
  if (!oldExists && !newExists)
    throw new VettedInputError(oldPost, `does not exist, nor does ${to}`, { expected: 'the post to move, or the post already moved' })
  if (ledgerPathFor(oldPost) === ledgerPathFor(newPost))
    throw new UsageError(`${from} and ${to} would share one ledger (${basename(ledgerPathFor(newPost))}); choose another name`)

  const oldLedger = ledgerPathFor(oldPost)
  const newLedger = ledgerPathFor(newPost)
  // Held while moving, as a check or resolve holds them while writing (a new folder has no ledger to guard yet).
  const locks = [await holdLock(oldLedger, { timeoutMs: 30_000 })]
  if (existsSync(dirname(newLedger))) locks.push(await holdLock(newLedger, { timeoutMs: 30_000 }))
  try {
    const found = ledgerToMove(oldLedger, newLedger, basename(oldPost), basename(newPost))
    const lines: string[] = []
    if (oldExists) {
      mkdirSync(dirname(newPost), { recursive: true })
      renameSync(oldPost, newPost)
      lines.push(`${displayPath(oldPost, cwd)} -> ${displayPath(newPost, cwd)}`)
    }
    if (!found) lines.push(`${displayPath(newPost, cwd)} has no ledger yet`)
    else if (found.at === newLedger && found.ledger.post === basename(newPost))
      lines.push(`${displayPath(newLedger, cwd)} is ${basename(newPost)}'s already`)
    else {
      const { ledger } = found
      mkdirSync(dirname(newLedger), { recursive: true })
      writeLedger(newLedger, { ...ledger, post: basename(newPost) })
      if (found.at === oldLedger) rmSync(oldLedger)
      const ids = Object.keys(ledger.corrections).length
      const kept = `${Object.keys(ledger.claims).length} verdicts and ${ids} ${ids === 1 ? 'correction id' : 'correction ids'} kept`
      lines.push(
        found.at === oldLedger
          ? `${displayPath(oldLedger, cwd)} -> ${displayPath(newLedger, cwd)} (${kept})`
          : `${displayPath(newLedger, cwd)} belongs to ${basename(newPost)} now (${kept})`,
      )
    }
    return lines
  } finally {
    for (const lock of locks.reverse()) lock.release()
  }
}

/**
 * The ledger that goes with the post: the old one (which must be the old
 * post's), else one renamed by hand to the new name that still names the old
 * post (or already names the new one). Refuses a ledger of some other post in
 * the way.
 */
function ledgerToMove(oldLedger: string, newLedger: string, oldName: string, newName: string): { ledger: Ledger; at: string } | undefined {
  const atNew = readLedger(newLedger)
  if (isFile(oldLedger)) {
    if (atNew)
      throw new VettedInputError(newLedger, `exists, and so does ${basename(oldLedger)}: remove the one that is not ${newName}'s`, {
        expected: 'no ledger at the new name',
      })
    return { ledger: readLedger(oldLedger, oldName)!, at: oldLedger }
  }
  if (!atNew) return undefined
  if (atNew.post !== oldName && atNew.post !== newName) {
    throw new VettedInputError(newLedger, `belongs to "${atNew.post}", neither to "${oldName}" nor to "${newName}"`, {
      expected: `"post": "${oldName}"`,
    })
  }
  return { ledger: atNew, at: newLedger }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
