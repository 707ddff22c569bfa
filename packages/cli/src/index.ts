// @vetted/cli: the `vetted` command in process (`run`), and the schemas of what it
// reads and writes: its config, and its JSON reports, listings and eval results.
export { run, type Io } from './lib/cli.ts'
export { ReportSchema, type Report } from './schemas/report.ts'
export { VettedConfigSchema, type VettedConfig, type VettedConfigInput } from './schemas/config.ts'
export {
  DEFAULT_PRICES,
  EvalResultSchema,
  LabelsFileSchema,
  PriceTableSchema,
  type EvalResult,
  type LabelsFile,
  type PriceTable,
} from './schemas/eval.ts'
export { ClaimsListingSchema, type ClaimsListing } from './schemas/claims.ts'
export { DryRunSchema, type DryRun } from './schemas/dry-run.ts'
