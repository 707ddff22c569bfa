// Run the real `vetted` command as a subprocess, as a user would.

import { spawn, type ChildProcess } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeEach, expect } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI, type FakeOptions } from '../fake-openai/index.ts'
import { checksums, temporaryFolder } from '../support/files.ts'

export const BIN = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Environment without the developer's OpenAI settings (nor GitHub Actions', which fences output), plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base['OPENAI_API_KEY']
  delete base['OPENAI_BASE_URL']
  delete base['FORCE_COLOR']
  delete base['GITHUB_ACTIONS']
  return { ...base, ...env }
}

/**
 * The fake OpenAI server for a test file: `const { fake, online } = await
 * useFakeOpenAI()` at its top; `online` is the environment that points vetted at
 * it. Started as the file loads and closed after its last test; each test starts
 * with the handler and latency of `options`. Requests accumulate over the file:
 * a test counts its own from `fake.requests.length` before it.
 */
export async function useFakeOpenAI(options: FakeOptions = {}): Promise<{ fake: FakeOpenAI; online: Record<string, string> }> {
  const fake = await startFakeOpenAI(options)
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.setHandler(options.handler)
    fake.setLatency(options.latencyMs ?? 0)
  })
  return { fake, online: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL } }
}

export interface RunOptions {
  cwd: string
  env?: Record<string, string>
  /** Arguments for Node itself, before the script. */
  nodeArgs?: string[]
}

/** Start `vetted`; `result` settles when it exits. */
export function startVetted(args: string[], options: RunOptions): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
  })
  const result = new Promise<CliResult>((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : -1), stdout, stderr }))
  })
  return { child, result }
}

/** More than any refusal needs (vetted runs in about 120 MB); reading /dev/zero whole passes it within a second. */
export const MEMORY_LIMIT_KB = 400 * 1024

/**
 * Run vetted as a subprocess, watching its peak memory (VmHWM in /proc) every
 * 20 ms: past `MEMORY_LIMIT_KB` or `deadlineMs` it is killed, and `killed` says
 * why, so that a command that hangs or reads a device whole fails its test
 * instead of hanging the suite or filling the machine.
 */
export async function vettedBounded(
  args: string[],
  options: RunOptions & { deadlineMs: number },
): Promise<CliResult & { peakKb: number; killed?: string }> {
  const started = performance.now()
  const { child, result } = startVetted(args, options)
  let peakKb = 0
  let killed: string | undefined
  const timer = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0))
    } catch {
      return // exited between two looks
    }
    if (peakKb > MEMORY_LIMIT_KB) killed = `memory past ${MEMORY_LIMIT_KB} kB`
    else if (performance.now() - started > options.deadlineMs) killed = `still running after ${options.deadlineMs} ms`
    if (killed) child.kill('SIGKILL')
  }, 20)
  try {
    const done = await result
    return { ...done, peakKb, ...(killed ? { killed } : {}) }
  } finally {
    clearInterval(timer)
  }
}

export function vetted(args: string[], options: RunOptions): Promise<CliResult> {
  return startVetted(args, options).result
}

/** util-linux `script` gives a command a pseudo-terminal: how a user at a terminal runs vetted. */
export const SCRIPT = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path))

/** Run `vetted` on a pseudo-terminal; stdout and stderr arrive together, as on a screen. */
export function vettedOnTerminal(args: string[], options: RunOptions): Promise<{ code: number; output: string }> {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`
  const command = [process.execPath, BIN, ...args].map(quote).join(' ')
  return new Promise((resolve, reject) => {
    if (!SCRIPT) throw new Error("the terminal tests need util-linux's script (Debian: bsdutils, an essential package)")
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
      cwd: options.cwd,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
  })
}

/** A project folder with `files` (path -> text) written into it. */
export function project(files: Record<string, string>): string {
  const root = temporaryFolder('vetted-cli-')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

/** Checkable sentences; the fake model flags the ones that say "flat". */
export const POST = `---
title: Towns
date: 2026-03-01
---

# Towns of the plain

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.

In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.

In 1852, the railway reached Millbrook and its population doubled within 10 years.
`

/** POST with its middle claim swapped for three sentences detection does not select: the screen alone reaches them. */
export const SCREENED_POST = POST.replace(
  'In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.',
  'As the map above shows, Ashford was flat.\n\nI walked there last spring with my sister. It was a lovely day.',
)

/**
 * The command refuses: exit 2, one line on stderr matching `line`, nothing on
 * stdout, no file in `cwd` changed. It runs in this process; `subprocess: true`
 * runs the real bin where Node's own loading is the point (a vetted.config.ts:
 * in this process vitest would transform it instead of Node).
 */
export async function expectRefused(
  cwd: string,
  args: string[],
  line: RegExp,
  options: Omit<RunOptions, 'cwd' | 'nodeArgs'> & { subprocess?: boolean } = {},
): Promise<void> {
  const { subprocess, ...rest } = options
  const before = checksums(cwd)
  const result = subprocess ? await vetted(args, { cwd, ...rest }) : await vettedInProcess(args, { cwd, ...rest })
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  expect(result.stderr).toMatch(line)
  expect(checksums(cwd)).toEqual(before)
}

/**
 * Run `vetted` in this process through the CLI's exported `run(argv, io)`, as
 * textlint tests its CLI: the same code as the bin without a Node start-up per
 * call. Use it for behaviour; keep `vetted` (a subprocess) for what only a
 * process shows (signals, the bin's version check, streams of a real process).
 */
export async function vettedInProcess(
  args: string[],
  options: Omit<RunOptions, 'nodeArgs'> & { interrupt?: AbortSignal },
): Promise<CliResult> {
  const { run } = await import('@vetted/cli')
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdout: { isTTY: false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
    ...(options.interrupt ? { interrupt: options.interrupt } : {}),
  })
  return { code, stdout, stderr }
}

export interface VettedWorker {
  /** Run one command; `undefined` when it was still running after `killAfterMs` (the worker is then ended). */
  run(args: string[], options: Omit<RunOptions, 'nodeArgs'> & { killAfterMs: number }): Promise<CliResult | undefined>
}

/**
 * `vetted` in a worker thread of this test file, run after run: for input that
 * might hang the CLI (pathological Markdown, fuzzing). One start-up serves every
 * run, so each costs only its own work, yet a run that never ends can be stopped
 * (Worker.terminate ends even a busy loop); the next run starts a new worker. A
 * worker that dies (not a caught error, which is exit 70) gives exit -1.
 */
export function useVettedWorker(): VettedWorker {
  let worker: Worker | undefined
  afterAll(() => worker?.terminate())
  return {
    run(args, options) {
      // Node's own options, as the bin runs: not vitest's (its `development` condition picks micromark's slow checked build).
      worker ??= new Worker(new URL('./vetted-worker.ts', import.meta.url), { execArgv: [] })
      const current = worker
      return new Promise((resolve) => {
        const end = (result: CliResult | undefined) => {
          clearTimeout(killer)
          current.off('message', answered).off('error', died)
          resolve(result)
        }
        const stop = () => {
          worker = undefined
          void current.terminate()
        }
        const answered = (result: CliResult) => end(result)
        const died = (error: Error) => {
          stop()
          end({ code: -1, stdout: '', stderr: String(error?.stack ?? error) })
        }
        const killer = setTimeout(() => {
          stop()
          end(undefined)
        }, options.killAfterMs)
        current.on('message', answered).on('error', died)
        current.postMessage({ args, cwd: options.cwd, env: cleanEnv(options.env) })
      })
    },
  }
}
