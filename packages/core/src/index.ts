export * from './schemas/claim.ts'
export * from './schemas/correction.ts'
export * from './schemas/ledger.ts'
export * from './schemas/detect.ts'
export { blockSentences, detectClaims, detectClaimsInProse, detectClaimsInTree, resolveDetectOptions, sentencesOf, type Sentence } from './lib/detect.ts'
export { splitSentences, type SentenceRange } from './lib/sentences.ts'
export { VettedInputError, describeZodIssue, formatJsonPath, type Place } from './lib/errors.ts'
export { MANUAL_CHECKER, checkerKey, isChecked } from './lib/checked.ts'
export { correctionId, fingerprint } from './lib/fingerprint.ts'
export { locateJsonPath, parseJson } from './lib/json.ts'
export {
  emptyLedger,
  ledgerPathFor,
  parseLedger,
  readLedger,
  serializeLedger,
  updateLedger,
  writeFileAtomic,
  writeLedger,
} from './lib/ledger.ts'
export { LineIndex, placeOf } from './lib/lines.ts'
export { findNormalized, normalizeText, normalizeWithMap, originalOffset, type NormalizedText } from './lib/normalize.ts'
export { MATH_OPTIONS, parseMarkdown } from './lib/parse.ts'
export {
  DEFAULT_MAX_POST_BYTES,
  blankFrontmatter,
  decodePost,
  frontmatterDate,
  readPost,
} from './lib/post.ts'
export { collectProse, proseOfBlock, sourceOffsetOf, type ProseBlock, type ProseSegment } from './lib/prose.ts'
