// The build gate's reading, on a worker thread (gate.ts, readLedgersAside): every
// ledger of the content folders, with the posts that have open corrections, read
// and validated while Astro syncs its content and prepares Vite on the main thread.

import { parentPort, workerData } from 'node:worker_threads'
import { postLedgers } from './content-folders.ts'
import { OpenCorrections } from './open-corrections.ts'

const gate = new OpenCorrections()
gate.readLedgers(postLedgers((workerData as { folders: string[] }).folders))
parentPort!.postMessage(gate.recorded())
