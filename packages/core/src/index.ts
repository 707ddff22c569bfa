// @vetted/core: what a user of vetted's data calls (a report, an editor integration,
// a script over ledgers): the schemas, ledger I/O, fingerprints and ids, the record
// predicates, and `plain` for printing text we did not write. What vetted's own
// packages share beyond that is in ./internal.ts (`@vetted/core/internal`).
export * from './schemas/claim.ts'
export * from './schemas/correction.ts'
export * from './schemas/ledger.ts'
export { InvalidOptionError, VettedInputError, type Place } from './lib/errors.ts'
export { MANUAL_CHECKER, checkerKey, isChecked, isScreened } from './lib/checked.ts'
export { correctionId, fingerprint, projectPath } from './lib/fingerprint.ts'
export { normalizeText } from './lib/normalize.ts'
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
export { FileWriteError } from './lib/files.ts'
export { plain, plainLines } from './lib/plain.ts'
