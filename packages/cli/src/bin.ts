#!/usr/bin/env node
// The `vetted` command. The version check comes first and imports nothing, so an
// older Node says one plain line instead of failing on an API it lacks.

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`vetted: needs Node 22.18 or newer; this is Node ${process.versions.node}\n`)
  process.exit(2)
}
await import('./main.ts')
