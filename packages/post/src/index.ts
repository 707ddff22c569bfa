// @vetted/post: what a user of vetted's reading of a post calls (a report, an editor
// integration, a script that lists a post's claims): read and parse a post, detect its
// claims, read it against its ledger. What vetted's own packages share beyond that is
// in ./internal.ts (`@vetted/post/internal`).
export { analyze, type AnalyzeOptions, type PlacedCorrection, type PostAnalysis, type QuotedSentence } from './lib/analyze.ts'
export { detectClaims, sentencesOf, type Sentence } from './lib/detect.ts'
export { linksOf } from './lib/links.ts'
export type { QuoteLocation } from './lib/locate.ts'
export { parseMarkdown, type ParseOptions } from './lib/parse.ts'
export { DEFAULT_DATE_KEYS, parseFrontmatter, postDate, type Frontmatter, type PostDate } from './lib/frontmatter.ts'
export { readPost, type ReadPostOptions } from './lib/post.ts'
export { collectProse, type ProseBlock, type ProseSegment } from './lib/prose.ts'
export { DetectOptionsSchema, type DetectOptions, type ResolvedDetectOptions } from './schemas/detect.ts'
