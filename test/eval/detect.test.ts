import { join } from 'node:path'
import { expect, test } from 'vitest'
import { EVAL_FOLDER, evaluateFlags } from './recall.ts'

test('detection covers every claim a public fact-checker flagged in a real post, selecting at most 60% of its sentences', () => {
  const result = evaluateFlags(join(EVAL_FOLDER, 'gradient-hacking.flags.json'))
  expect(result.flags.filter((flag) => !flag.covered).map((flag) => flag.key)).toEqual([])
  expect(result.flags).toHaveLength(4)
  expect(result.sentences).toBeGreaterThan(200)
  expect(result.share).toBeLessThanOrEqual(0.6)
})
