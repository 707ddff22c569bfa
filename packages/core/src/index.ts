export * from './schemas/claim.ts'
export * from './schemas/correction.ts'
export * from './schemas/ledger.ts'
export { InvalidOptionError, VettedInputError, describeZodIssue, formatJsonPath, type Place } from './lib/errors.ts'
export { MANUAL_CHECKER, checkerKey, isChecked, isFromOlderChecker, isScreened } from './lib/checked.ts'
export { correctionId, fingerprint, projectPath } from './lib/fingerprint.ts'
export { recordPresence, recordedFixDate, rekeyClashes, statusWhenFixed } from './lib/lifecycle.ts'
export { locateJsonPath, parseJson, parseJsonAs } from './lib/json.ts'
export {
  MAX_LEDGER_BYTES,
  emptyLedger,
  ledgerPathFor,
  parseLedger,
  readLedger,
  serializeLedger,
  updateLedger,
  writeLedger,
} from './lib/ledger.ts'
export { FileWriteError, writeFileAtomic } from './lib/files.ts'
export { readRegularFile, readRegularText, type ReadFileOptions } from './lib/read-file.ts'
export { holdLock, type HeldLock } from './lib/lock.ts'
export { isWhitespace } from './lib/chars.ts'
export { plain, plainLines, withoutBidiControls } from './lib/plain.ts'
export { MAX_URL_LENGTH, displayUrl, isPublishableUrl, unpublishableUrlReason } from './lib/public-url.ts'
export { LineIndex, placeOf } from './lib/lines.ts'
export { lastAtOrBefore } from './lib/sorted.ts'
export { findNormalized, normalizeText, normalizeWithMap, originalEnd, originalOffset, type NormalizedText } from './lib/normalize.ts'
