export { analyze, type AnalyzeOptions, type PlacedCorrection, type PostAnalysis, type QuotedSentence } from './lib/analyze.ts'
export { detectClaims, sentencesOf, type Sentence } from './lib/detect.ts'
export { linksOf } from './lib/links.ts'
export type { QuoteLocation } from './lib/locate.ts'
export { MARKDOWN_LIMITS, checkMarkdownLimits } from './lib/limits.ts'
export { checkLedgerMarkdownLimits } from './lib/ledger-limits.ts'
export { POST_EXTENSIONS, POST_FILE, UNREAD_POST_FORMATS, postFormatOf, unreadFormatOf, type PostFormat } from './lib/formats.ts'
export { MATH_OPTIONS, parseMarkdown, type ParseOptions } from './lib/parse.ts'
export { DEFAULT_DATE_KEYS, parseFrontmatter, postDate, type Frontmatter, type PostDate } from './lib/frontmatter.ts'
export { DEFAULT_MAX_POST_BYTES, blankFrontmatter, decodePost, readPost, type ReadPostOptions } from './lib/post.ts'
export {
  NOT_PROSE_ELEMENTS,
  collectProse,
  expressionText,
  proseOfBlock,
  sourceOffsetOf,
  type ProseBlock,
  type ProseSegment,
} from './lib/prose.ts'
export { DetectOptionsSchema, type DetectOptions, type ResolvedDetectOptions } from './schemas/detect.ts'
