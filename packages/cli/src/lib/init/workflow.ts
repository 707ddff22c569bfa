// The GitHub Actions workflow `vetted init` writes: on every push and pull
// request, install with the project's package manager and run the gate
// (`vetted check --ci --format github`: offline, read-only, an annotation on the
// line of each open correction and unchecked claim).

import { runner, type PackageManager } from './package-manager.ts'

export const WORKFLOW_PATH = '.github/workflows/vetted.yml'

export interface WorkflowPlace {
  /** The blog's folder, relative to the repository's (`''` when they are the same). */
  blog: string
  /** The lockfile's folder, relative to the repository's. */
  install: string
}

export function workflowText(manager: PackageManager, place: WorkflowPlace): string {
  const setup: string[] = []
  let install: string
  switch (manager.name) {
    case 'pnpm':
      setup.push(`      - run: npm install --global pnpm@${manager.version ?? 'latest'}`)
      install = manager.lockfile ? 'pnpm install --frozen-lockfile' : 'pnpm install'
      break
    case 'yarn':
      if (manager.berry) {
        setup.push('      - run: corepack enable')
        install = 'yarn install --immutable'
      } else install = 'yarn install --frozen-lockfile'
      break
    case 'bun':
      setup.push('      - uses: oven-sh/setup-bun@v2')
      install = 'bun install --frozen-lockfile'
      break
    case 'npm':
      install = manager.lockfile ? 'npm ci' : 'npm install'
  }
  const step = (command: string, folder: string) =>
    folder ? `      - run: ${command}\n        working-directory: ${quoteYaml(folder)}` : `      - run: ${command}`
  return `# The vetted gate, written by \`vetted init\`: it fails while a post has an open
# correction, an unchecked claim or a stale entry, with an annotation on its line.
# It needs no secret: \`vetted check --ci\` never calls the checker. Check posts
# on your machine (\`vetted check\` with OPENAI_API_KEY set) and commit the ledgers.
# https://github.com/vetted-md/vetted/tree/main/packages/cli#github-actions
name: vetted
on: [push, pull_request]
permissions:
  contents: read
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
${[...setup, step(install, place.install), step(`${runner(manager, true)} check --ci --format github`, place.blog)].join('\n')}
`
}

/** A folder name as a YAML scalar: quoted unless plainly safe. */
function quoteYaml(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : JSON.stringify(text)
}
