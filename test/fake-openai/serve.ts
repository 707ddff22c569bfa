// Run the fake OpenAI server on its own, for demos and for other test suites:
//   node test/fake-openai/serve.ts [--port 8787] [--latency 300] [--fault refusal]
// Prints its baseURL on the first line, then one line per request; Ctrl-C stops it.

import { parseArgs } from 'node:util'
import { FAULTS, startFakeOpenAI, type Fault } from './index.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    fault: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
})
const fault = values.fault as Fault | undefined
if (fault && !FAULTS.includes(fault)) {
  console.error(`serve: unknown fault "${fault}" (have: ${FAULTS.join(', ')})`)
  process.exit(2)
}
const fake = await startFakeOpenAI({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  ...(fault ? { handler: () => ({ fault }) } : {}),
})
console.log(fake.baseURL)
if (!values.quiet) {
  let seen = 0
  setInterval(() => {
    for (; seen < fake.requests.length; seen++) {
      const r = fake.requests[seen]!
      console.log(
        `${new Date(r.receivedAt).toISOString()} ${r.method} ${r.path} ${r.kind}${r.kind === 'investigate' ? ` (${r.claims.length} claims)` : ''}`,
      )
    }
  }, 100).unref()
}
const stop = async () => {
  await fake.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
