// A checkPost run in its own process, for the crash and concurrency tests:
//   node test/checker/run-check.ts job.json
// job.json: { postPath, lines, config }. Prints one JSON line per progress
// report (after each batch is written) and a final line with the result.

import { readFileSync } from 'node:fs'
import { checkPost } from '@vetted/checker'
import { claimsIn } from './support.ts'

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { postPath: string; lines: string[]; config: Record<string, unknown> }
const source = readFileSync(job.postPath, 'utf8')
const result = await checkPost({
  postPath: job.postPath,
  source,
  claims: claimsIn(source, job.lines),
  config: job.config,
  onProgress: (progress) => console.log(JSON.stringify({ progress })),
})
console.log(JSON.stringify({ result }))
