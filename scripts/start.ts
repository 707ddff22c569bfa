// `./run start`: the main job on the sample content. Checks content/ offline (the
// same gate CI runs), builds the site, and serves it on 127.0.0.1.

import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const port = process.env.PORT ?? '4321'

function step(title: string, command: string, args: string[], cwd = root): number {
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } })
  return result.status ?? 1
}

const gate = step('vetted check --ci content/ (offline)', process.execPath, ['packages/cli/src/bin.ts', 'check', '--ci', 'content'])
if (gate === 2) process.exit(2)
if (gate === 1) console.log('\nSome posts are not settled yet (see above); the site shows them as published so far.')

if (step('astro build site/', 'pnpm', ['--filter', '@vetted/site', 'build']) !== 0) process.exit(1)

console.log(`\n▶ serving the built site: http://127.0.0.1:${port}/  (Ctrl-C to stop)`)
const server = spawn('pnpm', ['--filter', '@vetted/site', 'exec', 'astro', 'preview', '--host', '127.0.0.1', '--port', port], {
  cwd: root,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
