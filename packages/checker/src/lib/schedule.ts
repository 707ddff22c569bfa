// How a check runs its batches: all at once (the request gate bounds what is in
// flight, in order, and the post's first request to a model goes alone: Warmup in
// call.ts). A batch the gate did not send waits for the next run; any other failure
// stops sending (what is in flight finishes and is written), and the first is
// thrown once every batch has ended.

import { NotSent } from './gate.ts'

export interface ScheduleHooks {
  /** Aborted on the first failure: no new request is sent. */
  stop: AbortController
  /** A batch ended, having settled this many of its items. */
  settled: (count: number) => void
  /** A batch failed or was not sent: its items wait for the next run. */
  deferred: (count: number) => void
}

/** Run `run` on every batch; `run` returns how many items of its batch it settled. */
export async function eachBatch<T>(batches: T[][], run: (batch: T[]) => Promise<number>, hooks: ScheduleHooks): Promise<void> {
  let failure: { error: unknown } | undefined
  await Promise.all(
    batches.map(async (batch) => {
      try {
        hooks.settled(await run(batch))
      } catch (error) {
        if (!(error instanceof NotSent)) {
          failure ??= { error }
          hooks.stop.abort()
        }
        hooks.deferred(batch.length)
      }
    }),
  )
  if (failure) throw failure.error
}
