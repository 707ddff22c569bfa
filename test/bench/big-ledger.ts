// An archive's ledger: one post of the benchmark blog's prose (about 100 KB) whose
// ledger holds `records` claim records: the post's own claims and sentences, settled,
// and, for the rest, the sentences of earlier drafts it still keeps on record, with
// an open correction to resolve. `newClaims` sentences at the end of the post have
// no verdict yet (what `vetted check` sends).
//
//   node test/bench/big-ledger.ts DIR [--records 100000] [--new 8]   write archive.md and its ledger into DIR
//   node test/bench/big-ledger.ts                                     the benchmark (`pnpm bench big-ledger`;
//                                                                     VETTED_BIN=path/to/bin.ts to time another checkout)
//
// The benchmark times, in fresh processes under /usr/bin/time: `check --ci`, `resolve
// ID --annotate`, and `check` with 8 new claims against the fake OpenAI server; the
// target is check --ci under 2 s and 300 MB of maximum resident memory.

import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { correctionId, fingerprint, serializeLedger } from '@vetted/core'
import { detectClaims } from '@vetted/post'
import { random } from '../support/corpus.ts'
import { temporaryFolder } from '../support/files.ts'
import { generatePost, settledLedger } from '../support/posts.ts'

// VETTED_BIN: another build's bin.ts, to compare (e.g. a checkout of the commit before a change).
const BIN = process.env['VETTED_BIN'] ?? fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url))
const POST_BYTES = 100_000

export interface BigLedger {
  post: string
  ledger: string
  /** An open correction, for `vetted resolve`. */
  openId: string
  /** Size of the ledger in bytes. */
  bytes: number
}

/** Write `archive.md` and `archive.vetted.json` into `folder`. */
export function writeBigLedger(folder: string, options: { records?: number; newClaims?: number } = {}): BigLedger {
  const records = options.records ?? 100_000
  const name = 'archive.md'
  const bodies: string[] = []
  let date = '2024-01-01'
  for (let index = 0, bytes = 0; bytes < POST_BYTES; index++) {
    const post = generatePost(index)
    if (index === 0) date = post.date
    // Each generated post's body, without its frontmatter.
    const body = post.markdown.slice(post.markdown.indexOf('\n---', 3) + 4).trim()
    bodies.push(body)
    bytes += body.length
  }
  const settled = `---\ntitle: The archive\ndate: ${date}\n---\n\n${bodies.join('\n\n')}\n`
  const ledger = settledLedger(name, settled, date)
  const checker = Object.values(ledger.claims).find((record) => record.checker)!.checker!
  // One open correction on a claim of the post.
  const claim = detectClaims(settled).find((c) => c.text.split(' ').length >= 6 && !c.quoted)!
  const quote = claim.text.split(' ').slice(0, 4).join(' ')
  const openId = correctionId(name, claim.fingerprint, quote)
  ledger.claims[claim.fingerprint] = { text: claim.text, verdict: 'incorrect', checker, checkedAt: date }
  ledger.corrections[openId] = {
    id: openId,
    claim: claim.fingerprint,
    quote,
    summary: 'The record gives another figure.',
    reasoning: 'The **primary source** says otherwise.',
    sources: [{ url: 'https://example.org/source', title: 'Source' }],
    checker: { model: 'gpt-5-mini', prompt: 'v1', date },
    status: 'open',
    validation: { approved: true, reason: 'The source supports it.' },
    history: [{ date, status: 'open' }],
  }
  // Earlier drafts' sentences, kept on record: some judged, some screened, a few with errors.
  const next = random(records)
  const places = ['Millbrook', 'Ashford', 'Kelso', 'Dunmore', 'Harwich', 'Elmstead']
  for (let n = Object.keys(ledger.claims).length; n < records; n++) {
    const text = `Draft ${n}: in ${1800 + Math.floor(next() * 220)}, ${places[n % places.length]} had ${Math.floor(next() * 90_000)} residents and ${Math.floor(next() * 12)} bridges over the river.`
    const roll = next()
    ledger.claims[fingerprint(text)] =
      roll < 0.7
        ? { text, verdict: roll < 0.6 ? 'supported' : 'unverifiable', checker, checkedAt: date }
        : { text, screen: { checkWorthy: false, reason: 'A remark about the post, nothing to check.', checker, checkedAt: date } }
  }
  const fresh = Array.from(
    { length: options.newClaims ?? 0 },
    (_, n) => `In ${1900 + n}, the new bridge number ${n + 1} at Kelso carried ${1000 + n * 37} carts a day across the river.`,
  )
  const markdown = fresh.length > 0 ? `${settled}\n${fresh.join('\n\n')}\n` : settled
  mkdirSync(folder, { recursive: true })
  const text = serializeLedger(ledger)
  writeFileSync(join(folder, name), markdown)
  writeFileSync(join(folder, 'archive.vetted.json'), text)
  return { post: join(folder, name), ledger: join(folder, 'archive.vetted.json'), openId, bytes: Buffer.byteLength(text) }
}

/** Run `node BIN args` under /usr/bin/time: exit code, wall and CPU (user + system) seconds, maximum resident memory in MB. */
async function timed(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; seconds: number; cpu: number; rssMB: number; output: string }> {
  const child = spawn('/usr/bin/time', ['-f', 'TIME %e %M %U %S', process.execPath, BIN, ...args], { cwd, env: { ...process.env, ...env } })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? -1)))
  const match = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(output)
  if (!match) throw new Error(`no timing in: ${output}`)
  const cpu = Number(match[3]) + Number(match[4])
  return { code, seconds: Number(match[1]), cpu, rssMB: Math.round(Number(match[2]) / 1024), output: output.replace(/TIME .*\n?/, '') }
}

async function benchmark(): Promise<void> {
  const { startFakeOpenAI } = await import('../fake-openai/index.ts')
  const fake = await startFakeOpenAI()
  const offline = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }
  const online = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }
  const settled = temporaryFolder('vetted-bench-big-')
  const growing = temporaryFolder('vetted-bench-big-new-')
  let failed = false
  try {
    const big = writeBigLedger(settled)
    writeBigLedger(growing, { newClaims: 8 })
    console.log(
      `big-ledger: one post of ${POST_BYTES / 1000} KB, a ledger of 100000 claim records (${(big.bytes / 1048576).toFixed(1)} MiB)`,
    )
    const runs: Array<[string, string, string[], Record<string, string>, { seconds: number; rssMB: number } | undefined]> = [
      ['resolve --annotate', settled, ['resolve', big.openId, '--annotate', 'archive.md'], offline, undefined],
      ['check --ci', settled, ['check', '--ci', 'archive.md'], offline, { seconds: 2, rssMB: 300 }],
      ['check, 8 new claims', growing, ['check', 'archive.md'], online, undefined],
    ]
    for (const [label, cwd, args, env, target] of runs) {
      const result = await timed(args, cwd, env)
      const met = target ? result.seconds <= target.seconds && result.rssMB <= target.rssMB : true
      // Exit 1 is the gate's answer (the new claims are unchecked, the correction open): not a failure here.
      if (result.code > 1 || !met) failed = true
      const goal = target ? `, target < ${target.seconds} s and ${target.rssMB} MB: ${met ? 'met' : 'NOT MET'}` : ''
      console.log(
        `  ${label.padEnd(20)} ${result.seconds.toFixed(2)} s (CPU ${result.cpu.toFixed(2)} s), ${result.rssMB} MB max RSS, exit ${result.code}${goal}`,
      )
      if (result.code > 1) console.log(result.output.split('\n').slice(-5).join('\n'))
    }
  } finally {
    await fake.close()
    rmSync(settled, { recursive: true, force: true })
    rmSync(growing, { recursive: true, force: true })
  }
  if (failed) process.exitCode = 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { records: { type: 'string' }, new: { type: 'string' } } })
  if (positionals[0]) {
    const big = writeBigLedger(positionals[0], { records: Number(values.records ?? 100_000), newClaims: Number(values.new ?? 0) })
    console.log(`${big.post}\n${big.ledger} (${big.bytes} bytes)\nopen correction: ${big.openId}`)
  } else await benchmark()
}
