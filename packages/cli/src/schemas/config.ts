import { CheckerSettingsSchema } from '@vetted/checker'
import { CorrectionStatusSchema } from '@vetted/core'
import { DEFAULT_DATE_KEYS, DetectOptionsSchema } from '@vetted/post'
import { z } from 'zod'
import { PriceTableSchema } from './eval.ts'

/**
 * `vetted.config.json` / `vetted.config.ts`: the checker's settings
 * (`CheckerSettingsSchema`, with their defaults) and the CLI's own keys. The API key
 * belongs in OPENAI_API_KEY; a `.ts` config may pass one from elsewhere
 * (`apiKey: process.env.MY_KEY`), a JSON config may not (it is committed).
 */
export const VettedConfigSchema = CheckerSettingsSchema.safeExtend({
  /** Folders, files or globs of posts, relative to the config file. */
  content: z.array(z.string().min(1)).min(1).default(['content']),
  /**
   * Which statuses the site shows (pass the same list to @vetted/astro, whose
   * option has the same rule: published statuses only, `open` is the preview's);
   * reports say which corrections readers see.
   */
  render: z.array(CorrectionStatusSchema.extract(['annotate', 'dismiss'])).optional(),
  /** Claim detection thresholds. */
  detect: DetectOptionsSchema.optional(),
  /**
   * The frontmatter keys a post's publication date is read from, the first present
   * deciding: claims are judged as of that date, and the correction log lists what
   * was fixed after it. `updatedDate` is not a publication date.
   */
  dateKeys: z
    .array(z.string().min(1))
    .min(1)
    .default([...DEFAULT_DATE_KEYS]),
  /** Prices per model for cost figures (`vetted eval`), merged over the dated defaults in ./eval.ts. */
  prices: PriceTableSchema.optional(),
}).strict()
export type VettedConfig = z.output<typeof VettedConfigSchema>
export type VettedConfigInput = z.input<typeof VettedConfigSchema>
