// A project outside the repository with vetted's packed tarballs installed by npm,
// as a user gets them: no workspace links, no `../` paths.

import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Run a command to its end; never throws for a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number; input?: string },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv(), timeout: options.timeout ?? 300_000 })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/** The developer's environment less what would change a user's run (keys, colour, CI). */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'FORCE_COLOR', 'NODE_OPTIONS', 'GITHUB_ACTIONS', 'VITEST', 'NODE_ENV'])
    delete env[name]
  for (const name of Object.keys(env)) if (name.startsWith('VITEST_') || name.startsWith('npm_')) delete env[name]
  return { ...env, ...extra }
}

export interface UserProject {
  dir: string
  /** Run a binary from the project's node_modules/.bin. */
  bin(name: string, args: string[], options?: { env?: NodeJS.ProcessEnv; timeout?: number; input?: string }): Promise<CommandResult>
  remove(): void
}

/**
 * A new folder under the system's temp folder with a package.json and, installed
 * by npm: the tarballs of `packages` (and of the vetted packages they depend on)
 * and `fromRegistry` (e.g. `astro@^7`, `remark-cli`).
 */
export async function userProject(
  packages: string[],
  fromRegistry: string[] = [],
  manifest: Record<string, unknown> = {},
): Promise<UserProject> {
  const packed = inject('packed')
  const wanted = new Set<string>()
  const add = (name: string) => {
    const entry = packed[name]
    if (!entry) throw new Error(`no packed tarball for ${name}`)
    if (wanted.has(entry.tarball)) return
    wanted.add(entry.tarball)
    for (const dependency of entry.dependsOn) add(dependency)
  }
  for (const name of packages) add(name)

  const dir = mkdtempSync(join(tmpdir(), 'vetted-user-'))
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'my-blog', private: true, type: 'module', ...manifest }, null, 2)}\n`)
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...wanted, ...fromRegistry], { cwd: dir })
  if (install.code !== 0) throw new Error(`npm install failed in ${dir}:\n${install.stderr}`)
  return {
    dir,
    bin: (name, args, options = {}) => run(join(dir, 'node_modules', '.bin', name), args, { cwd: dir, ...options }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
