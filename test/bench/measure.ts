// Timing for benchmarks: interleave the variants so that both see the same
// machine state, take the median of each, after one warm-up round.

export async function measure<K extends string>(rounds: number, variants: Record<K, () => unknown>): Promise<Record<K, number>> {
  const names = Object.keys(variants) as K[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = -1; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const start = performance.now()
      await variants[name]()
      const elapsed = performance.now() - start
      if (round >= 0) samples[name].push(elapsed)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<K, number>
}
