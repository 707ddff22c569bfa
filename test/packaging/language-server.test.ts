// remark-vetted in an editor: the language server behind vscode-remark
// (remark-language-server) with the `.remarkrc.mjs` and the dev dependencies of
// remark-vetted's README (copied from it), driven over stdio as VS Code drives it
// (JSON-RPC with Content-Length headers). Opening a post shows vetted's messages as
// diagnostics on the words; editing the post updates them; "Format document" gives
// back the author's Markdown. An `.mdx` post (its ledger written by `vetted check`
// against the fake OpenAI server) is read as MDX: messages on its prose only.
//
// remark-language-server itself is not on the registry this project can reach;
// it is one file calling unified-language-server, and server.mjs below is that
// file (remarkjs/remark-language-server, index.js at a9e1edd, version 3.0.0) with
// the same options.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI } from '../fake-openai/index.ts'
import { TOWNS_MDX } from '../support/mdx.ts'
import { userEnv, userProject, type UserProject } from './support.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures', 'remark-post')
const POST = readFileSync(join(FIXTURE, 'post.md'), 'utf8')
const UNCHECKED = 'Netscape Navigator, released in October 1994, took most of the browser market within a year.'
const README = fileURLToPath(new URL('../../packages/remark-vetted/README.md', import.meta.url))

/** An MDX post: the fake model calls the sentence that says "flat" (inside the component) incorrect. */
const MDX_POST = `---
title: Towns of the plain
date: 2026-03-01
---

${TOWNS_MDX}`
/** Written after the post was checked: it has no verdict. */
const MDX_UNCHECKED = 'In 1854, the mill burned down and was rebuilt in brick within 2 years.'

/** The README's `.remarkrc.mjs` and the dev dependencies its VS Code steps install. */
function readmeEditorSetup(): { remarkrc: string; install: string[] } {
  const readme = readFileSync(README, 'utf8')
  const remarkrc = /```js\n(\/\/ \.remarkrc\.mjs\n[\s\S]*?)```/.exec(readme)?.[1]
  const install = /dependencies: `npm install --save-dev (remark [^`]+)`/.exec(readme)?.[1]?.split(/\s+/)
  if (!remarkrc || !install)
    throw new Error(
      'packages/remark-vetted/README.md has no ```js block starting `// .remarkrc.mjs` and no VS Code step "dev dependencies: `npm install --save-dev remark …`"',
    )
  return { remarkrc, install }
}

const SERVER = `#!/usr/bin/env node
import process from 'node:process'
import {remark} from 'remark'
import {createUnifiedLanguageServer} from 'unified-language-server'

process.title = 'remark-language-server'

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc'
})
`

interface Range {
  start: { line: number; character: number }
  end: { line: number; character: number }
}
interface Diagnostic {
  range: Range
  message: string
  severity?: number
  code?: string
  source?: string
}
interface Message {
  id?: number
  method?: string
  params?: unknown
  result?: unknown
  error?: { message: string }
}

/** Where `needle` stands in `text`, as an LSP range (0-based lines, UTF-16 characters). */
function rangeOf(text: string, needle: string): Range {
  const at = text.indexOf(needle)
  if (at < 0) throw new Error(`not in the post: ${needle}`)
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n')
    return { line: before.length - 1, character: before.at(-1)!.length }
  }
  return { start: position(at), end: position(at + needle.length) }
}

/** A language client over the server's stdio: requests, notifications, and waiting for one. */
class Client {
  private buffer = Buffer.alloc(0)
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private readonly received: Message[] = []
  private readonly waiters = new Set<() => void>()
  private readonly child: ChildProcessWithoutNullStreams
  stderr = ''

  constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child
    child.stdout.on('data', (chunk: Buffer) => this.read(chunk))
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk))
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n')
      if (headerEnd < 0) return
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1])
      const bodyStart = headerEnd + 4
      if (this.buffer.length < bodyStart + length) return
      const message = JSON.parse(this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8')) as Message
      this.buffer = this.buffer.subarray(bodyStart + length)
      this.dispatch(message)
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error) pending?.reject(new Error(message.error.message))
      else pending?.resolve(message.result)
      return
    }
    // A request from the server (none is expected with the capabilities we declare): answer it.
    if (message.id !== undefined) this.write({ id: message.id, result: null })
    this.received.push(message)
    for (const waiter of this.waiters) waiter()
  }

  private write(message: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8')
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`)
    this.child.stdin.write(body)
  }

  request(method: string, params: unknown, timeout = 30_000): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeout} ms; server stderr:\n${this.stderr}`)), timeout)
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      })
      this.write({ id, method, params })
    })
  }

  notify(method: string, params: unknown): void {
    this.write({ method, params })
  }

  /** The next notification `method` (not taken before) whose params pass `test`. */
  notification<T>(method: string, test: (params: T) => boolean, timeout = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.received.findIndex((message) => message.method === method && test(message.params as T))
        if (index < 0) return
        const [message] = this.received.splice(index, 1)
        done()
        resolve(message!.params as T)
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`no ${method} in ${timeout} ms; got ${JSON.stringify(this.received)}; server stderr:\n${this.stderr}`))
      }, timeout)
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }
}

let project: UserProject
const servers: ChildProcessWithoutNullStreams[] = []

beforeAll(async () => {
  const { remarkrc, install } = readmeEditorSetup()
  project = await userProject(
    ['remark-vetted', '@vetted/cli'],
    ['unified-language-server@^4', ...install.filter((name) => name !== 'remark-vetted')],
  )
  cpSync(FIXTURE, project.dir, { recursive: true })
  writeFileSync(join(project.dir, '.remarkrc.mjs'), remarkrc)
  writeFileSync(join(project.dir, 'server.mjs'), SERVER)

  // The MDX post's ledger, as `vetted check` writes it; then a sentence the author adds afterwards.
  writeFileSync(join(project.dir, 'towns.mdx'), MDX_POST)
  const fake = await startFakeOpenAI()
  try {
    const checked = await project.bin('vetted', ['check', 'towns.mdx'], {
      env: userEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }),
    })
    if (checked.code !== 1)
      throw new Error(`vetted check towns.mdx: exit ${checked.code}, expected 1 (one open correction)\n${checked.stdout}${checked.stderr}`)
  } finally {
    await fake.close()
  }
})
afterAll(() => {
  for (const server of servers) server.kill('SIGKILL')
  project?.remove()
})

/** remark-language-server on the project, initialized as VS Code does it. */
async function startServer(): Promise<{ client: Client; stop(): Promise<void> }> {
  const server = spawn(process.execPath, ['server.mjs', '--stdio'], { cwd: project.dir, env: userEnv() })
  servers.push(server)
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  const client = new Client(server)
  const root = pathToFileURL(project.dir).href
  const initialized = (await client.request('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'my-blog' }],
    capabilities: {},
  })) as { capabilities: { textDocumentSync?: number; documentFormattingProvider?: boolean } }
  expect(initialized.capabilities.textDocumentSync).toBe(1) // full text on every change
  client.notify('initialized', {})
  return {
    client,
    async stop() {
      await client.request('shutdown', null)
      client.notify('exit', null)
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))])
      expect(code).toBe(0)
    },
  }
}

type Published = { uri: string; version?: number; diagnostics: Diagnostic[] }

/** Send `text` as `version` of the document, wait for its diagnostics, then ask for "Format document": the edits. */
async function formatted(client: Client, uri: string, version: number, text: string): Promise<Array<{ newText: string }> | null> {
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] })
  await client.notification<Published>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.version === version)
  const edits = await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })
  return edits as Array<{ newText: string }> | null
}

const byRule = (diagnostics: Diagnostic[]) =>
  diagnostics.map(({ code, source, severity, range, message }) => ({ code, source, severity, range, message: message.split('\n')[0] }))

describe('remark-vetted in the remark language server', () => {
  it('shows the open correction and the unchecked claim on their words while the post is edited', async () => {
    const { client, stop } = await startServer()
    const uri = pathToFileURL(join(project.dir, 'post.md')).href

    // Opening the post: both messages, each on its words.
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: POST } })
    const opened = await client.notification<Published>('textDocument/publishDiagnostics', (params) => params.uri === uri)
    expect(opened.version).toBe(1)
    expect(byRule(opened.diagnostics)).toEqual([
      {
        code: 'open-correction',
        source: 'vetted',
        severity: 2,
        range: rangeOf(POST, 'released by NCSA in 1992'),
        message: 'NCSA released Mosaic in 1993, not 1992.',
      },
      {
        code: 'unchecked-claim',
        source: 'vetted',
        severity: 2,
        range: rangeOf(POST, UNCHECKED),
        message: 'Unchecked claim (no verdict yet)',
      },
    ])
    // The note comes with it: the reasoning, the sources and how to settle it.
    expect(opened.diagnostics[0]!.message).toMatch(/NCSA released Mosaic for the X Window System[\s\S]*vetted resolve c-[0-9a-f]{10}/)

    // Deleting the unchecked sentence: its diagnostic goes, the open correction moves up with its words.
    const edited = POST.replace(`${UNCHECKED}\n\n`, '')
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] })
    const changed = await client.notification<Published>(
      'textDocument/publishDiagnostics',
      (params) => params.uri === uri && params.version === 2,
    )
    expect(byRule(changed.diagnostics)).toEqual([
      {
        code: 'open-correction',
        source: 'vetted',
        severity: 2,
        range: rangeOf(edited, 'released by NCSA in 1992'),
        message: 'NCSA released Mosaic in 1993, not 1992.',
      },
    ])
    expect(changed.diagnostics[0]!.range.start.line).toBe(opened.diagnostics[0]!.range.start.line - 2)

    // "Format document" on a post written with underscores: remark's style, the author's words, nothing of the rendering.
    const underscored = edited.replace('*first website at CERN went online*', '_first website at CERN went online_')
    const edits = await formatted(client, uri, 3, underscored)
    expect(edits).toHaveLength(1)
    expect(edits![0]!.newText).toBe(edited)
    await stop()
  })

  it('reads an .mdx post as MDX: the open correction inside a component and an unchecked claim on their lines, nothing on its code', async () => {
    const { client, stop } = await startServer()
    const uri = pathToFileURL(join(project.dir, 'towns.mdx')).href
    const text = MDX_POST.replace('\n<Aside', `\n${MDX_UNCHECKED}\n\n<Aside`)

    // VS Code sends an .mdx file as Markdown once `files.associations` says so; the server goes by the extension.
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } })
    const opened = await client.notification<Published>('textDocument/publishDiagnostics', (params) => params.uri === uri)
    expect(byRule(opened.diagnostics)).toEqual([
      {
        code: 'open-correction',
        source: 'vetted',
        severity: 2,
        range: rangeOf(text, 'was perfectly flat'),
        message: 'The record shows that "was perfectly flat" is not so.',
      },
      {
        code: 'unchecked-claim',
        source: 'vetted',
        severity: 2,
        range: rangeOf(text, MDX_UNCHECKED),
        message: 'Unchecked claim (no verdict yet)',
      },
    ])
    // Nothing on the import and export lines, nor on the component's attribute.
    const code = ['import { Aside }', 'export const surveyed', 'In 1999 the river moved'].map((words) => rangeOf(text, words).start.line)
    expect(opened.diagnostics.filter(({ range }) => code.includes(range.start.line))).toEqual([])

    // "Format document" writes remark's style and keeps the MDX: the import, the export, the component, the expression.
    const underscored = text.replace('3 bridges over the river', '_3 bridges_ over the river')
    const edits = await formatted(client, uri, 2, underscored)
    expect(edits).toHaveLength(1)
    expect(edits![0]!.newText).toBe(text.replace('3 bridges over the river', '*3 bridges* over the river'))
    await stop()
  })
})
