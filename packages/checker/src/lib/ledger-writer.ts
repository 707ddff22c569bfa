// How a check writes its ledger: each finished batch's change goes to the file
// at once (a `kill -9` loses at most the batches in flight), applied to the
// ledger the check read and then to what it last wrote; while the run holds the
// ledger's lock, without reading the file again (core's updateLedgerFrom).
//
// Batches that finish together are written together: one fsynced write instead
// of several, and it waits for the next requests to go out first. The run's usage
// is not written to the ledger (a record appended at one spot would make every
// two branches' ledgers conflict): `CheckResult.usage` has it, and `vetted check`
// logs it outside the ledger.

import { FileWriteError, type Ledger } from '@vetted/core'
import { updateLedgerFrom } from '@vetted/core/internal'

/** What one write to the ledger holds: answers for claims, and the screen's for sentences. */
export interface Holds {
  claims?: number
  sentences?: number
}

interface Queued {
  change: (ledger: Ledger) => Ledger
  holds: Holds
  resolve: () => void
  reject: (error: unknown) => void
}

export class LedgerWriter {
  #ledger: Ledger
  readonly #queued: Queued[] = []
  #writing = false
  /** What failed writes did not save, to say so. */
  readonly #unsaved = { claims: 0, sentences: 0 }

  readonly file: string
  readonly post: string

  /** `ledger`: the one the run read (or an empty one); `post`, the post's file name. */
  constructor(file: string, post: string, ledger: Ledger) {
    this.file = file
    this.post = post
    this.#ledger = ledger
  }

  /** The ledger as the last write left it (the one read, before any). */
  get ledger(): Ledger {
    return this.#ledger
  }

  /** Apply `change` and write; settles once the write that holds it is done (or failed). */
  write(holds: Holds, change: (ledger: Ledger) => Ledger): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queued.push({ change, holds, resolve, reject })
      if (!this.#writing) void this.#flush()
    })
  }

  async #flush(): Promise<void> {
    this.#writing = true
    await new Promise((resolve) => setImmediate(resolve))
    while (this.#queued.length > 0) {
      const items = this.#queued.splice(0)
      try {
        // On a copy: a write that fails leaves the run's ledger as the file is (what it did not save stays unsaved).
        this.#ledger = await updateLedgerFrom(this.file, this.post, structuredClone(this.#ledger), (ledger) =>
          items.reduce((changed, item) => item.change(changed), ledger),
        )
        for (const item of items) item.resolve()
      } catch (error) {
        for (const item of items) {
          this.#unsaved.claims += item.holds.claims ?? 0
          this.#unsaved.sentences += item.holds.sentences ?? 0
          item.reject(error)
        }
      }
    }
    this.#writing = false
  }

  /** `failure`; when it is a failed write (a full disk), one that says which answers of this run are not saved. */
  withUnsaved(failure: unknown): unknown {
    if (!(failure instanceof FileWriteError)) return failure
    const { claims, sentences } = this.#unsaved
    const parts = [
      ...(claims ? [`the verdicts on ${claims} ${claims === 1 ? 'claim' : 'claims'}`] : []),
      ...(sentences ? [`the screen's answers on ${sentences} ${sentences === 1 ? 'sentence' : 'sentences'}`] : []),
    ]
    if (parts.length === 0) return failure
    return new FileWriteError(failure.file, failure.reason, {
      cause: failure,
      lost: `${parts.join(' and ')} received in this run are not saved; they are sent again next run`,
    })
  }
}
