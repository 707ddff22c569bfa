export { default, remarkVettedReport, vettedTransformer, type VettedChanges, type VettedInput } from './lib/plugin.ts'
export { RemarkVettedOptionsSchema, type RemarkVettedOptions } from './schemas/options.ts'
export type { CorrectionState, VettedData, VettedHast } from './lib/types.ts'
