// Examples in the documentation that show what the code writes (a checker key in a
// ledger or an option, a correction's checker, a prompt version) are the code's own
// values: a typed one drifts, as remark-vetted's `checker: 'gpt-5.1@investigate-v1'`
// did (every claim `vetted check` had judged then read as another checker's). The
// values come through the packages' public entries, as a user's code gets them.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MODEL, PROMPT_VERSION, currentCheckerKey } from '@vetted/checker'
import { MANUAL_CHECKER } from '@vetted/core'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Every README and design page a user or contributor reads, relative to the root. */
function documents(): string[] {
  const packages = readdirSync(join(ROOT, 'packages')).map((folder) => `packages/${folder}/README.md`)
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
  return ['README.md', ...packages, ...docs].filter((path) => existsSync(join(ROOT, path)))
}

interface Example {
  /** `file:line`. */
  at: string
  what: string
  found: string
  expected: string
}

// A key as `vetted check` writes it in a ledger: an OpenAI model (gpt-…, o1…), `@`, a prompt version (a full stop after it ends the sentence).
const CHECKER_KEY = /\b((?:gpt-|o\d)[\w.-]*)@([\w-]+(?:\.[\w-]+)*)/g
// A correction's checker as the ledger and the reports write it: `"checker": { "model": "…", "prompt": "…"`.
const CHECKER_OBJECT = /["']?checker["']?\s*:\s*\{\s*["']?model["']?\s*:\s*["']([^"']+)["']\s*,\s*["']?prompt["']?\s*:\s*["']([^"']+)["']/g
// A prompt version in prose or report output: `prompt v3`, `prompts v3`.
const PROMPT_IN_TEXT = /\bprompts? (v\d+)\b/g

/** The examples of what the code writes, in `text` of `file`, each with what the code writes instead. */
function examplesIn(file: string, text: string): Example[] {
  const at = (index: number) => `${file}:${text.slice(0, index).split('\n').length}`
  const examples: Example[] = []
  for (const match of text.matchAll(CHECKER_KEY)) {
    examples.push({
      at: at(match.index),
      what: 'checker key (model@promptVersion)',
      found: match[0],
      expected: currentCheckerKey({ model: DEFAULT_MODEL }),
    })
  }
  for (const match of text.matchAll(CHECKER_OBJECT)) {
    const [, model, prompt] = match as unknown as [string, string, string]
    // An editor's review is written as model and prompt `manual`; the placeholder `…` shows the shape only.
    if (model === MANUAL_CHECKER || model === '…') continue
    examples.push({
      at: at(match.index),
      what: "a correction's checker",
      found: `${model}, prompt ${prompt}`,
      expected: `${DEFAULT_MODEL}, prompt ${PROMPT_VERSION}`,
    })
  }
  for (const match of text.matchAll(PROMPT_IN_TEXT)) {
    examples.push({ at: at(match.index), what: 'prompt version', found: match[1]!, expected: PROMPT_VERSION })
  }
  return examples
}

it('the checker keys, correction checkers and prompt versions in the READMEs are the ones vetted writes', () => {
  const examples = documents().flatMap((file) => examplesIn(file, readFileSync(join(ROOT, file), 'utf8')))
  // The documents do show such examples: a pattern that matched nothing would let any drift through.
  expect(examples.filter(({ what }) => what.startsWith('checker key')).length).toBeGreaterThanOrEqual(3)
  expect(examples.filter(({ what }) => what === "a correction's checker").length).toBeGreaterThanOrEqual(1)
  const drifted = examples
    .filter(({ found, expected }) => found !== expected)
    .map(({ at, what, found, expected }) => `${at}: ${what} ${found}, but vetted writes ${expected}`)
  expect(drifted).toEqual([])
})
