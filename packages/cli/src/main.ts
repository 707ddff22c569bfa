import { run } from './lib/cli.ts'

// The first Ctrl-C stops sending: requests in flight finish, are written, and the
// run ends with 130. A second one ends at once (held ledger locks are removed on exit).
const interrupt = new AbortController()
process.on('SIGINT', () => {
  if (!interrupt.signal.aborted) {
    process.stderr.write('\nvetted: stopping: no new requests; waiting for those in flight to finish (Ctrl-C again to quit now)\n')
    interrupt.abort()
    return
  }
  process.stderr.write('vetted: interrupted again; quitting now (requests in flight are dropped)\n')
  process.exit(130)
})

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  interrupt: interrupt.signal,
})
