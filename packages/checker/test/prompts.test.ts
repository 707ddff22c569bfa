import { PROMPTS, PROMPT_VERSION, promptHash } from '../src/lib/prompts.ts'
import { PROMPT_HASHES } from '../src/prompts/versions.ts'
import { expect, test } from 'vitest'

test('the prompt texts are the ones recorded for PROMPT_VERSION (change them only with a new version)', () => {
  expect(PROMPT_HASHES[PROMPT_VERSION], `record promptHash() for ${PROMPT_VERSION} in src/prompts/versions.ts`).toBeDefined()
  expect(promptHash(), `the prompts changed: bump PROMPT_VERSION and record ${promptHash()} for it`).toBe(PROMPT_HASHES[PROMPT_VERSION])
})

test('changing one character of any prompt changes the hash', () => {
  for (const name of Object.keys(PROMPTS) as Array<keyof typeof PROMPTS>) {
    expect(promptHash({ ...PROMPTS, [name]: `${PROMPTS[name]} ` })).not.toBe(promptHash())
  }
})

test('the input templates fence every piece of data with BEGIN/END lines carrying the token', () => {
  const templates: Array<[string, string[] | null]> = [
    [PROMPTS.investigateInput, ['{{date}}']],
    [PROMPTS.validateInput, ['{{date}}']],
    [PROMPTS.screenInput, ['{{date}}']],
  ]
  for (const [template, unfenced] of templates) {
    for (const [, name] of template.matchAll(/^BEGIN-([A-Z]+)-\{\{token\}\}$/gm)) {
      expect(template).toMatch(new RegExp(`^END-${name}-\\{\\{token\\}\\}$`, 'm'))
    }
    // Nothing from the post or the model appears outside a fence.
    const outside = template.replace(/^BEGIN-([A-Z]+)-\{\{token\}\}\n[\s\S]*?\nEND-\1-\{\{token\}\}$/gm, '')
    expect(outside.match(/\{\{\w+\}\}/g)).toEqual(unfenced)
  }
})

test('every task starts its input alike, up to the end of the post: the part the provider caches for all of them', () => {
  const head = (template: string) => template.slice(0, template.indexOf('END-POST-{{token}}\n'))
  expect(head(PROMPTS.screenInput)).toBe(head(PROMPTS.investigateInput))
  expect(head(PROMPTS.validateInput)).toBe(head(PROMPTS.investigateInput))
  expect(head(PROMPTS.investigateInput)).toMatch(/BEGIN-POST-\{\{token\}\}\n\{\{post\}\}\n$/)
})

test('the instructions no longer call the fence token random: it is derived from the post', () => {
  expect(PROMPTS.instructions).not.toMatch(/random/i)
  expect(PROMPTS.instructions).toContain('occurs nowhere in the data it fences')
})
