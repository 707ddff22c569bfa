export { checkPost, type CheckPostInput, type CheckProgress, type CheckResult } from './lib/check-post.ts'
export {
  CheckerConfigError,
  DEFAULT_BASE_URL,
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
export {
  followBatch,
  readBatchState,
  submitScreenings,
  type BatchOptions,
  type BatchOutcome,
  type BatchPost,
  type BatchState,
  type PostScreening,
} from './lib/batch.ts'
