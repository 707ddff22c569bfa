// SARIF 2.1.0, for code-scanning tools: one rule per kind of problem, one result
// per open correction, unchecked claim or stale entry, with its region. A post
// under the working folder is a relative URI against the base id PROJECTROOT
// (the folder, in originalUriBaseIds); a post elsewhere is an absolute file: URI.
// Microsoft's validator (sarif-multitool validate) accepts both with no error
// or warning: test/cli/sarif-validator.test.ts.

import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif'
import type { Report } from '../../schemas/report.ts'
import { inertJson } from '../plain.ts'

const { homepage } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { homepage: string }

const ROOT_ID = 'PROJECTROOT'

/**
 * Text we did not write inside a result's message: in SARIF message text
 * `[text](target)` is an embedded link (SARIF 2.1.0, 3.11.6), so literal square
 * brackets are escaped with a backslash: a ledger cannot add a link.
 */
const literal = (text: string) => text.replace(/[[\]]/g, '\\$&')

/** A report path (relative to `root`, or absolute when outside it) as a SARIF artifact location. */
function artifactLocation(path: string, root: string): ArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href }
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: ROOT_ID }
}

const RULES = [
  {
    id: 'open-correction',
    name: 'OpenCorrection',
    shortDescription: { text: 'A correction of a claim is open: the author has not settled it.' },
    fullDescription: { text: 'The checker found a claim incorrect and the correction is not yet published, dismissed or fixed.' },
    help: {
      text: 'Read the correction, then rewrite the sentence, publish the correction (vetted resolve ID --annotate) or dismiss it with a note (vetted resolve ID --dismiss --note "…").',
      markdown:
        'Read the correction, then rewrite the sentence, publish it with `vetted resolve ID --annotate`, or dismiss it with `vetted resolve ID --dismiss --note "…"`.',
    },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'unchecked-claim',
    name: 'UncheckedClaim',
    shortDescription: { text: 'A claim has no verdict yet (a verdict from any checker counts).' },
    fullDescription: { text: 'The sentence is new or changed since the last check; CI never calls the checker.' },
    help: {
      text: 'Run vetted check with OPENAI_API_KEY set and commit the updated ledger (post.vetted.json).',
      markdown: 'Run `vetted check` with `OPENAI_API_KEY` set and commit the updated ledger (`post.vetted.json`).',
    },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'stale-entry',
    name: 'StaleEntry',
    shortDescription: { text: 'A correction quotes text that is no longer in the post.' },
    fullDescription: { text: 'The author rewrote the claim; the ledger has not recorded the correction as fixed.' },
    help: {
      text: 'Run vetted check to record the correction as fixed, then commit the ledger.',
      markdown: 'Run `vetted check` to record it as fixed, then commit the ledger.',
    },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'unscreened-sentence',
    name: 'UnscreenedSentence',
    shortDescription: { text: 'A sentence detection did not select has not been screened yet.' },
    fullDescription: {
      text: 'Under coverage "all", every sentence of the prose is screened: the check-worthy ones are then judged like claims. It is not a claim until the screen says so.',
    },
    help: {
      text: 'Run vetted check with OPENAI_API_KEY set and commit the updated ledger (post.vetted.json).',
      markdown: 'Run `vetted check` with `OPENAI_API_KEY` set and commit the updated ledger (`post.vetted.json`).',
    },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'no-date',
    name: 'NoDate',
    shortDescription: { text: 'The post has no publication date vetted can read.' },
    fullDescription: {
      text: "Claims are judged as of the post's date; without one, as of the day they are checked, and fixed corrections make no correction log.",
    },
    help: {
      text: "Give the post a date in its frontmatter, such as pubDate: 2025-07-30, under one of the config's dateKeys (date, pubDate, publishDate, published).",
      markdown:
        "Give the post a date in its frontmatter, such as `pubDate: 2025-07-30`, under one of the config's `dateKeys` (`date`, `pubDate`, `publishDate`, `published`).",
    },
    defaultConfiguration: { level: 'note' },
  },
  {
    id: 'unreadable-post',
    name: 'UnreadablePost',
    shortDescription: { text: 'A post vetted cannot check because of its name.' },
    fullDescription: {
      text: 'Its name is not valid UTF-8, or too long to leave room for its ledger (post.vetted.json) in the file system: the post is not checked, and the gate fails.',
    },
    help: { text: 'Rename the post: a UTF-8 name of at most 220 bytes.', markdown: 'Rename the post: a UTF-8 name of at most 220 bytes.' },
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'orphan-ledger',
    name: 'OrphanLedger',
    shortDescription: { text: 'A ledger whose post is gone.' },
    fullDescription: {
      text: 'The post was renamed or moved (its corrections would drop off the page, and the next check would pay for it again) or deleted.',
    },
    help: {
      text: 'If the post was renamed, run vetted mv OLD NEW (ids are kept); if it was deleted, run vetted prune.',
      markdown: 'If the post was renamed, run `vetted mv OLD NEW` (ids are kept); if it was deleted, run `vetted prune`.',
    },
    defaultConfiguration: { level: 'error' },
  },
] as const satisfies readonly ReportingDescriptor[]

type RuleId = (typeof RULES)[number]['id']

/** `root`: the folder the report's relative paths start from (the working folder). */
export function sarifReport(report: Report, version: string, root: string): string {
  const results: Result[] = []
  const result = (
    ruleId: RuleId,
    text: string,
    uri: string,
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number },
    fingerprint?: string,
  ) => {
    const rule = RULES.find((candidate) => candidate.id === ruleId)!
    results.push({
      ruleId,
      ruleIndex: RULES.indexOf(rule),
      level: rule.defaultConfiguration.level,
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(uri, root), ...(region ? { region } : {}) } }],
      ...(fingerprint ? { partialFingerprints: { vettedId: fingerprint } } : {}),
    })
  }
  for (const file of report.files) {
    for (const c of file.corrections) {
      if (c.stale)
        result(
          'stale-entry',
          `“${literal(c.quote)}” left the post; run vetted check to record ${c.id} as fixed.`,
          file.path,
          undefined,
          c.id,
        )
      else if (c.status === 'open') {
        const region =
          c.start && c.end
            ? { startLine: c.start.line, startColumn: c.start.column, endLine: c.end.line, endColumn: c.end.column }
            : undefined
        result('open-correction', `${literal(c.summary)} (claim: “${literal(c.quote)}”; ${c.id})`, file.path, region, c.id)
      }
    }
    for (const claim of file.uncheckedClaims) {
      result(
        claim.unscreened ? 'unscreened-sentence' : 'unchecked-claim',
        `${claim.unscreened ? 'Sentence not screened' : 'Unchecked claim'}: ${literal(claim.text)}`,
        file.path,
        { startLine: claim.start.line, startColumn: claim.start.column, endLine: claim.end.line, endColumn: claim.end.column },
      )
    }
    // A note without a line (a post with no frontmatter) stands at the top of the post, where a date would go.
    for (const note of file.notes) result(note.rule, literal(note.message), file.path, { startLine: note.line ?? 1 })
  }
  // A finding about a whole file (a ledger without its post, a post vetted cannot read) stands at its start.
  const fileStart = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }
  for (const orphan of report.orphans) result('orphan-ledger', `This ledger has no post: ${orphan.message}.`, orphan.ledger, fileStart)
  for (const post of report.unreadable) result('unreadable-post', `This post cannot be checked: ${post.reason}.`, post.path, fileStart)
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'vetted', version, informationUri: homepage, rules: [...RULES] } },
        originalUriBaseIds: { [ROOT_ID]: { uri: pathToFileURL(join(root, '/')).href } },
        columnKind: 'utf16CodeUnits',
        results,
        // The counts, apart: claims (and how many lack a verdict) and sentences not screened are not one figure.
        properties: {
          claims: report.summary.claims,
          claimsUnchecked: report.summary.claimsUnchecked,
          unscreenedSentences: report.summary.unscreened,
        },
      },
    ],
  }
  return inertJson(log)
}
