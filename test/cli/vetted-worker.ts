// `vetted` in a worker thread, run after run (see startVettedWorker in
// support.ts): one start-up for many runs, and a run that never ends can still be
// stopped, as Worker.terminate ends even a busy loop.

import { parentPort } from 'node:worker_threads'
import { run } from '@vetted/cli'

export interface WorkerRun {
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
}

parentPort!.on('message', async ({ args, cwd, env }: WorkerRun) => {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    cwd,
    env,
    stdout: { isTTY: false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
  })
  parentPort!.postMessage({ code, stdout, stderr })
})
