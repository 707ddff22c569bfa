#!/usr/bin/env node
// The `vetted` command. Node runs its TypeScript sources directly (type
// stripping: Node 22.18+, 23.6+, 24); say so plainly on an older Node instead of
// failing on the first `.ts` import.
if (!process.features.typescript) {
  process.stderr.write(`vetted: needs Node's TypeScript type stripping (Node 22.18 or newer, not turned off); this is Node ${process.versions.node}\n`)
  process.exit(2)
}
await import('../src/main.ts')
