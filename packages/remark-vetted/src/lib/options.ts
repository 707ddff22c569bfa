import { InvalidOptionError } from '@vetted/core'
import { describeZodIssue } from '@vetted/core/internal'
import { RemarkVettedOptionsSchema, type RemarkVettedOptions, type ResolvedOptions } from '../schemas/options.ts'

/** Validate the plugin's options; a bad option throws naming it and what was expected. */
export function resolveOptions(options: RemarkVettedOptions | null | undefined): ResolvedOptions {
  const parsed = RemarkVettedOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  throw new InvalidOptionError(describeZodIssue(parsed.error, 'remark-vetted: invalid option').line)
}
