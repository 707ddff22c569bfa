/**
 * The index of the last item whose key is at most `value`, in items sorted by
 * that key; -1 when there is none. The one binary search of vetted: lines by
 * offset, prose segments by plain-text offset, blocks by source offset.
 */
export function lastAtOrBefore<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0
  let high = items.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (key(items[middle]!) <= value) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}
