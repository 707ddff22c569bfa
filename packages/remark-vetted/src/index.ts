export { default } from './lib/plugin.ts'
export { resolveOptions } from './lib/options.ts'
export { RemarkVettedOptionsSchema, type RemarkVettedOptions } from './schemas/options.ts'
export type { CorrectionState, VettedData, VettedHast, VettedPageData } from './lib/types.ts'
