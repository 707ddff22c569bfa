// A full disk never truncates a ledger. On a 200 KiB file system with 20 KiB free,
// `vetted resolve --annotate` printed `open -> annotate`, exit 0, and left 16,384
// bytes of cut-off JSON in place of a 115 KB ledger; `vetted check` did the same.
// Now every write is complete or absent: exit 2 naming the full disk and the file,
// and the ledger byte for byte as it was.
//
// The disk is a real 200 KiB tmpfs where the test may mount one (as root, as CI
// runs); elsewhere, Node's fs.writeSync is replaced for the run by a stub that
// behaves as a full disk does: short writes up to 20 KiB, then ENOSPC. The suite's
// name says which one ran; DISK_FULL_STUB=1 runs the stub where a tmpfs could be mounted.

import { execFileSync } from 'node:child_process'
import fs, { mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { join } from 'node:path'
import { fingerprint, serializeLedger, type Ledger } from '@vetted/core'
import { afterAll, describe, expect, it } from 'vitest'
import { temporaryFolder } from '../support/files.ts'
import { POST, useFakeOpenAI, vettedInProcess, type CliResult } from './support.ts'

const { online } = await useFakeOpenAI()

const FREE_BYTES = 20 * 1024
const LEDGER_BYTES = 115_000

const mounted: string[] = []
afterAll(() => {
  for (const folder of mounted) execFileSync('umount', [folder])
})

/** A folder on a fresh 200 KiB tmpfs, or undefined when this process may not mount one (or DISK_FULL_STUB=1 asks for the stub). */
function smallTmpfs(): string | undefined {
  if (process.env['DISK_FULL_STUB'] === '1') return undefined
  const folder = temporaryFolder('vetted-disk-full-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', folder], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  mounted.push(folder)
  return folder
}

const probe = smallTmpfs()
const onTmpfs = probe !== undefined
console.log(
  onTmpfs
    ? 'disk-full tests: on a 200 KiB tmpfs'
    : 'disk-full tests: no tmpfs could be mounted; on a stub of fs.writeSync (short writes, then ENOSPC)',
)

/** A folder on a small disk: a tmpfs of its own, or a plain temporary folder for the stub. */
const smallDisk = (): string => (onTmpfs ? smallTmpfs()! : temporaryFolder('vetted-disk-full-'))

/**
 * Run vetted with `FREE_BYTES` left on the disk: on the tmpfs, a file fills the
 * rest; with the stub, every write of the run draws on that many bytes.
 */
async function withDiskAlmostFull(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (onTmpfs) {
    const { bavail, bsize } = statfsSync(cwd)
    writeFileSync(join(cwd, 'filler'), Buffer.alloc(Number(bavail) * Number(bsize) - FREE_BYTES))
    return vettedInProcess(args, { cwd, env })
  }
  const realWriteSync = fs.writeSync
  let left = FREE_BYTES
  fs.writeSync = ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const offset = typeof data === 'string' ? 0 : ((rest[0] as number | undefined) ?? 0)
    const length = typeof data === 'string' ? bytes.byteLength : ((rest[1] as number | undefined) ?? bytes.byteLength - offset)
    if (left === 0)
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })
    // As a file system does: a write larger than what is left is cut short, the next one fails.
    const count = realWriteSync(fd, bytes, offset, Math.min(length, left, 16_384))
    left -= count
    return count
  }) as typeof fs.writeSync
  syncBuiltinESMExports()
  try {
    return await vettedInProcess(args, { cwd, env })
  } finally {
    fs.writeSync = realWriteSync
    syncBuiltinESMExports()
  }
}

/** `towns.md` checked (one open correction), its ledger grown to about 115 KB with the records of earlier drafts. */
async function checkedPost(cwd: string): Promise<{ ledgerPath: string; id: string }> {
  writeFileSync(join(cwd, 'towns.md'), POST)
  const checked = await vettedInProcess(['check', 'towns.md'], { cwd, env: online })
  expect(checked.code, checked.stderr).toBe(1)
  const ledgerPath = join(cwd, 'towns.vetted.json')
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as Ledger
  const checker = Object.values(ledger.claims).find((record) => record.checker)!.checker!
  for (let draft = 0; serializeLedger(ledger).length < LEDGER_BYTES; draft++) {
    for (let n = 0; n < 50; n++) {
      const text = `An earlier draft ${draft}-${n} said the bridge at Millbrook was built in ${1800 + n} by ${n + 3} masons from the valley.`
      ledger.claims[fingerprint(text)] = { text, verdict: 'supported', checker, checkedAt: '2026-03-01' }
    }
  }
  writeFileSync(ledgerPath, serializeLedger(ledger))
  const id = Object.keys(ledger.corrections)[0]!
  return { ledgerPath, id }
}

describe(onTmpfs ? 'on a full 200 KiB tmpfs' : 'on a stub of a full disk (short writes, then ENOSPC)', () => {
  it('resolve --annotate exits 2 saying the disk is full, and the ledger stays byte for byte', async () => {
    const cwd = onTmpfs ? probe : smallDisk()
    const { ledgerPath, id } = await checkedPost(cwd)
    const before = readFileSync(ledgerPath)
    expect(before.byteLength).toBeGreaterThan(LEDGER_BYTES)

    const resolved = await withDiskAlmostFull(cwd, ['resolve', id, '--annotate', 'towns.md'])
    expect(resolved.stdout).toBe('')
    expect(resolved.stderr).toBe('vetted: towns.vetted.json: not written: the disk is full (ENOSPC); the file is as it was\n')
    expect(resolved.code).toBe(2)
    expect(readFileSync(ledgerPath).equals(before)).toBe(true)
    // No temporary file left behind to fill the disk further.
    expect(fs.readdirSync(cwd).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('check exits 2 saying the disk is full and which verdicts were not saved, and the ledger stays byte for byte', async () => {
    const cwd = smallDisk()
    mkdirSync(cwd, { recursive: true })
    const { ledgerPath } = await checkedPost(cwd)
    // Two new claims, which the ledger has no verdict for.
    writeFileSync(
      join(cwd, 'towns.md'),
      `${POST}\nIn 1853, the mill at Ashford employed 40 workers.\n\nIn 1854, Kelso opened its first school with 25 pupils.\n`,
    )
    const before = readFileSync(ledgerPath)

    const checked = await withDiskAlmostFull(cwd, ['check', 'towns.md'], online)
    expect(checked.code, checked.stdout + checked.stderr).toBe(2)
    expect(checked.stderr).toMatch(/^vetted: towns\.vetted\.json: not written: the disk is full \(ENOSPC\); the file is as it was/m)
    expect(checked.stderr).toMatch(/the verdicts on 2 claims received in this run are not saved; they are sent again next run/)
    expect(readFileSync(ledgerPath).equals(before)).toBe(true)
    expect(fs.readdirSync(cwd).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
