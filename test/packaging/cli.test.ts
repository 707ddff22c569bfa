// The CLI as a user installs it from npm: its compiled bin in a project outside
// the repository.

import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userProject, type UserProject } from './support.ts'

let project: UserProject

beforeAll(async () => {
  project = await userProject(['@vetted/cli'])
})
afterAll(() => project?.remove())

describe('@vetted/cli installed from its tarball', () => {
  it('prints its help through npx', async () => {
    const result = await project.bin('vetted', ['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('vetted check')
  })
})
