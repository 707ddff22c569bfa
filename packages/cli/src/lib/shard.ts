// `vetted check --shard i/n`: the posts a CI runner of a matrix of n checks.
// A post's shard is a hash of its project-relative path, so the split depends on
// nothing else: adding, removing or reordering posts never moves another post,
// and every runner agrees without talking to the others.

import { createHash } from 'node:crypto'
import { UsageError } from './errors.ts'

export interface Shard {
  /** 1-based: the first of `count` shards is 1. */
  index: number
  count: number
}

/** `i/n` with 1 ≤ i ≤ n, both whole numbers; anything else is a UsageError. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n, this runner's shard i of n (1 ≤ i ≤ n, e.g. 2/4), not "${value}"`)
  }
  return { index, count }
}

/** The shard (1..count) of a post, by its `/`-separated path relative to the project root. */
export function shardOf(projectPath: string, count: number): number {
  const digest = createHash('sha256').update(projectPath).digest()
  return (digest.readUInt32BE(0) % count) + 1
}

/** The items of `shard`, in their order; `path` gives each one's project-relative path. */
export function inShard<T>(items: readonly T[], shard: Shard, path: (item: T) => string): T[] {
  return items.filter((item) => shardOf(path(item), shard.count) === shard.index)
}
