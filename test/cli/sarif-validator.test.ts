// Microsoft's SARIF validator (issue 14, item 10): the SARIF of `vetted check
// --ci --format sarif` passes `sarif-multitool validate` with its SARIF and
// GitHub rule sets, with no error and no warning, for posts inside and outside
// the working folder.

import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { temporaryFolder } from '../support/files.ts'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

// The package's own bin runs the tool through a shell with its arguments unquoted
// (so "Sarif;Gh;Ghas" would be cut at the semicolons); its main export is the
// native executable's path, which we run directly.
const MULTITOOL = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string

/** Every error and warning line the validator prints for `file` (notes are advice and left out). */
function validate(file: string): { problems: string[]; output: string; status: number | null } {
  const run = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh;Ghas', file], { encoding: 'utf8', timeout: 120_000 })
  const output = `${run.stdout}${run.stderr}`
  return { problems: output.split('\n').filter((line) => /: (error|warning) [A-Z]+\d+/.test(line)), output, status: run.status }
}

const { online } = await useFakeOpenAI()

it('the validator accepts vetted’s SARIF with no error or warning, for posts inside and outside the working folder', async () => {
  // Inside: an open correction (with a region) and a name that needs URI escaping; outside: unchecked claims.
  const cwd = project({ 'content/towns.md': POST, 'content/odd, 100%: #one.md': 'In 1999, 75% of the 12 towns had a mill.\n' })
  await vettedInProcess(['check', 'content/towns.md'], { cwd, env: online })
  // Hostile text stays valid SARIF: a link, controls and brackets in a summary, and in a file name.
  const ledgerPath = join(cwd, 'content/towns.vetted.json')
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'))
  for (const correction of Object.values<{ summary: string }>(ledger.corrections))
    correction.summary = 'See [this](https://evil.example/) \u001b]0;t\u0007 \u202e ##[add-mask]x {0}.'
  writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2))
  writeFileSync(join(cwd, 'content/we[ir]d {1} \u001b.md'), 'In 1900, the town of Ridge had 100 houses.\n')
  const outside = join(temporaryFolder('vetted-outside-'), 'far away.md')
  writeFileSync(outside, 'In 1850, Millbrook had 1,200 residents and 3 bridges over the river.\n')

  const result = await vettedInProcess(['check', '--ci', '--format', 'sarif', 'content', outside], { cwd })
  expect(result.code).toBe(1)
  const log = JSON.parse(result.stdout)
  const locations = log.runs[0].results.map(
    (r: { locations: [{ physicalLocation: { artifactLocation: unknown } }] }) => r.locations[0].physicalLocation.artifactLocation,
  )
  expect(locations).toContainEqual({ uri: 'content/towns.md', uriBaseId: 'PROJECTROOT' })
  expect(locations).toContainEqual({ uri: 'content/odd%2C%20100%25%3A%20%23one.md', uriBaseId: 'PROJECTROOT' })
  expect(locations).toContainEqual({ uri: pathToFileURL(outside).href })
  expect(log.runs[0].originalUriBaseIds.PROJECTROOT.uri).toBe(pathToFileURL(join(cwd, '/')).href)
  expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('open-correction')

  const file = join(temporaryFolder('vetted-sarif-'), 'vetted.sarif')
  writeFileSync(file, result.stdout)
  const { problems, output, status } = validate(file)
  expect(output).toContain('Analysis completed successfully')
  expect(status).toBe(0)
  expect(problems).toEqual([])
}, 180_000)

it('the validator check can fail: an absolute path written as a relative reference is an error', async () => {
  const file = join(temporaryFolder('vetted-sarif-'), 'broken.sarif')
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'x', informationUri: 'https://example.org/' } },
        results: [{ message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: '/tmp/x.md' } } }] }],
      },
    ],
  }
  writeFileSync(file, JSON.stringify(log))
  expect(validate(file).problems.join('\n')).toMatch(/error SARIF1004/)
}, 180_000)
