// A post dated by its name, as Docusaurus and Jekyll date blog posts
// (`blog/2021-08-26-welcome/index.md`, `_posts/2024-01-02-title.md`): with no
// date key in its frontmatter, the checker judges its claims as of that day, and
// no "no date" note is printed for each such post on every run. A date in the
// frontmatter still decides; a date in a folder far above the post does not count.

import { expect, it } from 'vitest'
import { project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

const BODY = `---
title: Towns
---

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.
`

async function datesSent(cwd: string): Promise<Array<string | undefined>> {
  const before = fake.requests.length
  const result = await vettedInProcess(['check', '.'], { cwd, env: online })
  expect(result.code, result.stderr).toBe(0)
  const sent = fake.requests.slice(before)
  expect(sent.length).toBeGreaterThan(0)
  return sent.map((request) => /The post was published on (\d{4}-\d{2}-\d{2})\./.exec(request.input)?.[1])
}

async function report(cwd: string) {
  const result = await vettedInProcess(['check', '--ci', '--format', 'json', '.'], { cwd })
  return JSON.parse(result.stdout).files.map((file: { path: string; date?: string; notes: unknown[] }) => ({
    path: file.path,
    date: file.date,
    notes: file.notes.length,
  }))
}

it.each([
  ['blog/2021-08-26-welcome/index.md', 'a folder post (Docusaurus)'],
  ['blog/2021-08-26-welcome.mdx', 'a file post (Docusaurus)'],
  ['_posts/2021-08-26-welcome.md', 'Jekyll'],
  ['blog/2021/08/26/welcome.md', 'year, month and day folders'],
])('%s (%s) is judged as of 2021-08-26, with no note', async (path) => {
  const cwd = project({ [path]: BODY })
  const dates = await datesSent(cwd)
  expect(dates).toEqual(dates.map(() => '2021-08-26'))
  expect(await report(cwd)).toEqual([{ path, date: '2021-08-26', notes: 0 }])
})

it('a date in the frontmatter decides over the name; a day the calendar lacks, or one in a folder far above, is no date', async () => {
  const cwd = project({
    'blog/2021-08-26-welcome.md': BODY.replace('title: Towns', 'title: Towns\ndate: 2022-01-05'),
    'blog/2021-02-30-nope.md': BODY,
    '2020-01-01-archive/blog/towns.md': BODY,
  })
  expect(await report(cwd)).toEqual([
    { path: '2020-01-01-archive/blog/towns.md', date: undefined, notes: 1 },
    { path: 'blog/2021-02-30-nope.md', date: undefined, notes: 1 },
    { path: 'blog/2021-08-26-welcome.md', date: '2022-01-05', notes: 0 },
  ])
})
