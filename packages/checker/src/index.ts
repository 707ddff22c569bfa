// @vetted/checker: what a front end that fills ledgers calls: checkPost, its settings
// and their schemas, the checker's keys, and planCheck for a dry run. What only
// vetted's CLI calls (OpenAI's Batch API, the default endpoint) is in ./internal.ts.
export { checkPost, type CheckPostInput, type CheckProgress, type CheckResult } from './lib/check-post.ts'
export {
  CheckerConfigError,
  currentCheckerKey,
  currentScreenerKey,
  resolveSettings,
  type CheckerEnv,
  type CheckerSetup,
} from './lib/config.ts'
export { planCheck, type CheckPlan, type ExpectedRates, type PlannedRequest } from './lib/plan.ts'
export { PROMPT_VERSION } from './lib/prompts.ts'
export {
  CheckerConfigSchema,
  CheckerSettingsSchema,
  DEFAULT_MODEL,
  type CheckerConfig,
  type CheckerSettings,
  type CheckerSettingsInput,
} from './schemas/config.ts'
