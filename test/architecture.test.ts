// The shape of the workspace, checked on every run: no module of a package
// imports, through any chain, a module that imports it back (a runtime cycle
// leaves one of them half-initialised while the other runs), and a package uses
// another only through its public entry, as a user of the published package must.
// dpdm reads the imports; with `transform` it first erases TypeScript's types, so
// an `import type` (gone at run time) neither makes nor breaks a cycle.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm'
import { beforeAll, describe, expect, it } from 'vitest'
import { temporaryFolder } from './support/files.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The imports of every module matched by `globs` under `root`, types erased; what lives in node_modules is not followed. */
function importsOf(root: string, globs: string[]): Promise<DependencyTree> {
  return parseDependencyTree(globs, {
    cwd: root,
    context: root,
    transform: true,
    exclude: /\/node_modules\/|\/fixtures\//,
  })
}

/** Each runtime cycle as `a.ts -> b.ts -> a.ts`. */
function cyclesIn(tree: DependencyTree): string[] {
  return parseCircular(tree).map((cycle) => {
    // dpdm starts a cycle wherever its walk met it, which depends on the order files are read in: start at the least path.
    const first = cycle.indexOf([...cycle].sort()[0]!)
    const rotated = [...cycle.slice(first), ...cycle.slice(0, first)]
    return [...rotated, rotated[0]].join(' -> ')
  })
}

/** The package folder (`packages/post`) a workspace path lies in, if any. */
const packageOf = (path: string) => /^packages\/[^/]+/.exec(path)?.[0]

/**
 * The entries packages export beside their main one, by request, from each
 * package.json's `exports`: `@vetted/core/internal` -> `packages/core/src/internal.ts`,
 * `remark-vetted/styles.css` -> `packages/remark-vetted/src/styles/vetted.css`.
 */
const SUBPATH_ENTRIES: Record<string, string> = Object.fromEntries(
  readdirSync(join(ROOT, 'packages')).flatMap((folder) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', folder, 'package.json'), 'utf8')) as {
      name: string
      exports: Record<string, string | { default: string }>
    }
    return Object.entries(manifest.exports)
      .filter(([subpath]) => subpath !== '.')
      .map(([subpath, target]) => [
        `${manifest.name}${subpath.slice(1)}`,
        join('packages', folder, typeof target === 'string' ? target : target.default),
      ])
  }),
)

/**
 * Imports that reach into another package other than through its entry: a
 * relative path across packages (`../../core/src/...`), a subpath of a package
 * name (`@vetted/core/src/...`), or any resolved file of another package but
 * its `src/index.ts` and the other entries its package.json exports.
 */
function backDoorsIn(tree: DependencyTree): string[] {
  const found: string[] = []
  for (const [issuer, dependencies] of Object.entries(tree)) {
    const from = packageOf(issuer)
    if (!from || !dependencies) continue
    for (const { request, id } of dependencies) {
      const to = id ? packageOf(id) : undefined
      const publicEntry = id === `${to}/src/index.ts` || (typeof id === 'string' && Object.values(SUBPATH_ENTRIES).includes(id))
      const subpath = /^(?:@vetted\/[^/]+|remark-vetted)\//.test(request) && !(request in SUBPATH_ENTRIES)
      if (subpath || (to && to !== from && (!publicEntry || request.startsWith('.')))) found.push(`${issuer} imports '${request}'`)
    }
  }
  return found
}

describe('the workspace', () => {
  let tree: DependencyTree
  beforeAll(async () => {
    tree = await importsOf(ROOT, ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'])
  })

  it('has no runtime import cycle in any package', () => {
    expect(Object.keys(tree).filter((path) => path.startsWith('packages/')).length).toBeGreaterThan(100)
    expect(cyclesIn(tree)).toEqual([])
  })

  it('has each package import another only through its public entry', () => {
    expect(backDoorsIn(tree)).toEqual([])
  })
})

describe('the checks themselves', () => {
  /** A workspace of two packages written from `files` (path -> text). */
  function workspace(files: Record<string, string>): string {
    const root = temporaryFolder('vetted-architecture-')
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    return root
  }

  it('find a runtime cycle and ignore one made only of type imports', async () => {
    const root = workspace({
      'packages/a/src/index.ts': "export { one } from './lib/one.ts'\n",
      'packages/a/src/lib/one.ts': "import { two } from './two.ts'\nexport const one = () => two() + 1\n",
      'packages/a/src/lib/two.ts': "import { one } from './one.ts'\nexport const two = () => 2\nexport const three = () => one() + 2\n",
      'packages/a/src/lib/shape.ts': "import type { Other } from './other.ts'\nexport interface Shape { other?: Other }\n",
      'packages/a/src/lib/other.ts':
        "import { type Shape } from './shape.ts'\nexport interface Other { shape?: Shape }\nexport const other = 1\n",
    })
    expect(cyclesIn(await importsOf(root, ['packages/*/src/**/*.ts']))).toEqual([
      'packages/a/src/lib/one.ts -> packages/a/src/lib/two.ts -> packages/a/src/lib/one.ts',
    ])
  })

  it('find an import of another package that goes round its entry', async () => {
    const root = workspace({
      'packages/a/src/index.ts': 'export const a = 1\n',
      'packages/a/src/lib/inner.ts': 'export const inner = 1\n',
      'packages/b/src/index.ts':
        "import { a } from '../../a/src/index.ts'\nimport { inner } from '../../a/src/lib/inner.ts'\nexport const b = a + inner\n",
      'packages/b/src/ok.ts': "import { b } from './index.ts'\nexport const ok = b\n",
    })
    expect(backDoorsIn(await importsOf(root, ['packages/*/src/**/*.ts']))).toEqual([
      "packages/b/src/index.ts imports '../../a/src/index.ts'",
      "packages/b/src/index.ts imports '../../a/src/lib/inner.ts'",
    ])
  })
})
