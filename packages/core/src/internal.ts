// @vetted/core/internal: what vetted's own packages share and a user of vetted's data
// does not call (file reading and atomic writes, locks, JSON placing, offsets,
// normalization maps, a correction's lifecycle as `vetted check` writes it). Published
// so that the other vetted packages can import it from the installed core, but not part
// of the API: it changes with them, without a major version.
export { describeZodIssue } from './lib/errors.ts'
export { isFromOlderChecker } from './lib/checked.ts'
export { recordPresence, recordedFixDate, rekeyClashes, statusWhenFixed } from './lib/lifecycle.ts'
export { locateJsonPath, parseJson, parseJsonAs } from './lib/json.ts'
export { writeFileAtomic } from './lib/files.ts'
export { readRegularFile, readRegularText, type ReadFileOptions } from './lib/read-file.ts'
export { holdLock, type HeldLock } from './lib/lock.ts'
export { updateLedgerFrom } from './lib/ledger.ts'
export { isWhitespace } from './lib/chars.ts'
export { withoutBidiControls } from './lib/plain.ts'
export { isPublishableUrl, unpublishableUrlReason } from './lib/public-url.ts'
export { LineIndex, placeOf } from './lib/lines.ts'
export { lastAtOrBefore } from './lib/sorted.ts'
export { findNormalized, normalizeWithMap, originalEnd, originalOffset, type NormalizedText } from './lib/normalize.ts'
