// `vetted claims` on a folder lists every sentence of the posts it reads, and
// names the files among them it does not read, with why, as `vetted check` does:
// before, a Markdoc file beside the posts was left out of the listing silently.

import { expect, it } from 'vitest'
import { POST, project, vettedInProcess } from './support.ts'

it('names a Markdoc file in the folder as not read, saying why, in the text and JSON listings', async () => {
  const cwd = project({ 'content/towns.md': POST, 'content/notes.mdoc': '# Notes\n\nThe bridge opened in 1850.\n' })

  const text = await vettedInProcess(['claims', 'content'], { cwd })
  expect(text.stderr).toBe('')
  expect(text.code).toBe(0)
  expect(text.stdout).toMatch(/^content\/towns\.md: \d+ sentences/)
  expect(text.stdout).toContain('\ncontent/notes.mdoc: not read: Markdoc, a format vetted does not read\n')
  expect(text.stdout).not.toContain('The bridge opened in 1850.')

  const json = await vettedInProcess(['claims', '--format', 'json'], { cwd })
  expect(json.code, json.stderr).toBe(0)
  const listing = JSON.parse(json.stdout)
  expect(listing.files.map((file: { path: string }) => file.path)).toEqual(['content/towns.md'])
  expect(listing.unreadable).toEqual([{ path: 'content/notes.mdoc', reason: 'Markdoc, a format vetted does not read' }])
})

it('lists nothing as not read when every file is a post it reads', async () => {
  const cwd = project({ 'content/towns.md': POST })
  const json = await vettedInProcess(['claims', 'content', '--format', 'json'], { cwd })
  expect(json.code, json.stderr).toBe(0)
  expect(JSON.parse(json.stdout).unreadable).toEqual([])
})
