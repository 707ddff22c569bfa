// Run the real `vetted` command as a subprocess, as a user would.

import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { temporaryFolder } from '../support/files.ts'

export const BIN = fileURLToPath(new URL('../../packages/cli/bin/vetted.js', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Environment without the developer's OpenAI settings, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base['OPENAI_API_KEY']
  delete base['OPENAI_BASE_URL']
  delete base['FORCE_COLOR']
  return { ...base, ...env }
}

export function vetted(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
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
