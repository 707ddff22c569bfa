// Timing for benchmarks: one warm-up round of every variant (module loading,
// JIT), then rounds in which the variants take turns, A B then B A, so that both
// see the same machine; before each timed run, a full collection when Node runs
// with --expose-gc (`pnpm bench` does), so that no variant pays for the garbage
// of the one before it.

/** The time of each variant in each round, in milliseconds. */
export async function measure<K extends string>(rounds: number, variants: Record<K, () => unknown>): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = -1; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      globalThis.gc?.()
      const start = performance.now()
      await variants[name]()
      const elapsed = performance.now() - start
      if (round >= 0) samples[name].push(elapsed)
    }
  }
  return samples
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** `measured` against `baseline`, round by round: the median ratio and the range, with the target. */
export function ratio(measured: number[], baseline: number[], target: number): { value: number; met: boolean; text: string } {
  const ratios = measured.map((ms, round) => ms / baseline[round]!).sort((a, b) => a - b)
  const value = median(ratios)
  const met = value <= target
  const range = ratios.length > 1 ? ` (rounds ${ratios[0]!.toFixed(2)}x to ${ratios.at(-1)!.toFixed(2)}x)` : ''
  return { value, met, text: `ratio ${value.toFixed(3)}x${range}, target <= ${target}x: ${met ? 'met' : 'NOT MET'}` }
}
