// `pnpm release`: build every package and publish the ones whose version is not on
// npm yet (changesets decides which and tags them). `pnpm release --dry-run`
// builds and packs the same tarballs, lists what each would ship, and publishes
// nothing. Versions and changelogs come first, from `pnpm changeset version`.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const dryRun = args.includes('--dry-run')
const unknown = args.filter((arg) => arg !== '--dry-run')
if (unknown.length > 0) {
  console.error(`release: unknown argument ${unknown[0]}; expected nothing or --dry-run`)
  process.exit(2)
}

function step(command: string, commandArgs: string[]): string {
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '')
    console.error(`release: ${command} ${commandArgs.join(' ')} failed`)
    process.exit(1)
  }
  return result.stdout
}

step('pnpm', ['run', '--silent', 'build'])

if (!dryRun) {
  const publish = spawnSync('pnpm', ['exec', 'changeset', 'publish'], { cwd: root, stdio: 'inherit' })
  process.exit(publish.status ?? 1)
}

// Only build output, the README, the licence and the changelog may ship.
const SHIPS = /^package\/(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/

const out = mkdtempSync(join(tmpdir(), 'vetted-release-'))
try {
  step('pnpm', ['exec', 'changeset', 'pack', '--out-dir', out])
  const folder = join(out, 'packages')
  const tarballs = readdirSync(folder)
    .filter((name) => name.endsWith('.tgz'))
    .sort()
  let unexpected = 0
  for (const tarball of tarballs) {
    const path = join(folder, tarball)
    const files = step('tar', ['-tzvf', path])
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map((fields) => ({ size: Number(fields[2]), name: fields.at(-1)! }))
      .sort((a, b) => a.name.localeCompare(b.name))
    const unpacked = files.reduce((sum, file) => sum + file.size, 0)
    console.log(`\n${tarball}: ${kilobytes(statSync(path).size)} packed, ${kilobytes(unpacked)} unpacked, ${files.length} files`)
    for (const file of files) {
      const ok = SHIPS.test(file.name)
      if (!ok) unexpected++
      console.log(
        `  ${file.name.replace(/^package\//, '').padEnd(48)} ${kilobytes(file.size).padStart(9)}${ok ? '' : '  <- should not ship'}`,
      )
    }
  }
  if (unexpected > 0) {
    console.error(`\nrelease: ${unexpected} files would ship that are not build output, README, LICENSE or CHANGELOG`)
    process.exit(1)
  }
  console.log(`\nDry run: nothing was published. \`pnpm release\` publishes these ${tarballs.length} packages.`)
} finally {
  rmSync(out, { recursive: true, force: true })
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`
}
