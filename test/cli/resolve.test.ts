// `vetted resolve` finds a correction wherever its post is: in the configured
// content, or in posts named on the command line outside it, as the settle
// command in the report says. The real CLI against the fake OpenAI server.

import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

it('the settle command printed for a post outside content/ names the post, and running it settles the correction', async () => {
  const cwd = project({ 'content/towns.md': POST, 'drafts/towns-2.md': POST })
  const checked = await vettedInProcess(['check', 'drafts/towns-2.md'], { cwd, env: online })
  expect(checked.code).toBe(1)
  const settle = /Settle: vetted resolve (c-[0-9a-f]+) --annotate drafts\/towns-2\.md /.exec(checked.stdout)
  expect(settle, checked.stdout).not.toBeNull()
  const id = settle![1]!

  const resolved = await vettedInProcess(['resolve', id, '--annotate', 'drafts/towns-2.md'], { cwd })
  expect(resolved.stderr).toBe('')
  expect(resolved.code).toBe(0)
  expect(resolved.stdout).toBe(`${id}: open -> annotate (drafts/towns-2.vetted.json)\n`)
  expect(readLedger(join(cwd, 'drafts/towns-2.vetted.json'), 'towns-2.md')!.corrections[id]!.status).toBe('annotate')

  // A folder works as well; the configured content is still searched.
  const reopened = await vettedInProcess(['resolve', id, '--reopen', 'drafts'], { cwd })
  expect(reopened.stdout).toBe(`${id}: annotate -> open (drafts/towns-2.vetted.json)\n`)
})

it('a post inside content/ keeps the short settle command', async () => {
  const cwd = project({ 'content/towns.md': POST })
  const checked = await vettedInProcess(['check', 'content/towns.md'], { cwd, env: online })
  expect(checked.stdout).toMatch(/Settle: vetted resolve c-[0-9a-f]+ --annotate {3}or/)
})
