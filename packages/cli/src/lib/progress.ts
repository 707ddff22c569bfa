// A progress line on stderr while the checker works, on a TTY only.

import type { CheckProgress } from '@vetted/checker'
import { plain } from '@vetted/core'

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown }
  readonly #enabled: boolean
  #drawn = false

  constructor(stream: { isTTY?: boolean; write(text: string): unknown }) {
    this.#stream = stream
    this.#enabled = Boolean(stream.isTTY)
  }

  update(label: string, progress: CheckProgress): void {
    if (!this.#enabled) return
    const width = 24
    const share = progress.total === 0 ? 1 : progress.done / progress.total
    const filled = Math.round(share * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const seconds = (progress.elapsedMs / 1000).toFixed(1)
    this.#stream.write(
      `\r\u001b[2K${bar} ${progress.done}/${progress.total} claims · ${progress.requests} requests · ${seconds}s · ${plain(label)}`,
    )
    this.#drawn = true
  }

  done(): void {
    if (this.#drawn) this.#stream.write('\r\u001b[2K')
    this.#drawn = false
  }
}
