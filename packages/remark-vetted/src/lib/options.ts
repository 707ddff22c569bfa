import { describeZodIssue, formatJsonPath } from '@vetted/core'
import { RemarkVettedOptionsSchema, type RemarkVettedOptions, type ResolvedOptions } from '../schemas/options.ts'

/** Validate the plugin's options; a bad option throws naming it and what was expected. */
export function resolveOptions(options: RemarkVettedOptions | null | undefined): ResolvedOptions {
  const parsed = RemarkVettedOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  const { path, message } = describeZodIssue(parsed.error)
  throw new TypeError(`remark-vetted: invalid option ${formatJsonPath(path) || '(options)'}: ${message}`)
}
