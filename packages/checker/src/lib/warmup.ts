// Prompt-cache warm-up. A post's requests to one model share their first part
// (tools, answer format, instructions, date, post), which the provider caches
// once a request holding it has been answered; requests sent together all miss
// it. So the post's first request to each model goes alone, and the others once
// its first try has ended, answered or failed. This costs one request's wait per post.

/** Shared by every request of a post. */
export class Warmup {
  #ready = new Map<string, Promise<void>>()

  /** Wait for this request's turn; the function returned says that its first try has ended (a no-op unless it went first). */
  async turn(model: string): Promise<() => void> {
    const ready = this.#ready.get(model)
    if (ready) {
      await ready
      return () => {}
    }
    let done!: () => void
    this.#ready.set(model, new Promise<void>((resolve) => (done = resolve)))
    return done
  }
}
