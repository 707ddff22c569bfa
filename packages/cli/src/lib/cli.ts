// The command line: parse arguments, dispatch, print, and map failures to exit
// codes (1: not settled, 2: usage, config or input error, one clear line).

import { existsSync, readFileSync } from 'node:fs'
import { constants } from 'node:os'
import { join, resolve as resolvePath, sep } from 'node:path'
import { CheckerConfigError, currentCheckerKey, resolveSettings } from '@vetted/checker'
import { InvalidOptionError, VettedInputError, plain, plainLines, projectPath } from '@vetted/core'
import { formatOption, parse } from './args.ts'
import { runCheck, type CheckOptions } from './check.ts'
import { dryRun, dryRunText } from './dry-run.ts'
import { claimsCommand } from './claims.ts'
import { evalCommand } from './eval/command.ts'
import { loadConfig, withConfirmedEndpoint } from './config.ts'
import { InputError, UsageError } from './errors.ts'
import { CHECK_HELP, INIT_HELP, MAIN_HELP, MERGE_DRIVER_HELP, MV_HELP, PRUNE_HELP, RESOLVE_HELP } from './help.ts'
import { init } from './init.ts'
import { runMergeDriver } from './merge-driver.ts'
import { movePost } from './mv.ts'
import { inertJson } from './plain.ts'
import { findPosts, postsToWorkOn, type UnusablePost } from './posts.ts'
import { ProgressBar } from './progress.ts'
import { describeOrphan, findOrphanLedgers, prune } from './prune.ts'
import { buildReport, displayPath, isSettled, withOrphans, withUnreadable } from './report/build.ts'
import { commandFence, githubCommands, inGitHubActions } from './report/github.ts'
import { sarifReport } from './report/sarif.ts'
import { textReport, uncheckedPhrase } from './report/text.ts'
import { resolveCorrection } from './resolve.ts'
import { inShard, parseShard } from './shard.ts'
import { styleFor } from './style.ts'

export interface Io {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { isTTY?: boolean; columns?: number; write(text: string): unknown }
  stderr: { isTTY?: boolean; write(text: string): unknown }
  /** Aborted on the first Ctrl-C: the checker sends nothing new; what is in flight finishes and is written. */
  interrupt?: AbortSignal
}

const FORMATS = ['text', 'json', 'github', 'sarif'] as const

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

/** Exit code of a failure that is vetted's own bug (sysexits' EX_SOFTWARE). */
export const EXIT_INTERNAL = 70

export async function run(argv: string[], io: Io): Promise<number> {
  // Paths in messages read relative to where the command was run, as plain text on one line.
  const relative = (message: string) => plain(message.replaceAll(io.cwd + sep, ''))
  // In GitHub Actions a message can hold a file name or a ledger's text: no workflow command from it.
  const stderr = inGitHubActions(io.env) ? { write: (text: string) => io.stderr.write(commandFence()(text)) } : io.stderr
  try {
    return await dispatch(argv, io)
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`vetted: ${relative(error.message)} (see vetted --help)\n`)
      return 2
    }
    if (error instanceof VettedInputError || error instanceof InputError || error instanceof CheckerConfigError) {
      stderr.write(`vetted: ${relative(error.message)}\n`)
      return 2
    }
    if (error instanceof InvalidOptionError) {
      stderr.write(`${relative(error.message)}\n`)
      return 2
    }
    // A file system refusal (a read-only folder, a full disk): input the user can fix. A system
    // error is one with a syscall and one of the system's errno codes.
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    if (typeof code === 'string' && Object.hasOwn(constants.errno, code) && (error as NodeJS.ErrnoException).syscall) {
      stderr.write(`vetted: ${relative((error as Error).message.split('\n')[0]!)}\n`)
      return 2
    }
    stderr.write(`vetted: internal error (please report it): ${plainLines((error as Error)?.stack ?? String(error))}\n`)
    return EXIT_INTERNAL
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(MAIN_HELP)
    return command === undefined ? 2 : 0
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${VERSION}\n`)
    return 0
  }
  if (command === 'check') return check(rest, io)
  if (command === 'resolve') return resolve(rest, io)
  if (command === 'init') return initCommand(rest, io)
  if (command === 'eval') return evalCommand(rest, io)
  if (command === 'claims') return claimsCommand(rest, io)
  if (command === 'mv') return mv(rest, io)
  if (command === 'prune') return pruneCommand(rest, io)
  if (command === 'merge-driver') return mergeDriver(rest, io)
  throw new UsageError(`unknown command "${command}" (commands: init, check, resolve, eval, claims, mv, prune, merge-driver)`)
}

async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    ci: { type: 'boolean' },
    format: { type: 'string' },
    recheck: { type: 'boolean' },
    'recheck-older': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    batch: { type: 'boolean' },
    config: { type: 'string' },
    shard: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(CHECK_HELP)
    return 0
  }
  const format = formatOption(values.format, FORMATS)
  if (values.ci && values.recheck) throw new UsageError('--recheck calls the checker; --ci never does')
  if (values.ci && values['recheck-older']) throw new UsageError('--recheck-older calls the checker; --ci never does')
  if (values.recheck && values['recheck-older'])
    throw new UsageError('--recheck re-judges every claim, --recheck-older only what an older checker settled: give one of them')
  if (values.ci && values.batch) throw new UsageError('--batch sends the screenings as a batch; --ci never calls the checker')
  if (values['dry-run'] && (values.ci || (format !== 'text' && format !== 'json'))) {
    throw new UsageError(
      '--dry-run prints what a run would send, as text or json; it cannot be combined with --ci or --format github/sarif',
    )
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard)
  const loaded = await loadConfig(io.cwd, values.config)
  const { root } = loaded
  // The server is settled with the environment before anything is read: a committed config never takes the key elsewhere.
  // --ci sends nothing, so no key is in play and the gate never turns red over where one would go.
  const env = values.ci ? { ...io.env, OPENAI_API_KEY: undefined } : io.env
  const config = withConfirmedEndpoint(loaded, env)
  const { settings, online, endpoint } = resolveSettings(config, env)
  // Text we did not write, printed for GitHub Actions, runs no workflow command (report/github.ts).
  const fence = format === 'github' || inGitHubActions(io.env) ? commandFence() : (text: string) => text
  // A post whose name vetted cannot handle is a finding in the report; the run goes on with the rest.
  const unreadable: UnusablePost[] = []
  const found = postsToWorkOn(positionals, loaded, io.cwd, { command: 'check', verb: 'check' }, unreadable)
  // A ledger whose post is gone is named in every report; a post it was renamed to is not checked (nor paid for) until `vetted mv`.
  const orphans = findOrphanLedgers(positionals.length > 0 ? positionals : config.content, positionals.length > 0 ? io.cwd : root, found, {
    postFolders: positionals.length === 0,
  })
  const renamed = new Set(orphans.flatMap((orphan) => (orphan.renamedTo ? [orphan.renamedTo] : [])))
  const everyPost = found.filter((post) => !renamed.has(post))
  // --shard: this runner's posts (and unreadable names) only; orphan ledgers are named by every shard (docs/design.md).
  const posts = shard ? inShard(everyPost, shard, (post) => projectPath(root, post)) : everyPost
  if (shard) unreadable.splice(0, unreadable.length, ...inShard(unreadable, shard, (post) => projectPath(root, post.path)))
  const runOptions: CheckOptions = {
    posts,
    config,
    env,
    cwd: io.cwd,
    root,
    ci: Boolean(values.ci),
    recheck: Boolean(values.recheck),
    recheckOlder: Boolean(values['recheck-older']),
    progress: new ProgressBar(io.stderr),
    log: (line) => io.stderr.write(fence(`${plain(line)}\n`)),
    // Every run that sends names where to, before its first request (the host only: never a key, a password or a path).
    endpoint: endpoint.host,
    ...(io.interrupt ? { interrupt: io.interrupt } : {}),
    ...(values.batch ? { batch: { pollMs: batchPollMs(io.env) } } : {}),
  }
  // Every report names them (text at its end, JSON `orphans`, SARIF, GitHub); a dry run, on stderr.
  if (values['dry-run']) for (const orphan of orphans) runOptions.log(`vetted: ${describeOrphan(orphan, io.cwd)}`)
  if (shard) runOptions.log(`vetted check: shard ${shard.index} of ${shard.count}: ${posts.length} of ${everyPost.length} posts`)
  if (values['dry-run']) {
    // The analysis --ci makes (no network, no writes), then the requests a run would build from it.
    const { analyses } = await runCheck({ ...runOptions, ci: true })
    const plan = dryRun({
      analyses,
      settings,
      endpoint: online ? endpoint.host : null,
      prices: config.prices,
      recheck: Boolean(values.recheck),
      recheckOlder: Boolean(values['recheck-older']),
      batch: Boolean(values.batch),
      cwd: io.cwd,
    })
    io.stdout.write(
      format === 'json' ? inertJson(plan) : fence(dryRunText(plan, styleFor(io.stdout, io.env), { batch: Boolean(values.batch) })),
    )
    return 0
  }
  const { analyses, interrupted, usage } = await runCheck(runOptions)
  const report = withOrphans(
    withUnreadable(buildReport(analyses, io.cwd, config.render, usage), unreadable, io.cwd),
    orphans,
    io.cwd,
    (orphan) => describeOrphan(orphan, io.cwd),
  )
  // resolve finds a post outside the configured content only when it is named: so do its settle commands.
  const outsideContent = new Set(
    positionals.length > 0 ? postsOutside(posts, config.content, root).map((post) => displayPath(post, io.cwd)) : [],
  )
  const unchecked = uncheckedPhrase(report.summary)
  const checkHint = values.ci
    ? `${unchecked}: run \`vetted check\` with OPENAI_API_KEY set, then commit the ledgers (--ci never calls the checker).`
    : online
      ? undefined
      : `${unchecked}: set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server) and run \`vetted check\` again to check them with ${currentCheckerKey(settings)}.`
  const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 120))
  if (format === 'json') io.stdout.write(inertJson(report))
  else if (format === 'sarif') io.stdout.write(sarifReport(report, VERSION, io.cwd))
  else {
    const text = textReport(report, {
      style: styleFor(format === 'github' ? {} : io.stdout, io.env),
      width,
      checkHint,
      outsideContent,
      attentionOnly: Boolean(values.ci),
      checker: currentCheckerKey(settings),
    })
    io.stdout.write(format === 'github' ? githubCommands(report) + fence(text) : fence(text))
  }
  if (interrupted) {
    io.stderr.write('vetted: interrupted; what the checker finished is in the ledgers, the rest is checked next run\n')
    return 130
  }
  return isSettled(report) ? 0 : 1
}

/** Between polls of a --batch run's batch: VETTED_BATCH_POLL_MS (tests make it short), else 30 s. */
function batchPollMs(env: NodeJS.ProcessEnv): number {
  const set = env['VETTED_BATCH_POLL_MS']
  if (set === undefined || set === '') return 30_000
  const ms = Number(set)
  if (!Number.isInteger(ms) || ms < 1 || ms > 3_600_000)
    throw new UsageError(`VETTED_BATCH_POLL_MS must be a whole number of ms from 1 to 3600000, not ${JSON.stringify(set)}`)
  return ms
}

function postsOutside(posts: string[], content: string[], root: string): string[] {
  let inContent: Set<string>
  try {
    inContent = new Set(findPosts(content, root, { globs: true }))
  } catch {
    inContent = new Set()
  }
  return posts.filter((post) => !inContent.has(post))
}

async function mv(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {})
  if (values.help) {
    io.stdout.write(MV_HELP)
    return 0
  }
  if (positionals.length !== 2) throw new UsageError('mv takes two posts: vetted mv OLD.md NEW.md')
  const lines = await movePost(positionals[0]!, positionals[1]!, io.cwd)
  io.stdout.write(lines.map((line) => `${plain(line)}\n`).join(''))
  return 0
}

async function pruneCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    'dry-run': { type: 'boolean' },
    config: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(PRUNE_HELP)
    return 0
  }
  const loaded = await loadConfig(io.cwd, values.config)
  const posts = postsToWorkOn(positionals, loaded, io.cwd, { command: 'prune', verb: 'prune the ledgers of' })
  const orphans = findOrphanLedgers(
    positionals.length > 0 ? positionals : loaded.config.content,
    positionals.length > 0 ? io.cwd : loaded.root,
    posts,
    { postFolders: positionals.length === 0 },
  )
  await prune(orphans, { dryRun: Boolean(values['dry-run']), cwd: io.cwd, write: (line) => io.stdout.write(`${plain(line)}\n`) })
  return 0
}

/** git's merge driver for ledgers: `vetted merge-driver %O %A %B` (merge-driver.ts). */
function mergeDriver(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {})
  if (values.help) {
    io.stdout.write(MERGE_DRIVER_HELP)
    return 0
  }
  return runMergeDriver(
    positionals.map((path) => resolvePath(io.cwd, path)),
    (line) => io.stderr.write(`${plain(line)}\n`),
  )
}

async function initCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    astro: { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(INIT_HELP)
    return 0
  }
  io.stdout.write(await init({ cwd: io.cwd, folders: positionals, astro: Boolean(values.astro) }))
  return 0
}

async function resolve(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    annotate: { type: 'boolean' },
    dismiss: { type: 'boolean' },
    reopen: { type: 'boolean' },
    note: { type: 'string' },
    config: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(RESOLVE_HELP)
    return 0
  }
  const actions = (['annotate', 'dismiss', 'reopen'] as const).filter((name) => values[name])
  const [id, ...paths] = positionals
  if (id === undefined) throw new UsageError('resolve takes one correction id: vetted resolve c-0123456789 --annotate [posts...]')
  if (actions.length !== 1) throw new UsageError('say what to do with it: exactly one of --annotate, --dismiss --note "why", --reopen')
  const { config, root, path: configPath } = await loadConfig(io.cwd, values.config)
  // The configured content, and the posts or folders given (a post outside the content is found too).
  const inContent =
    paths.length === 0 || configPath || existsSync(join(root, 'content')) ? findPosts(config.content, root, { globs: true }) : []
  const posts = [...new Set([...inContent, ...findPosts(paths, io.cwd)])]
  const to = actions[0] === 'reopen' ? 'open' : actions[0]!
  const result = await resolveCorrection(posts, id, to, values.note)
  const where = plain(displayPath(result.ledgerPath, io.cwd))
  io.stdout.write(
    result.changed ? `${id}: ${result.from} -> ${result.to} (${where})\n` : `${id}: already ${result.to}, nothing changed (${where})\n`,
  )
  return 0
}
