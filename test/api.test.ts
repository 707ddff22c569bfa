// Each package's public entry: what a user can import, and nothing else. A name
// added or removed here is a change to the package's API (and its README).

import { expect, it } from 'vitest'

const EXPORTS: Record<string, string[]> = {
  '@vetted/core': [
    'CheckerStampSchema', 'ClaimReasonSchema', 'ClaimRecordSchema', 'ClaimSchema', 'CorrectionIdSchema', 'CorrectionSchema',
    'CorrectionStatusSchema', 'FileWriteError', 'InvalidOptionError', 'FingerprintSchema', 'HistoryEventKindSchema', 'HistoryEventSchema', 'HttpUrlSchema', 'LEDGER_VERSION', 'LedgerSchema',
    'LineIndex', 'MANUAL_CHECKER', 'MAX_LEDGER_BYTES', 'MAX_URL_LENGTH', 'PositionSchema', 'PublicUrlSchema', 'ScreenResultSchema', 'SourceSchema', 'UsageSchema', 'VerdictSchema', 'VettedInputError',
    'checkerKey', 'correctionId', 'describeZodIssue', 'displayUrl', 'emptyLedger', 'findNormalized', 'fingerprint', 'formatJsonPath',
    'holdLock', 'isChecked', 'isFromOlderChecker', 'isHttpUrl', 'isPublishableUrl', 'isScreened', 'isWhitespace', 'lastAtOrBefore', 'ledgerPathFor', 'locateJsonPath', 'normalizeText', 'normalizeWithMap',
    'originalEnd', 'originalOffset', 'parseJson', 'parseJsonAs', 'parseLedger', 'placeOf', 'plain', 'plainLines', 'projectPath', 'readLedger', 'readRegularFile', 'readRegularText', 'recordPresence', 'recordedFixDate',
    'rekeyClashes', 'serializeLedger', 'statusWhenFixed', 'unpublishableUrlReason', 'updateLedger',
    'withoutBidiControls', 'writeFileAtomic', 'writeLedger',
  ],
  '@vetted/post': [
    'DEFAULT_DATE_KEYS', 'DEFAULT_MAX_POST_BYTES', 'DetectOptionsSchema', 'MARKDOWN_LIMITS', 'MATH_OPTIONS', 'analyze', 'blankFrontmatter', 'checkLedgerMarkdownLimits', 'checkMarkdownLimits', 'collectProse',
    'decodePost', 'detectClaims', 'linksOf', 'parseFrontmatter', 'parseMarkdown', 'postDate', 'proseOfBlock', 'readPost', 'sentencesOf',
    'sourceOffsetOf', 'POST_EXTENSIONS', 'POST_FILE', 'UNREAD_POST_FORMATS', 'postFormatOf', 'unreadFormatOf', 'expressionText', 'NOT_PROSE_ELEMENTS',
  ],
  '@vetted/checker': [
    'CheckerConfigError', 'CheckerConfigSchema', 'CheckerSettingsSchema', 'DEFAULT_BASE_URL', 'DEFAULT_MODEL', 'PROMPT_VERSION', 'checkPost',
    'currentCheckerKey', 'currentScreenerKey', 'followBatch', 'planCheck', 'readBatchState', 'resolveSettings', 'submitScreenings',
  ],
  '@vetted/cli': [
    'ClaimsListingSchema', 'DEFAULT_PRICES', 'DryRunSchema', 'EvalResultSchema', 'GITHUB_ANNOTATION_LIMIT', 'LabelsFileSchema', 'PriceTableSchema', 'ReportCorrectionSchema',
    'ReportFileSchema', 'ReportSchema', 'VERSION', 'VettedConfigSchema', 'run',
  ],
  'remark-vetted': ['RemarkVettedOptionsSchema', 'default', 'vettedTransformer'],
  '@vetted/astro': ['STYLESHEET', 'VettedAstroOptionsSchema', 'articleJsonLd', 'default', 'jsonLdScript', 'vettedPageData'],
}

for (const [name, expected] of Object.entries(EXPORTS)) {
  it(`${name} exports exactly its public API`, async () => {
    expect(Object.keys(await import(name)).sort()).toEqual([...expected].sort())
  })
}
