// `vetted init [folders...] [--astro]`: set vetted up in a blog. Everything is
// decided first (where the posts are, the config, the workflow, the Astro edit)
// and refused as a whole on bad input; then files are created, never overwritten
// (a file that exists is kept and named), and the astro.config.* is edited only
// when asked and once @vetted/astro is installed (an import of a missing package
// would fail the site's build). A second run finds everything in place and changes nothing.

import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { plain } from '@vetted/core'
import { writeFileAtomic } from '@vetted/core/internal'
import { CONFIG_NAMES, loadConfig } from './config.ts'
import { InputError } from './errors.ts'
import { addVettedIntegration, ASTRO_CONFIG_NAMES, ASTRO_HELP_URL } from './init/astro.ts'
import { findContent, POST_FOLDERS, unreadIn, type UnreadFile } from './init/content.ts'
import { addCommand, detectPackageManager, readManifest, runner } from './init/package-manager.ts'
import { readProjectText } from './init/read.ts'
import { WORKFLOW_PATH, workflowText } from './init/workflow.ts'
import { findPosts } from './posts.ts'

export interface InitOptions {
  cwd: string
  /** Folders (or files, or globs) of posts the author named; else they are looked for. */
  folders: string[]
  /** Add @vetted/astro to astro.config.*. */
  astro: boolean
}

type Action =
  | { kind: 'create'; path: string; text: string; what: string }
  | { kind: 'edit'; path: string; before: string; text: string; what: string }
  | { kind: 'keep'; path: string; why: string }
  | { kind: 'leave'; path: string; why: string }

/** Plans, writes and returns what to print. */
export async function init(options: InitOptions): Promise<string> {
  const { cwd } = options
  const top = repositoryOf(cwd)
  const manager = detectPackageManager(cwd, top)
  const manifest = readManifest(cwd, top)
  const actions: Action[] = []
  const notes: string[] = []
  const installs: string[] = []

  // The config, with where the posts are.
  const existing = CONFIG_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path))
  let found = ''
  if (existing) {
    // Validated as any run reads it: a broken config is refused here too.
    const { config } = await loadConfig(cwd, existing)
    actions.push({ kind: 'keep', path: existing, why: `it exists (content: ${config.content.join(', ')})` })
    if (options.folders.length > 0)
      notes.push(`${display(existing, cwd)} is kept as it is: to check ${options.folders.join(', ')}, set its "content" by hand.`)
  } else {
    const located = options.folders.length > 0 ? namedFolders(options.folders, cwd) : lookForPosts(cwd)
    const content = located.content
    found = located.found
    actions.push({
      kind: 'create',
      path: join(cwd, 'vetted.config.json'),
      text: `${JSON.stringify({ content }, null, 2)}\n`,
      what: `content: ${content.join(', ')}`,
    })
  }

  // The workflow, unless one already runs the gate.
  const gate = existingGate(top)
  if (gate)
    actions.push({ kind: 'keep', path: gate, why: gate.endsWith(WORKFLOW_PATH) ? 'it exists' : 'it already runs vetted check --ci' })
  else {
    const place = { blog: slashed(relative(top, cwd)), install: slashed(relative(top, manager.root)) }
    const how = `${manager.lockfile ? `${manager.name}, from ${slashed(relative(cwd, join(manager.root, manager.lockfile)))}` : 'npm: no lockfile found'}`
    actions.push({
      kind: 'create',
      path: join(top, WORKFLOW_PATH),
      text: workflowText(manager, place),
      what: `the CI gate on every push and pull request (installs with ${how})`,
    })
  }

  // Ledgers merge record by record (vetted merge-driver), not line by line: registered for every ledger.
  const attributesPath = join(top, '.gitattributes')
  const attributes = readProjectText(attributesPath, top, 'a .gitattributes file')
  const missing = GIT_ATTRIBUTES.filter((line) => !hasLine(attributes ?? '', line))
  if (attributes === undefined)
    actions.push({ kind: 'create', path: attributesPath, text: `${GIT_ATTRIBUTES.join('\n')}\n`, what: MERGE_WHAT })
  else if (missing.length === 0)
    actions.push({ kind: 'keep', path: attributesPath, why: 'it already merges ledgers with vetted merge-driver' })
  else {
    const text = `${attributes}${attributes === '' || attributes.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`
    actions.push({ kind: 'edit', path: attributesPath, before: attributes, text, what: MERGE_WHAT })
  }

  // The Astro integration, when asked.
  const astroConfig = ASTRO_CONFIG_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path))
  if (options.astro) {
    if (!astroConfig)
      throw new InputError(
        `--astro: no ${ASTRO_CONFIG_NAMES.slice(0, 4).join(', ')} in this folder; run vetted init --astro where the site's astro.config.mjs is`,
      )
    const before = readProjectText(astroConfig, top, 'an Astro config')
    if (before === undefined)
      throw new InputError(
        `${astroConfig}: does not exist (a broken symlink?); run vetted init --astro where the site's astro.config.mjs is`,
      )
    const edit = addVettedIntegration(before, astroConfig)
    const install = addCommand(manager, ['@vetted/astro'], false)
    if (edit.kind === 'present') actions.push({ kind: 'keep', path: astroConfig, why: 'it already has @vetted/astro' })
    else if (edit.kind === 'unsafe') {
      actions.push({ kind: 'leave', path: astroConfig, why: `not edited: ${edit.reason}` })
      notes.push(`Add the integration to ${display(astroConfig, cwd)} by hand: ${ASTRO_HELP_URL}`)
    } else if (!installedFor(cwd, manager.root, manifest, '@vetted/astro')) {
      // An import of a package that is not there fails every build until it is installed.
      actions.push({
        kind: 'leave',
        path: astroConfig,
        why: 'not edited: @vetted/astro is not installed, and the site would not build importing it',
      })
      notes.push(
        `Install @vetted/astro (${install}), then run \`${runner(manager)} init --astro\` again: it adds the integration to ${display(astroConfig, cwd)}.`,
      )
    } else {
      actions.push({ kind: 'edit', path: astroConfig, before, text: edit.text, what: edit.changes.join(', ') })
    }
    if (!dependsOn(manifest, '@vetted/astro')) installs.push(install)
  } else if (astroConfig && !/@vetted\/astro/.test(readProjectText(astroConfig, top, 'an Astro config') ?? '')) {
    notes.push(
      `This is an Astro site: \`vetted init --astro\` adds @vetted/astro to ${display(astroConfig, cwd)}, so readers see the published corrections.`,
    )
  }

  if (!dependsOn(manifest, '@vetted/cli')) installs.unshift(addCommand(manager, ['@vetted/cli'], true))

  write(actions, top)
  return report({ cwd, actions, notes, installs, found, run: runner(manager) })
}

/** What .gitattributes gets: git merges every ledger with the driver named `vetted`, and the usage log's lines as a union. */
const GIT_ATTRIBUTES = ['*.vetted.json merge=vetted', '.vetted/usage.jsonl merge=union']
const MERGE_WHAT = 'ledgers merge record by record: *.vetted.json merge=vetted (vetted merge-driver), .vetted/usage.jsonl merge=union'

/** Whether `text` has `line`, whitespace aside. */
const hasLine = (text: string, line: string) => text.split('\n').some((candidate) => candidate.trim().split(/\s+/).join(' ') === line)

/** The one line a user runs so that git knows how to run the `vetted` merge driver. */
export function mergeDriverCommand(run: string): string {
  return `git config merge.vetted.driver "${run} merge-driver %O %A %B"`
}

/** The folders the author named: each must hold posts (or be a post, or a glob matching some). */
function namedFolders(folders: string[], cwd: string): { content: string[]; found: string } {
  const content = folders.map((folder) => (/[*?[{]/.test(folder) ? folder : slashed(relative(cwd, resolve(cwd, folder))) || '.'))
  const counts = content.map((entry) => `${entry} (${plural(findPosts([entry], cwd).length, 'post')})`)
  const unread = content
    .filter((entry) => !/[*?[{]/.test(entry))
    .flatMap((entry) => unreadIn(resolve(cwd, entry)).map(({ path, format }) => ({ path: slashed(relative(cwd, path)), format })))
  return { content, found: `Posts in ${counts.join(', ')}.${notRead(unread)}` }
}

function lookForPosts(cwd: string): { content: string[]; found: string } {
  const { folders, unread } = findContent(cwd)
  if (folders.length === 0) {
    const formats = [...new Set(unread.map(({ format }) => format))].sort()
    const unreadNote =
      unread.length > 0 ? `; ${plural(unread.length, 'file')} seen in formats vetted does not read (${formats.join(', ')})` : ''
    throw new InputError(
      `no Markdown or MDX posts (.md, .markdown, .mdx) found in ${POST_FOLDERS.slice(0, 6).join(', ')}, … or any folder below this one, skipping node_modules, build output and dot folders${unreadNote}; say where they are: vetted init content/posts`,
    )
  }
  const list = folders.map(({ folder, posts }) => `${folder} (${plural(posts, 'post')})`).join(', ')
  return { content: folders.map(({ folder }) => folder), found: `Posts in ${list}.${notRead(unread)}` }
}

/** ` Not read: notes.mdoc (Markdoc, a format vetted does not read).`: the files among the posts vetted will not check, and why. */
function notRead(unread: UnreadFile[]): string {
  if (unread.length === 0) return ''
  if (unread.length === 1) return ` Not read: ${unread[0]!.path} (${unread[0]!.format}, a format vetted does not read).`
  const shown = unread.slice(0, 5).map(({ path, format }) => `${path} (${format})`)
  const more = unread.length > shown.length ? ` and ${unread.length - shown.length} more` : ''
  return ` Not read, in formats vetted does not read: ${shown.join(', ')}${more}.`
}

/** The top of the git repository holding `cwd` (where GitHub reads workflows), else `cwd`. */
function repositoryOf(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir
    if (dirname(dir) === dir) return cwd
  }
}

/** A workflow of the repository that already runs the gate (vetted.yml first). */
function existingGate(top: string): string | undefined {
  const folder = join(top, '.github/workflows')
  if (existsSync(join(top, WORKFLOW_PATH))) return join(top, WORKFLOW_PATH)
  let names: string[] = []
  try {
    names = readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
  } catch {
    return undefined
  }
  return names
    .map((name) => join(folder, name))
    .find((path) => /\bvetted\s+check\b[^\n]*--ci\b/.test(readProjectText(path, top, 'a GitHub Actions workflow') ?? ''))
}

/**
 * Whether the site can import `name`: in a node_modules folder from `cwd` up, or,
 * under Yarn Plug'n'Play (no node_modules), declared in its package.json.
 */
function installedFor(cwd: string, root: string, manifest: Record<string, unknown> | undefined, name: string): boolean {
  if (existsSync(join(root, '.pnp.cjs'))) return dependsOn(manifest, name)
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true
    if (dirname(dir) === dir) return false
  }
}

function dependsOn(manifest: Record<string, unknown> | undefined, name: string): boolean {
  return ['dependencies', 'devDependencies'].some(
    (field) => typeof manifest?.[field] === 'object' && manifest[field] !== null && name in (manifest[field] as object),
  )
}

/** Create the new files (never over one that appeared meanwhile) and make the edit; on a failure, remove what this run created. */
function write(actions: Action[], top: string): void {
  const created: string[] = []
  const folders: string[] = []
  try {
    for (const action of actions) {
      if (action.kind === 'create') {
        const made = mkdirSync(dirname(action.path), { recursive: true })
        if (made) folders.push(made)
        writeFileSync(action.path, action.text, { flag: 'wx' })
        created.push(action.path)
      } else if (action.kind === 'edit') {
        if (readProjectText(action.path, top, 'an Astro config') !== action.before)
          throw new InputError(`${action.path}: changed while vetted init was editing it; run it again`)
        writeFileAtomic(action.path, action.text)
      }
    }
  } catch (error) {
    for (const path of created) rmSync(path, { force: true })
    for (const folder of folders.reverse()) removeEmptyFolders(folder, dirname(folder))
    throw error
  }
}

/** Remove `folder` and the empty folders mkdir made inside it. */
function removeEmptyFolders(folder: string, stop: string): void {
  try {
    for (const name of readdirSync(folder)) removeEmptyFolders(join(folder, name), stop)
    rmdirSync(folder)
  } catch {
    // Not empty or not a folder: it stays.
  }
}

function report(input: { cwd: string; actions: Action[]; notes: string[]; installs: string[]; found: string; run: string }): string {
  const { cwd, actions } = input
  const changed = actions.some((action) => action.kind === 'create' || action.kind === 'edit')
  const lines: string[] = [
    changed
      ? plain(`vetted init: set up vetted here. ${input.found}`.trimEnd())
      : 'vetted init: nothing changed; vetted is already set up here.',
    '',
  ]
  const width = Math.max(...actions.map((action) => display(action.path, cwd).length))
  for (const action of actions) {
    const verb = { create: 'created', edit: 'edited', keep: 'kept', leave: 'left' }[action.kind].padEnd(8)
    const detail = action.kind === 'create' || action.kind === 'edit' ? action.what : action.why
    lines.push(`  ${verb} ${display(action.path, cwd).padEnd(width)}  ${plain(detail)}`)
  }
  if (input.notes.length > 0) lines.push('', ...input.notes.map((note) => plain(note)))
  const steps: string[] = []
  if (input.installs.length > 0) steps.push(`Install: ${input.installs.join(`\n${' '.repeat(14)}`)}`)
  steps.push(`Check the posts and write their ledgers (post.vetted.json beside each post): OPENAI_API_KEY=sk-… ${input.run} check`)
  steps.push(`Settle each correction the report lists: ${input.run} resolve <id> --annotate (publish it), or --dismiss --note "why"`)
  steps.push(
    `Commit the ledgers with the setup: git add '*.vetted.json' ${actions
      .filter((action) => action.kind !== 'leave')
      .map((action) => shellWord(display(action.path, cwd)))
      .join(' ')}`,
  )
  steps.push(`Let git merge ledgers record by record (once per clone): ${mergeDriverCommand(input.run)}`)
  steps.push(`Push: the workflow runs \`${input.run} check --ci\`, which fails while a correction is open or a claim unchecked.`)
  lines.push('', 'Next:', ...steps.map((step, index) => `  ${index + 1}. ${step}`))
  return `${lines.join('\n')}\n`
}

/** A path as the user reads it: relative to where they ran init, plain text. */
function display(path: string, cwd: string): string {
  return plain(slashed(relative(cwd, path)) || '.')
}

const slashed = (path: string) => path.split(sep).join('/')
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
const shellWord = (word: string) => (/^[\w./@-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)
