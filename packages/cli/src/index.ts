export { run, VERSION, type Io } from './lib/cli.ts'
export { ReportSchema, ReportFileSchema, ReportCorrectionSchema, type Report } from './schemas/report.ts'
export { VettedConfigSchema, type VettedConfig, type VettedConfigInput } from './schemas/config.ts'
export { GITHUB_ANNOTATION_LIMIT } from './lib/report/github.ts'
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
