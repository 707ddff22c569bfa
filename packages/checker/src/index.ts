export { checkPost, type CheckPostInput, type CheckProgress, type CheckResult } from './lib/check-post.ts'
export { CheckerConfigError, currentCheckerKey, resolveSettings, type CheckerEnv, type CheckerSetup } from './lib/config.ts'
export { checkProposal, stripCitationMarkers, type CheckedProposal } from './lib/code-checks.ts'
export { postPlainText } from './lib/plain-text.ts'
export { PROMPTS, PROMPT_VERSION, promptHash } from './lib/prompts.ts'
export { PROMPT_HASHES } from './prompts/versions.ts'
export {
  CheckerConfigSchema,
  CheckerSettingsSchema,
  DEFAULT_MODEL,
  type CheckerConfig,
  type CheckerSettings,
  type CheckerSettingsInput,
} from './schemas/config.ts'
export * from './schemas/investigation.ts'
export { ValidationSchema, type Validation } from './schemas/validation.ts'
