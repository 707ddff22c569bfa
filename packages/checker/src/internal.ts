// @vetted/checker/internal: what only vetted's CLI calls (the Batch API run of
// \`vetted check --batch\`, the default endpoint its config compares against).
// Published so that the CLI can import it from the installed checker; not part of the API.
export { DEFAULT_BASE_URL } from './lib/config.ts'
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
