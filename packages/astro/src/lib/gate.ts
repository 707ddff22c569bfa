// The build gate. Before Vite renders a page, it reads every ledger of the
// content folders with its post, as `vetted check --ci` does, and fails the
// build while a ledger is broken or a post has open corrections (or only warns
// about open ones, when told to). It reads the files itself: an entry Astro
// rendered once and cached, or renders only later (deferRender), is judged all
// the same, and a failed build writes no pages. Posts the folders do not hold
// (Markdown pages, other loaders) are judged as they render, at build:done.

import type { AstroIntegrationLogger, ViteUserConfig } from 'astro'
import type { AstroError } from 'astro/errors'
import { ledgersIn, postOfLedger } from './content-folders.ts'
import { authorError } from './errors.ts'
import type { OpenCorrections } from './open-corrections.ts'

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number]

/** A Vite plugin whose first `buildStart` (before any page) judges every ledger in `folders`. */
export function buildGate(
  gate: OpenCorrections,
  folders: string[],
  openCorrections: 'error' | 'warn',
  logger: AstroIntegrationLogger,
): VitePlugin {
  let judged = false
  return {
    name: 'vetted:build-gate',
    apply: 'build',
    buildStart() {
      if (judged) return
      judged = true
      const ledgers = ledgersIn(folders).flatMap((ledger) => {
        const post = postOfLedger(ledger)
        return post ? [{ ledger, post }] : []
      })
      gate.readLedgers(ledgers)
      const problem = gateProblem(gate, openCorrections, logger)
      if (problem) throw problem
    },
  }
}

/**
 * What the gate has against the posts it has not reported yet: an AstroError
 * naming each broken ledger and open correction (file:line id), with the
 * command that settles one as its hint; undefined when the build may go on.
 */
export function gateProblem(
  gate: OpenCorrections,
  openCorrections: 'error' | 'warn',
  logger: AstroIntegrationLogger,
): AstroError | undefined {
  const { broken, open } = gate.unreported()
  const problems: string[] = []
  if (broken.length > 0)
    problems.push(
      `${broken.length === 1 ? 'a ledger is' : `${broken.length} ledgers are`} broken:\n${broken.map((line) => `  ${line}`).join('\n')}`,
    )
  if (open.length > 0) {
    const message = `${open.length} open ${open.length === 1 ? 'correction' : 'corrections'}:\n${gate.format(open)}`
    if (openCorrections === 'warn') logger.warn(message)
    else problems.push(message)
  }
  if (problems.length === 0) return undefined
  const first = open[0]?.id ?? 'ID'
  const hint =
    open.length > 0
      ? `Publish a correction with \`vetted resolve ${first} --annotate\`, or dismiss it with \`vetted resolve ${first} --dismiss --note "…"\`; then build again.`
      : 'Repair the ledger (or restore it from git), then build again.'
  return authorError(`@vetted/astro: the build stops before writing pages: ${problems.join('\n')}`, hint)
}
