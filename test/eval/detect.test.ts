// `pnpm eval:detect`: the development set meets issue 15's targets, and a folder
// that misses them, or whose labels no longer match the splitting, fails.

import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { removedAfterTests, temporaryFolder } from '../support/files.ts'

const SCRIPT = fileURLToPath(new URL('./detect.ts', import.meta.url))

function evalDetect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** A folder holding one post and its labels. */
function labelled(post: string, sentences: Array<{ text: string; checkworthy: boolean }>): string {
  const folder = removedAfterTests(temporaryFolder())
  writeFileSync(join(folder, 'post.md'), post)
  const labels = { post: 'post.md', genre: 'test post', sentences: sentences.map((s) => ({ ...s, reason: 'test label' })) }
  writeFileSync(join(folder, 'post.labels.json'), JSON.stringify(labels, null, 2))
  return folder
}

describe('pnpm eval:detect', () => {
  it('on the development set, prints recall, precision and F1 per post and overall, and meets the targets', async () => {
    const { code, stdout } = await evalDetect([])
    expect(stdout).toMatch(/^post +caught +recall +precis\. +F1 +alarms$/m)
    for (const genre of [
      'technical blog',
      'science explainer',
      'history',
      'personal essay',
      'product announcement',
      'policy analysis',
      'research summary',
      'tutorial',
    ]) {
      expect(stdout).toMatch(new RegExp(`^${genre} +\\d+/\\d+ +[\\d.]+% +[\\d.]+% +[\\d.]+% +[\\d.]+%$`, 'm'))
    }
    const [, caught, total, recall, , , alarms] = /^overall +(\d+)\/(\d+) +([\d.]+)% +([\d.]+)% +([\d.]+)% +([\d.]+)%$/m.exec(stdout)!
    expect(Number(total)).toBeGreaterThanOrEqual(150)
    expect(Number(caught) / Number(total)).toBeGreaterThanOrEqual(0.9)
    expect(Number(recall)).toBeGreaterThanOrEqual(90)
    expect(Number(alarms)).toBeLessThanOrEqual(33.3)
    expect(code).toBe(0)
  })

  it('fails with exit 1 when recall is under 0.9, listing the misses with --verbose', async () => {
    const folder = labelled('Mars has a thin atmosphere. I think it is lovely.\n', [
      { text: 'Mars has a thin atmosphere.', checkworthy: true },
      { text: 'I think it is lovely.', checkworthy: true },
    ])
    const { code, stdout } = await evalDetect([folder, '--verbose'])
    expect(stdout).toMatch(/^test post +1\/2 +50\.0%/m)
    expect(stdout).toContain('missed test post: [] I think it is lovely.  (label: test label)')
    expect(code).toBe(1)
  })

  it('fails when more than a third of the sentences that are not check-worthy are selected', async () => {
    const folder = labelled('Mars has a thin atmosphere. Venus has a thick one.\n', [
      { text: 'Mars has a thin atmosphere.', checkworthy: true },
      { text: 'Venus has a thick one.', checkworthy: false },
    ])
    const { code, stdout } = await evalDetect([folder])
    expect(stdout).toMatch(/^overall +1\/1 +100\.0% +50\.0% +66\.7% +100\.0%$/m)
    expect(code).toBe(1)
  })

  it('names a sentence that has no label, since the labels must then be revisited by hand', async () => {
    const folder = labelled('Mars has a thin atmosphere. Venus has a thick one.\n', [
      { text: 'Mars has a thin atmosphere.', checkworthy: true },
    ])
    const { code, stderr } = await evalDetect([folder])
    expect(stderr).toContain(
      'post.md: no label for the sentence "Venus has a thick one."; the splitting changed, so revisit the labels by hand',
    )
    expect(code).toBe(1)
  })

  it('refuses a malformed labels file with one line naming the file, the place and what was expected', async () => {
    const folder = labelled('Mars has a thin atmosphere.\n', [{ text: 'Mars has a thin atmosphere.', checkworthy: 'yes' as never }])
    const { code, stdout, stderr } = await evalDetect([folder])
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^eval:detect: .*post\.labels\.json:\d+:\d+: not a labels file at sentences\[0\]\.checkworthy: /)
    expect(stdout).toBe('')
    expect(code).toBe(2)
  })

  it('still reads a folder of flagged quotes (as ../shared/eval), and refuses a folder with neither', async () => {
    const folder = removedAfterTests(temporaryFolder())
    writeFileSync(join(folder, 'post.md'), 'The bridge opened in 1883. It is lovely.\n')
    writeFileSync(join(folder, 'post.flags.json'), JSON.stringify({ post: 'post.md', flags: [{ key: 'A', quote: 'opened in 1883' }] }))
    const flagged = await evalDetect([folder])
    expect(flagged.stdout).toContain('recall 1/1 (100%)')
    expect(flagged.stdout).toContain('selected 1 of 2 sentences (50.0%; target <= 60%)')
    expect(flagged.code).toBe(0)
    const empty = removedAfterTests(temporaryFolder())
    const refused = await evalDetect([empty])
    expect(refused.stderr).toMatch(/holds no <name>\.labels\.json or <name>\.flags\.json file/)
    expect(refused.code).toBe(2)
  })
})
