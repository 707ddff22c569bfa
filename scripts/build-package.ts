// `pnpm build` in a package: compile src/ to dist/ (ESM JavaScript and .d.ts, the
// only form Node runs from node_modules) and copy the files tsc does not emit
// (stylesheets, prompt texts) beside them. Run from the package's folder.

import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { extname, join } from 'node:path'

const packageDir = process.cwd()
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

rmSync(join(packageDir, 'dist'), { recursive: true, force: true })
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'inherit' })
if (result.status !== 0) process.exit(result.status ?? 1)

const src = join(packageDir, 'src')
if (existsSync(src)) {
  cpSync(src, join(packageDir, 'dist'), {
    recursive: true,
    filter: (path) => extname(path) === '' || extname(path) !== '.ts',
  })
}
