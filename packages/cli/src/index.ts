export { run, VERSION, type Io } from './lib/cli.ts'
export { ReportSchema, ReportFileSchema, ReportCorrectionSchema, type Report } from './schemas/report.ts'
export { VettedConfigSchema, type VettedConfig, type VettedConfigInput } from './schemas/config.ts'
export { GITHUB_ANNOTATION_LIMIT } from './lib/report/github.ts'
