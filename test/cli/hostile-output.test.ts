// Hostile output (issue 14, items 1 and 2): text from a ledger, a post, a file
// name or a server error reaches a CI log and a terminal as text. The GitHub
// Actions runner must find no workflow command in it, and a terminal no escape
// sequence, C1 control or bidirectional override that came from it.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { plain } from '@vetted/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { POST, project, vettedInProcess, vettedOnTerminal } from './support.ts'

const ESC = '\u001b'
const BEL = '\u0007'
/** Carriage return, erase the line, then a green line of our own wording. */
const FORGED = `\r${ESC}[2K${ESC}[32mEverything is settled.${ESC}[39m`
const WINDOW_TITLE = `${ESC}]0;pwned${BEL}`
const HIDDEN_LINK = `${ESC}]8;;https://evil.example/${ESC}\\the record${ESC}]8;;${ESC}\\`
const C1_CSI = '\u009b31m'
const BIDI = '\u202e'
/** Workflow commands as a fork's ledger or a model could write them, with the runner's own tricks. */
const COMMANDS = [
  '::add-mask::hunter2',
  '   ::stop-commands::pause',
  '::error file=.github/workflows/ci.yml,line=1,title=vetted%3A forged::forged',
  '%0A::set-output name=deploy::yes',
  '\t::warning::tabbed',
  '##[add-mask]old-form',
  'x\r::notice::after a carriage return',
  '\u00a0::debug::after a no-break space',
]
const HOSTILE = `${COMMANDS.join('\n')}\n${FORGED}\n${WINDOW_TITLE}${HIDDEN_LINK}${C1_CSI}${BIDI}`

/** A post whose file name and sentence carry commands and escapes. */
const HOSTILE_NAME = `::add-mask::name ##[add-mask]n ${ESC}]0;t${BEL}\r::error::x.md`
const HOSTILE_POST = 'In 1900, the town of ::add-mask::hunter3 had 120 houses and ##[add-mask]v1 2 mills.\n'

// The workflow commands the runner knows (actions/runner, src/Runner.Worker/*CommandExtension).
const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'add-path',
  'set-env',
  'set-output',
  'save-state',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]

interface Command {
  name: string
  properties: Record<string, string>
  data: string
}

const unescapeData = (value: string) => value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%')
const unescapeProperty = (value: string) => unescapeData(value).replaceAll('%3A', ':').replaceAll('%2C', ',')

/**
 * The commands the Actions runner would run for this output, read as
 * actions/runner reads it (ActionCommandManager.TryProcessCommand): lines split
 * at CR, LF or CRLF; `::name props::data` after leading white space is trimmed,
 * else `##[name props]data` anywhere in the line; names without regard to case;
 * after `::stop-commands::TOKEN` nothing runs until a command named TOKEN.
 */
function runnerCommands(output: string): { commands: Command[]; stoppedAtEnd: boolean } {
  const registered = new Set(RUNNER_COMMANDS)
  const commands: Command[] = []
  let stopToken: string | undefined
  for (const line of output.split(/\r\n|\r|\n/)) {
    const command = parseV2(line, registered) ?? parseV1(line, registered)
    if (!command) continue
    if (stopToken !== undefined) {
      if (command.name === stopToken) {
        registered.delete(stopToken)
        stopToken = undefined
      }
    } else if (command.name === 'stop-commands') {
      stopToken = command.data.toLowerCase()
      registered.add(stopToken)
    } else commands.push(command)
  }
  return { commands, stoppedAtEnd: stopToken !== undefined }
}

function parseV2(line: string, registered: Set<string>): Command | undefined {
  const message = line.replace(/^[\s\u0085]+/, '') // .NET's TrimStart: Unicode white space
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!registered.has(name)) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const at = pair.indexOf('=')
      if (at > 0 && at < pair.length - 1) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
  }
  return { name, properties, data: unescapeData(message.slice(end + 2)) }
}

function parseV1(line: string, registered: Set<string>): Command | undefined {
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const end = line.indexOf(']', start)
  if (end < 0) return undefined
  const info = line.slice(start + 3, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  return registered.has(name) ? { name, properties: {}, data: line.slice(end + 1) } : undefined
}

/** Every command is one of vetted's annotations on a real post, and the log is not left paused. */
function expectOnlyOurAnnotations(output: string, posts: string[]): Command[] {
  const { commands, stoppedAtEnd } = runnerCommands(output)
  expect(stoppedAtEnd).toBe(false)
  for (const command of commands) {
    expect(['error', 'notice'], JSON.stringify(command)).toContain(command.name)
    if (command.name === 'notice' && command.properties['title'] === 'vetted: no date') {
      // A post without a readable date: a notice on that post, never failing the gate.
      expect(posts, JSON.stringify(command)).toContain(command.properties['file'])
      expect(Object.keys(command.properties).every((key) => ['file', 'line', 'title'].includes(key))).toBe(true)
    } else if (command.name === 'notice') expect(command.properties).toEqual({ title: 'vetted' })
    else {
      expect(posts, JSON.stringify(command)).toContain(command.properties['file'])
      expect(command.properties['title']).toMatch(
        /^vetted: (open correction c-[0-9a-f]{10}|stale correction c-[0-9a-f]{10}|unchecked claim)$/,
      )
      expect(Object.keys(command.properties).every((key) => ['file', 'line', 'col', 'endLine', 'endColumn', 'title'].includes(key))).toBe(
        true,
      )
    }
  }
  return commands
}

/** What a terminal would act on, apart from our own colours (SGR, `ESC [ n m`) and the pseudo-terminal's CRLF. */
function terminalControls(output: string): string[] {
  const rest = output.replaceAll('\r\n', '\n').replace(/\u001b\[\d+m/g, '')
  return [...rest.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map((match) => JSON.stringify(match[0]))
}

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>
let cwd: string
const online = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL })
const POSTS = ['content/towns.md', `content/${HOSTILE_NAME}`]

beforeAll(async () => {
  fake = await startFakeOpenAI()
  // Two incorrect claims: one correction stays open, the other is dismissed with a note.
  const post = `${POST}\nIn 1860, the valley floor was entirely flat according to 2 surveys.\n`
  cwd = project({ 'content/towns.md': post })
  const checked = await vettedInProcess(['check'], { cwd, env: online() })
  expect(checked.code).toBe(1)
  const ledgerPath = join(cwd, 'content/towns.vetted.json')
  const ids = Object.keys(JSON.parse(readFileSync(ledgerPath, 'utf8')).corrections)
  expect(ids).toHaveLength(2)
  const dismissed = await vettedInProcess(['resolve', ids[1]!, '--dismiss', '--note', `Not wrong. ${HOSTILE}`], { cwd })
  expect(dismissed.code, dismissed.stderr).toBe(0)
  // A fork's pull request edits the ledger: every free text holds commands and escapes.
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'))
  const open = ledger.corrections[ids[0]!]
  open.summary = `Wrong. ${HOSTILE}`
  open.reasoning = `The record says otherwise.\n\n${HOSTILE}\n\n- ${COMMANDS[0]}`
  open.sources[0].title = `Record ${HOSTILE}`
  open.sources[0].quote = `Quoted ${HOSTILE}`
  ledger.corrections[ids[1]!].quote = `flat ${HOSTILE}`
  writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2))
  writeFileSync(join(cwd, 'content', HOSTILE_NAME), HOSTILE_POST)
})
afterAll(() => fake.close())

describe('GitHub Actions reads no workflow command from data', () => {
  it('--format github: only vetted’s own annotations run, though the data is printed', async () => {
    const result = await vettedInProcess(['check', '--ci', '--format', 'github'], { cwd })
    expect(result.code).toBe(1)
    // A file= property is escaped like all other data: what the runner reads is the name as plain() prints it.
    const commands = expectOnlyOurAnnotations(result.stdout + result.stderr, POSTS.map(plain))
    const errors = commands.filter((command) => command.name === 'error')
    expect(errors.map((command) => command.properties['title'])).toEqual([
      expect.stringMatching(/^vetted: open correction /),
      'vetted: unchecked claim',
    ])
    // The annotations carry the hostile text as their message, and the log shows it.
    expect(errors[0]!.data).toContain('::add-mask::hunter2')
    expect(errors[1]!.properties['file']).toBe(`content/::add-mask::name ##[add-mask]n \\x1b]0;t\\x07\\x0d::error::x.md`)
    expect(errors[1]!.data).toContain('::add-mask::hunter3')
    expect(result.stdout).toContain('::add-mask::hunter2')
  })

  it('text, json and sarif inside Actions (GITHUB_ACTIONS=true) run no command at all', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const result = await vettedInProcess(['check', '--ci', '--format', format], { cwd, env: { GITHUB_ACTIONS: 'true' } })
      expect(result.code).toBe(1)
      expect(runnerCommands(result.stdout + result.stderr), format).toEqual({ commands: [], stoppedAtEnd: false })
      expect(result.stdout).toContain('hunter2')
    }
    // Without --ci the report lists the dismissed correction and its note too (no key: nothing is sent).
    const full = await vettedInProcess(['check'], { cwd, env: { GITHUB_ACTIONS: 'true' } })
    expect(full.stdout).toContain('Not wrong. ::add-mask::hunter2')
    expect(runnerCommands(full.stdout + full.stderr)).toEqual({ commands: [], stoppedAtEnd: false })
  })

  it('json and sarif keep the data exactly: their escapes decode to the ledger’s text', async () => {
    const json = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout)
    const towns = json.files.find((file: { path: string }) => file.path === 'content/towns.md')
    expect(towns.corrections.map((c: { summary: string }) => c.summary)).toContain(`Wrong. ${HOSTILE}`)
    const sarif = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'sarif'], { cwd })).stdout)
    // SARIF message text escapes square brackets (they would start an embedded link).
    const messages = sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text).join('\n')
    expect(messages).toContain(HOSTILE.replace(/[[\]]/g, '\\$&'))
    expect(messages).not.toMatch(/(^|[^\\])\[/)
  })

  it('a server error with commands in it runs none: the per-post line in Actions', async () => {
    const hostileServer = project({ 'content/ridge.md': 'In 1900, the town of Ridge had 100 houses, 50% of them brick.\n' })
    fake.setHandler(() => ({
      status: 400,
      body: {
        error: {
          message: `Bad request ##[add-mask]server ${WINDOW_TITLE}${FORGED}\n::add-mask::hunter4`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    }))
    try {
      const result = await vettedInProcess(['check'], { cwd: hostileServer, env: { ...online(), GITHUB_ACTIONS: 'true' } })
      expect(result.stderr).toContain('Bad request')
      expect(runnerCommands(result.stdout + result.stderr)).toEqual({ commands: [], stoppedAtEnd: false })
      const piped = await vettedInProcess(['check'], { cwd: hostileServer, env: online() })
      expect(piped.stderr).toContain('Bad request')
      expect(terminalControls(piped.stderr)).toEqual([])
      const [sending, ...perPost] = piped.stderr.trimEnd().split('\n')
      expect(sending).toMatch(/^vetted check: sending to 127\.0\.0\.1:\d+$/)
      expect(perPost).toHaveLength(1)
    } finally {
      fake.setHandler(undefined)
    }
  })

  it('an error naming a hostile file runs no command inside Actions and is one plain line elsewhere', async () => {
    const name = `##[add-mask]leak ${ESC}]0;t${BEL}.md`
    const broken = project({
      [`content/${name}`]: HOSTILE_POST,
      [`content/${name.replace(/\.md$/, '.vetted.json')}`]: '{ "version": 1,\n  "post": 5 }\n',
    })
    const inActions = await vettedInProcess(['check', '--ci'], { cwd: broken, env: { GITHUB_ACTIONS: 'true' } })
    expect(inActions.code).toBe(2)
    expect(inActions.stderr).toContain('##[add-mask]leak')
    expect(runnerCommands(inActions.stdout + inActions.stderr)).toEqual({ commands: [], stoppedAtEnd: false })
    const elsewhere = await vettedInProcess(['check', '--ci'], { cwd: broken })
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(terminalControls(elsewhere.stderr)).toEqual([])
  })
})

describe('a terminal receives no control sequence from data', () => {
  it('on a pipe: no ESC, C1, CR or bidi control in stdout or stderr, the data shown escaped', async () => {
    // Without --ci the report lists every correction, the dismissed one with its note too (no key: nothing is sent).
    const result = await vettedInProcess(['check'], { cwd })
    expect(result.code).toBe(1)
    expect(terminalControls(result.stdout + result.stderr)).toEqual([])
    expect(result.stdout).toContain('Not wrong. ::add-mask::hunter2\\x0a')
    expect(result.stdout).toContain('\\x1b]0;pwned\\x07')
    expect(result.stdout).toMatch(/^Not settled yet\.$/m)
    expect(result.stdout).not.toMatch(/^Everything is settled\.$/m)
  })

  it('on a pseudo-terminal: only our own colours; the forged green line stays visible text', async () => {
    const result = await vettedOnTerminal(['check', '--ci'], { cwd })
    expect(result.code).toBe(1)
    expect(result.output).toContain(`${ESC}[31mNot settled yet.${ESC}[39m`)
    expect(terminalControls(result.output)).toEqual([])
    expect(result.output).toContain('\\x0d\\x1b[2K\\x1b[32mEverything is settled.')
  })

  it('checking a post with a hostile file name: the progress bar, the log line and resolve print the name as text', async () => {
    const dir = project({
      [`content/${HOSTILE_NAME}`]: 'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.\n',
    })
    const checked = await vettedOnTerminal(['check'], { cwd: dir, env: { ...online(), NO_COLOR: '1' } })
    expect(checked.code).toBe(1)
    expect(checked.output).toMatch(/\r\u001b\[2K[█░]{24} 1\/1 claims/) // the bar was drawn
    // Our own progress bar draws with CR + erase-line; nothing else may.
    expect(terminalControls(checked.output.replaceAll('\r\u001b[2K', ''))).toEqual([])
    const json = JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd: dir })).stdout)
    const resolved = await vettedInProcess(['resolve', json.files[0].corrections[0].id, '--annotate'], { cwd: dir })
    expect(resolved.code).toBe(0)
    expect(resolved.stdout).toContain('\\x1b]0;t\\x07')
    expect(terminalControls(resolved.stdout + resolved.stderr)).toEqual([])
  })
})
