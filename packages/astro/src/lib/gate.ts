// The build gate. Before Vite renders a page, it reads every ledger of the
// content folders, and the posts whose ledger has an open correction, as `vetted
// check --ci` does, and fails the build while a ledger is broken or a post has
// open corrections (or only warns about open ones, when told to). It reads the
// files itself: an entry Astro rendered once and cached, or renders only later
// (deferRender), is judged all the same, and a failed build writes no pages.
// Posts the folders do not hold (Markdown pages, other loaders) are judged as
// they render, at build:done. The reading (a few hundred milliseconds for 200
// ledgers: JSON, then every record validated) runs on a worker thread from the
// start of the build, while Astro syncs its content on the main thread; the
// ledgers it read serve the rendering of their posts.

import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AstroIntegrationLogger, ViteUserConfig } from 'astro'
import type { AstroError } from 'astro/errors'
import { authorError } from './errors.ts'
import type { LedgersRead, OpenCorrections } from './open-corrections.ts'

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number]

/**
 * Start reading every ledger in `folders` (and the posts with open corrections)
 * on a worker thread: what OpenCorrections.readLedgers() records.
 */
export function readLedgersAside(folders: string[]): Promise<LedgersRead> {
  // gate-worker.ts beside this file in the sources, gate-worker.js in the built package.
  const worker = new Worker(new URL(`./gate-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url), {
    workerData: { folders },
  })
  const read = new Promise<LedgersRead>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) =>
      reject(new Error(`@vetted/astro: the build gate's worker stopped (exit code ${code}) before reading the ledgers`)),
    )
  })
  // Awaited at build start; a build that stops before then must not die of an unhandled rejection.
  read.catch(() => {})
  return read
}

/** A Vite plugin whose first `buildStart` (before any page) judges every ledger that `reading` reads. */
export function buildGate(
  gate: OpenCorrections,
  reading: Promise<LedgersRead>,
  openCorrections: 'error' | 'warn',
  logger: AstroIntegrationLogger,
): VitePlugin {
  let judged = false
  return {
    name: 'vetted:build-gate',
    apply: 'build',
    async buildStart() {
      if (judged) return
      judged = true
      gate.adopt(await reading)
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
