// A labelled corpus: posts beside `<slug>.flags.json` files naming the errors each
// post holds. Spans are compared in one text per post: the post's prose as
// detection reads it (no Markdown syntax, link text kept), normalized as
// fingerprints are (quotes, dashes, whitespace), so that a label and a
// correction's quote meet in the same coordinates.

import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join, relative, resolve, sep } from 'node:path'
import { VettedInputError, normalizeText } from '@vetted/core'
import { locateJsonPath, parseJsonAs, readRegularText } from '@vetted/core/internal'
import { collectProse, parseMarkdown, readPost, sentencesOf, type DetectOptions } from '@vetted/post'
import { LabelsFileSchema, type LabelledError } from '../../schemas/eval.ts'

/** A range of a post's normalized plain text. */
export interface Span {
  start: number
  end: number
}

export interface LabelledSpan extends LabelledError, Span {}

export interface PostSentence extends Span {
  fingerprint: string
  text: string
  /** Detection selects it: it is sent to the checker. */
  selected: boolean
}

export interface CorpusPost {
  /** The flags file's name without `.flags.json`. */
  slug: string
  /** The post as the flags file names it (relative to the corpus folder). */
  post: string
  postPath: string
  source: string
  /** The post's prose as one normalized text: where spans are compared. */
  text: string
  sentences: PostSentence[]
  labels: LabelledSpan[]
}

const FLAGS = '.flags.json'
/** The most a flags file may hold: a post's labels are a few kilobytes. */
const MAX_FLAGS_BYTES = 1024 * 1024

/** Read every `<slug>.flags.json` in `folder` and the post each names; bad input throws `VettedInputError`. */
export function readCorpus(folder: string, detect?: DetectOptions): CorpusPost[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new VettedInputError(folder, 'is not a folder', { expected: 'a labelled corpus: posts and a <slug>.flags.json for each' })
  }
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(FLAGS))
    .sort()
  if (files.length === 0)
    throw new VettedInputError(folder, `holds no *${FLAGS} file`, { expected: 'a labelled corpus: posts and a <slug>.flags.json for each' })
  return files.map((name) => readLabelledPost(folder, join(folder, name), detect))
}

// A corpus is self-contained (a flags file names a post inside its folder), so the
// corpus folder is the root its files' symlinks must stay in.
function readLabelledPost(folder: string, flagsPath: string, detect: DetectOptions | undefined): CorpusPost {
  const json = readRegularText(flagsPath, { maxBytes: MAX_FLAGS_BYTES, what: 'a flags file (JSON)', root: folder })
  if (json === undefined) throw new VettedInputError(flagsPath, 'does not exist (a broken symlink?)', { expected: 'a flags file (JSON)' })
  const labels = parseJsonAs(LabelsFileSchema, json, flagsPath, {
    json: 'a flags file: { "post": "posts/<slug>.md", "flags": [...] }',
    lead: 'invalid flags file at',
  })
  const postPath = resolve(folder, labels.post)
  if (relative(resolve(folder), postPath).split(sep)[0] === '..') {
    throw new VettedInputError(flagsPath, `"post" leaves the corpus folder: ${labels.post}`, {
      ...placeOf(json, ['post']),
      expected: 'a path inside the corpus folder, such as posts/<slug>.md',
    })
  }
  const source = readPost(postPath, { root: folder })
  const tree = parseMarkdown(source, postPath)
  const text = normalizeText(
    collectProse(tree, source)
      .map((block) => block.text)
      .join('\n\n'),
  )

  const sentences: PostSentence[] = []
  let cursor = 0
  for (const sentence of sentencesOf(tree, source, detect)) {
    const wanted = normalizeText(sentence.text)
    const at = text.indexOf(wanted, cursor)
    if (at < 0) continue
    sentences.push({
      start: at,
      end: at + wanted.length,
      fingerprint: sentence.fingerprint,
      text: sentence.text,
      selected: sentence.selected,
    })
    cursor = at + wanted.length
  }

  const keys = new Set<string>()
  const spans = labels.flags.map((flag, index): LabelledSpan => {
    if (keys.has(flag.key)) {
      throw new VettedInputError(flagsPath, `flag key "${flag.key}" is used twice`, {
        ...placeOf(json, ['flags', index, 'key']),
        expected: 'a key per flag',
      })
    }
    keys.add(flag.key)
    const span = find(text, flag.quote)
    if (!span) {
      throw new VettedInputError(flagsPath, `flag "${flag.key}": its quote is not in the plain text of ${labels.post}`, {
        ...placeOf(json, ['flags', index, 'quote']),
        expected: 'the erroneous words verbatim, without Markdown syntax',
      })
    }
    return { ...flag, ...span }
  })
  return { slug: basename(flagsPath).slice(0, -FLAGS.length), post: labels.post, postPath, source, text, sentences, labels: spans }
}

const placeOf = (json: string, path: Array<string | number>) => {
  const place = locateJsonPath(json, path)
  return place ? { place } : {}
}

/** Where `quote` occurs in the normalized text, at or after `from`. */
function find(text: string, quote: string, from = 0, to = text.length): Span | undefined {
  const wanted = normalizeText(quote)
  if (wanted.length === 0) return undefined
  const at = text.indexOf(wanted, from)
  return at >= 0 && at + wanted.length <= to ? { start: at, end: at + wanted.length } : undefined
}

/** Where a correction's quote lies: inside its claim's sentence when that is found, else its first occurrence. */
export function locateQuote(post: CorpusPost, quote: string, claim: string): Span | undefined {
  const sentence = post.sentences.find((s) => s.fingerprint === claim)
  return (sentence && find(post.text, quote, sentence.start, sentence.end)) || find(post.text, quote)
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end

/** Character-level Jaccard index of two spans: shared characters over characters in either. */
export function spanJaccard(a: Span, b: Span): number {
  const shared = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
  const either = a.end - a.start + (b.end - b.start) - shared
  return either === 0 ? 1 : shared / either
}
