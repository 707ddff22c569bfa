import { run } from './lib/cli.ts'

// Ctrl-C while checking: stop sending, keep what the checker already wrote (a
// second Ctrl-C ends at once).
const interrupt = new AbortController()
process.once('SIGINT', () => interrupt.abort())

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal,
})
