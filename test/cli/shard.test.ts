// `vetted check --shard i/n`: a CI matrix splits the posts by path, each post
// in exactly one shard, whatever the number of shards; a shard a user cannot
// mean is refused.

import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { emptyLedger, serializeLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const NAMES = [
  'alpha',
  'bridges',
  'census',
  'drafts/delta',
  'drafts/echo',
  'fjord',
  'granary',
  'harbour',
  'notes/inlet',
  'notes/2026/jetty',
  'kiln',
  'lock-keeper',
]
const POSTS = NAMES.map((name) => `content/${name}.md`)

const { fake, online } = await useFakeOpenAI()

function blog(): string {
  return project(Object.fromEntries(POSTS.map((path) => [path, POST])))
}

it('over 1 to 5 shards every post is checked by exactly one shard, and each shard says how many of the posts are its own', async () => {
  const cwd = blog()
  for (let n = 1; n <= 5; n++) {
    const seen: string[] = []
    for (let i = 1; i <= n; i++) {
      const result = await vettedInProcess(['check', '--ci', '--format', 'json', '--shard', `${i}/${n}`], { cwd })
      const files: string[] = JSON.parse(result.stdout).files.map((file: { path: string }) => file.path)
      expect(result.stderr).toContain(`shard ${i} of ${n}: ${files.length} of ${POSTS.length} posts`)
      seen.push(...files)
    }
    expect(seen.sort()).toEqual([...POSTS].sort())
  }
})

it('a post added to the blog leaves every other post in its shard', async () => {
  const cwd = blog()
  const shards = async () => {
    const of = new Map<string, number>()
    for (let i = 1; i <= 3; i++) {
      const result = await vettedInProcess(['check', '--ci', '--format', 'json', '--shard', `${i}/3`], { cwd })
      for (const file of JSON.parse(result.stdout).files) of.set(file.path, i)
    }
    return of
  }
  const before = await shards()
  writeFileSync(join(cwd, 'content/mill-race.md'), POST)
  const after = await shards()
  expect(after.size).toBe(POSTS.length + 1)
  for (const [path, shard] of before) expect(after.get(path)).toBe(shard)
})

it("the dry run plans only the shard's own posts", async () => {
  const cwd = blog()
  const planned: string[] = []
  for (let i = 1; i <= 2; i++) {
    const result = await vettedInProcess(['check', '--dry-run', '--format', 'json', '--shard', `${i}/2`], { cwd })
    expect(result.code).toBe(0)
    planned.push(...JSON.parse(result.stdout).posts.map((post: { path: string }) => post.path))
  }
  expect(planned.sort()).toEqual([...POSTS].sort())
})

it("a real run of one shard checks and writes the ledgers of that shard's posts only; the next shard does the rest", async () => {
  const cwd = blog()
  const ledgerOf = (post: string) => join(cwd, post.replace(/\.md$/, '.vetted.json'))
  const first = await vettedInProcess(['check', '--format', 'json', '--shard', '1/2'], { cwd, env: online })
  const mine: string[] = JSON.parse(first.stdout).files.map((file: { path: string }) => file.path)
  expect(mine.length).toBeGreaterThan(0)
  expect(mine.length).toBeLessThan(POSTS.length)
  expect(POSTS.filter((post) => existsSync(ledgerOf(post))).sort()).toEqual([...mine].sort())
  const sent = fake.requests.length
  expect(sent).toBeGreaterThan(0)
  await vettedInProcess(['check', '--shard', '2/2'], { cwd, env: online })
  expect(fake.requests.length).toBeGreaterThan(sent)
  expect(POSTS.every((post) => existsSync(ledgerOf(post)))).toBe(true)
  // Both shards checked: nothing in the whole blog is unchecked.
  expect(JSON.parse((await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })).stdout).summary.unchecked).toBe(0)
})

it('a ledger whose post is gone is named by every shard, and fails each', async () => {
  const cwd = blog()
  writeFileSync(join(cwd, 'content/gone.vetted.json'), serializeLedger(emptyLedger('gone.md')))
  for (let i = 1; i <= 3; i++) {
    const result = await vettedInProcess(['check', '--ci', '--format', 'json', '--shard', `${i}/3`], { cwd })
    expect(JSON.parse(result.stdout).orphans.map((orphan: { ledger: string }) => orphan.ledger)).toEqual(['content/gone.vetted.json'])
    expect(result.code).toBe(1)
  }
})

for (const shard of ['0/3', '4/3', 'x', '1/0', '2', '1/3/5', '-1/3', '1.5/3']) {
  it(`--shard ${shard} is a usage error: exit 2, one line saying what is expected`, async () => {
    const cwd = blog()
    const result = await vettedInProcess(['check', '--ci', `--shard=${shard}`], { cwd })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/--shard .*i\/n/)
  })
}
