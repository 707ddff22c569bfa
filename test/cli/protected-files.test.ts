// A ledger vetted rewrites keeps its mode, and one the user protected is not
// replaced. Before, a 0444 ledger or one owned by another user (in a folder the
// user may write) was silently replaced by a 0644 file owned by whoever ran
// `vetted resolve`, exit 0. The CI runs these as root, for whom access(2) allows
// everything: a 0444 ledger is refused to root as well; another user's ledger is
// refused to a third user and rewritten by root with its owner kept (chown and
// switching the effective uid need root here).

import { chmodSync, chownSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { online } = await useFakeOpenAI()

/** A project whose `towns.md` was checked: its ledger holds one open correction. */
async function checked(): Promise<{ cwd: string; ledgerPath: string; id: string }> {
  const cwd = project({ 'towns.md': POST })
  const result = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(result.code, result.stderr).toBe(1)
  const ledgerPath = join(cwd, 'towns.vetted.json')
  const id = Object.keys(JSON.parse(readFileSync(ledgerPath, 'utf8')).corrections)[0]!
  return { cwd, ledgerPath, id }
}

const mode = (file: string) => (statSync(file).mode & 0o7777).toString(8)

it('a read-only (0444) ledger is not replaced: resolve exits 2 naming it, and it stays as it was', async () => {
  const { cwd, ledgerPath, id } = await checked()
  chmodSync(ledgerPath, 0o444)
  const before = readFileSync(ledgerPath)

  const resolved = await vettedInProcess(['resolve', id, '--annotate', 'towns.md'], { cwd })
  expect(resolved.stdout).toBe('')
  expect(resolved.stderr).toBe(
    'vetted: towns.vetted.json: not written: it is read-only (mode 0444); make it writable to let vetted change it; the file is as it was\n',
  )
  expect(resolved.code).toBe(2)
  expect(readFileSync(ledgerPath).equals(before)).toBe(true)
  expect(mode(ledgerPath)).toBe('444')
})

it("a ledger owned by another user is not replaced by one of the runner's own: resolve, run as a third user, exits 2 naming the owner", async () => {
  // Root sets the scene (chown, then runs vetted with an effective uid of 65534); CI runs
  // as root. In process, so the third user needs no access to the clone's Node.
  const { cwd, ledgerPath, id } = await checked()
  chownSync(ledgerPath, 1234, 1234)
  chmodSync(cwd, 0o777)
  const before = readFileSync(ledgerPath)

  process.seteuid!(65534)
  let resolved: Awaited<ReturnType<typeof vettedInProcess>>
  try {
    resolved = await vettedInProcess(['resolve', id, '--annotate', 'towns.md'], { cwd })
  } finally {
    process.seteuid!(0)
  }
  expect(resolved.stdout).toBe('')
  expect(resolved.stderr).toMatch(
    /^vetted: towns\.vetted\.json: not written: it belongs to another user \(uid 1234, not 65534\).*; the file is as it was\n$/,
  )
  expect(resolved.code).toBe(2)
  expect(readFileSync(ledgerPath).equals(before)).toBe(true)
  expect(statSync(ledgerPath).uid).toBe(1234)
})

it('root rewrites a ledger owned by another user and keeps its owner, group and mode (a CI container on a checkout of uid 1234)', async () => {
  const { cwd, ledgerPath, id } = await checked()
  chownSync(ledgerPath, 1234, 1235)
  chmodSync(ledgerPath, 0o640)

  const resolved = await vettedInProcess(['resolve', id, '--annotate', 'towns.md'], { cwd })
  expect(resolved.stderr).toBe('')
  expect(resolved.code).toBe(0)
  expect(JSON.parse(readFileSync(ledgerPath, 'utf8')).corrections[id].status).toBe('annotate')
  expect([statSync(ledgerPath).uid, statSync(ledgerPath).gid, mode(ledgerPath)]).toEqual([1234, 1235, '640'])
})

it('a rewritten ledger keeps its mode (0640 stays 0640, whatever the umask)', async () => {
  const { cwd, ledgerPath, id } = await checked()
  chmodSync(ledgerPath, 0o640)

  const resolved = await vettedInProcess(['resolve', id, '--annotate', 'towns.md'], { cwd })
  expect(resolved.stderr).toBe('')
  expect(resolved.stdout).toBe(`${id}: open -> annotate (towns.vetted.json)\n`)
  expect(JSON.parse(readFileSync(ledgerPath, 'utf8')).corrections[id].status).toBe('annotate')
  expect(mode(ledgerPath)).toBe('640')

  // Group-writable too: the umask (022 here) would have taken the group's write bit.
  chmodSync(ledgerPath, 0o664)
  const reopened = await vettedInProcess(['resolve', id, '--reopen', 'towns.md'], { cwd })
  expect(reopened.code, reopened.stderr).toBe(0)
  expect(mode(ledgerPath)).toBe('664')
})

it('a new ledger is created as any new file is (0666 less the umask)', async () => {
  const cwd = project({ 'towns.md': POST })
  const umask = process.umask()
  const result = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(result.code, result.stderr).toBe(1)
  writeFileSync(join(cwd, 'plain.txt'), '')
  expect(mode(join(cwd, 'towns.vetted.json'))).toBe((0o666 & ~umask).toString(8))
  expect(mode(join(cwd, 'towns.vetted.json'))).toBe(mode(join(cwd, 'plain.txt')))
})
