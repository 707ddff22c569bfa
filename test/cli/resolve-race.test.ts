// Two `vetted resolve` runs of one correction at the same moment: the lock is per
// process, so they are two real processes. Whatever the order, one of them makes
// the change and the other finds it done, and the history gains one event.

import { join } from 'node:path'
import { readLedger } from '@vetted/core'
import { expect, it } from 'vitest'
import { POST, project, useFakeOpenAI, vetted, vettedInProcess } from './support.ts'

const { online } = await useFakeOpenAI()

it('two resolves of one correction at once: one changes it, the other says it is already done, one history event', async () => {
  const cwd = project({ 'content/towns.md': POST })
  const checked = await vettedInProcess(['check'], { cwd, env: online })
  const id = /vetted resolve (c-[0-9a-f]+) --annotate/.exec(checked.stdout)?.[1]
  expect(id, checked.stdout + checked.stderr).toBeDefined()
  const ledgerPath = join(cwd, 'content/towns.vetted.json')

  // Several rounds: two processes starting together read the ledger within milliseconds of each other.
  for (const [round, action] of (['--annotate', '--reopen', '--annotate', '--reopen', '--annotate', '--reopen'] as const).entries()) {
    const to = action === '--annotate' ? 'annotate' : 'open'
    const from = to === 'annotate' ? 'open' : 'annotate'
    const before = readLedger(ledgerPath, 'towns.md')!.corrections[id!]!.history.length
    const runs = await Promise.all([vetted(['resolve', id!, action], { cwd }), vetted(['resolve', id!, action], { cwd })])
    const outputs = runs.map((run) => run.stdout).sort()
    expect(
      runs.map((run) => run.code),
      `round ${round}: ${runs.map((run) => run.stderr).join('')}`,
    ).toEqual([0, 0])
    expect(outputs, `round ${round}`).toEqual(
      [
        `${id}: ${from} -> ${to} (content/towns.vetted.json)\n`,
        `${id}: already ${to}, nothing changed (content/towns.vetted.json)\n`,
      ].sort(),
    )
    const correction = readLedger(ledgerPath, 'towns.md')!.corrections[id!]!
    expect(correction.status).toBe(to)
    expect(correction.history.length, `round ${round}: ${JSON.stringify(correction.history)}`).toBe(before + 1)
  }
}, 60_000)
