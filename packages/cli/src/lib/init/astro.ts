// `vetted init --astro`: add @vetted/astro to a site's astro.config.*, as a
// careful person would by hand, or explain why not. Only the shape Astro's own
// templates write is edited: one `export default defineConfig({ … })` (or an
// object), whose `integrations` is a list written out in it (vetted() goes at its
// end) and whose `markdown.processor` is absent or unified() (remark plugins run
// only there; Astro 7's default processor ignores them). Comments, strings and
// regular expressions are blanked before anything is searched, the result must
// parse, and anything else (a spread, a computed list, a name `vetted` already
// taken) is left to the author with the reason and the line.

import { spawnSync } from 'node:child_process'

/** The names Astro looks for, in its order. */
export const ASTRO_CONFIG_NAMES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts', 'astro.config.cjs', 'astro.config.cts']

export const ASTRO_HELP_URL = 'https://github.com/vetted-md/vetted/tree/main/packages/astro#use'

export type AstroEdit =
  | { kind: 'present' }
  | { kind: 'edit'; text: string; changes: string[]; packages: string[] }
  | { kind: 'unsafe'; reason: string }

class Unsafe extends Error {}

export function addVettedIntegration(source: string, fileName: string): AstroEdit {
  if (/\.c[jt]s$/.test(fileName)) return { kind: 'unsafe', reason: 'it is CommonJS; vetted edits an ES module config (astro.config.mjs)' }
  if (/(['"])@vetted\/astro\1/.test(source)) return { kind: 'present' }
  try {
    const edit = plan(source)
    const problem = syntaxProblem(edit.text)
    if (problem) throw new Unsafe(syntaxProblem(source) ? `it does not parse (${problem})` : `the edit would not parse (${problem})`)
    return { kind: 'edit', ...edit }
  } catch (error) {
    if (error instanceof Unsafe) return { kind: 'unsafe', reason: error.message }
    throw error
  }
}

interface Insertion {
  at: number
  /** Characters replaced from `at` (0: a pure insertion). */
  remove?: number
  text: string
}

function plan(source: string): { text: string; changes: string[]; packages: string[] } {
  const code = codeOnly(source)
  const lineOf = (index: number) => source.slice(0, index).split('\n').length
  const defaults = [...code.matchAll(/\bexport\s+default\b/g)]
  if (defaults.length !== 1) throw new Unsafe(defaults.length === 0 ? 'it has no `export default`' : 'it has more than one `export default`')
  const after = defaults[0]!.index + defaults[0]![0].length
  const object = /^\s*(?:defineConfig\s*\(\s*)?\{/.exec(code.slice(after))
  if (!object) throw new Unsafe(`its default export (line ${lineOf(after)}) is not \`defineConfig({ … })\` or an object written out`)
  const open = after + object[0].length - 1
  const close = matching(code, open)
  const members = membersOf(source, code, open, close)
  if (/\bvetted\b/.test(code)) throw new Unsafe(`it already uses the name \`vetted\` (line ${lineOf(code.search(/\bvetted\b/))})`)
  const spread = members.find((member) => member.key === undefined)
  const insertions: Insertion[] = []
  const changes: string[] = []
  /** New members of the config object, added last in one place. */
  const added: string[] = []
  const packages = ['@vetted/astro']

  // integrations: [..., vetted()]
  const integrations = members.find((member) => member.key === 'integrations')
  if (integrations) {
    const list = listValue(code, integrations)
    if (list === undefined) throw new Unsafe(`its \`integrations\` (line ${lineOf(integrations.start)}) is not a list written out in the config`)
    insertions.push(...append(source, code, list.open, list.close, ['vetted()']))
    changes.push('vetted() in integrations')
  } else {
    if (spread) throw new Unsafe(`its config spreads another object (line ${lineOf(spread.start)}), which may set integrations`)
    added.push('integrations: [vetted()]')
  }

  // markdown: { processor: unified() }
  const unifiedImported = /import\s*\{[^}]*\bunified\b[^}]*\}\s*from\s*(['"])@astrojs\/markdown-remark\1/.test(source)
  let needsUnified = false
  const markdown = members.find((member) => member.key === 'markdown')
  if (markdown) {
    const value = markdown.value === undefined ? undefined : code.slice(markdown.value, markdown.end).trim()
    if (!value?.startsWith('{')) throw new Unsafe(`its \`markdown\` (line ${lineOf(markdown.start)}) is not an object written out in the config`)
    const inner = markdown.value! + code.slice(markdown.value!).indexOf('{')
    const innerMembers = membersOf(source, code, inner, matching(code, inner))
    const processor = innerMembers.find((member) => member.key === 'processor')
    if (processor) {
      const processorValue = processor.value === undefined ? '' : source.slice(processor.value, processor.end).trim()
      if (!/^unified\s*\(/.test(processorValue) || !unifiedImported) {
        throw new Unsafe(`its markdown.processor (line ${lineOf(processor.start)}) is not unified() from @astrojs/markdown-remark, and remark plugins run only there`)
      }
    } else {
      if (innerMembers.some((member) => member.key === undefined)) throw new Unsafe(`its \`markdown\` (line ${lineOf(markdown.start)}) spreads another object, which may set a processor`)
      insertions.push(...append(source, code, inner, matching(code, inner), ['processor: unified()']))
      changes.push('markdown.processor: unified()')
      needsUnified = true
    }
  } else {
    if (spread) throw new Unsafe(`its config spreads another object (line ${lineOf(spread.start)}), which may set markdown`)
    added.push('markdown: { processor: unified() }')
    needsUnified = true
  }
  if (added.length > 0) {
    insertions.push(...append(source, code, open, close, added))
    changes.push(...added)
  }
  if (needsUnified && !unifiedImported && /\bunified\b/.test(code)) {
    throw new Unsafe(`it already uses the name \`unified\` (line ${lineOf(code.search(/\bunified\b/))}), not from @astrojs/markdown-remark`)
  }

  // The imports, after the last one.
  const quote = /\bfrom\s*(['"])/.exec(source)?.[1] ?? "'"
  const imports = importEnds(code)
  const semicolon = imports.length > 0 && code[imports.at(-1)! - 1] === ';' ? ';' : ''
  const lines: string[] = []
  if (needsUnified && !unifiedImported) {
    lines.push(`import { unified } from ${quote}@astrojs/markdown-remark${quote}${semicolon}`)
    packages.push('@astrojs/markdown-remark')
  }
  lines.push(`import vetted from ${quote}@vetted/astro${quote}${semicolon}`)
  changes.unshift(`import ${needsUnified && !unifiedImported ? 'unified and ' : ''}vetted`)
  if (imports.length > 0) insertions.push({ at: imports.at(-1)!, text: lines.map((line) => `\n${line}`).join('') })
  else {
    // Before the first statement, below a header comment.
    const first = code.search(/\S/)
    insertions.push({ at: source.lastIndexOf('\n', first) + 1, text: `${lines.join('\n')}\n\n` })
  }

  let text = source
  for (const insertion of insertions.sort((a, b) => b.at - a.at)) text = text.slice(0, insertion.at) + insertion.text + text.slice(insertion.at + (insertion.remove ?? 0))
  return { text, changes, packages }
}

interface Member {
  /** Undefined for a spread (`...base`) or a computed key. */
  key: string | undefined
  start: number
  /** Where the value starts (after `key:`); undefined for a shorthand or a method. */
  value: number | undefined
  end: number
}

/** The members of the object or list whose brackets are at `open` and `close`, split at its own commas. */
function membersOf(source: string, code: string, open: number, close: number): Member[] {
  const members: Member[] = []
  let start = open + 1
  const push = (end: number) => {
    const first = start + code.slice(start, end).search(/\S/)
    if (first < start || first >= end) return
    const name = /^(?:([A-Za-z_$][\w$]*)|(['"])([\w$-]+)\2)/.exec(source.slice(first, end))
    const key = code.startsWith('...', first) || !name ? undefined : (name[1] ?? name[3])
    const colon = key === undefined ? undefined : /^\s*:\s*/.exec(code.slice(first + name![0].length, end))
    members.push({ key, start: first, value: colon ? first + name![0].length + colon[0].length : undefined, end })
  }
  for (let i = open + 1; i < close; i++) {
    if ('([{'.includes(code[i]!)) i = matching(code, i)
    else if (code[i] === ',') {
      push(i)
      start = i + 1
    }
  }
  push(close)
  return members
}

/** The brackets of a member's value when it is a list written out (`[ … ]` and nothing after it). */
function listValue(code: string, member: Member): { open: number; close: number } | undefined {
  if (member.value === undefined || code[member.value] !== '[') return undefined
  const close = matching(code, member.value)
  return code.slice(close + 1, member.end).trim() === '' ? { open: member.value, close } : undefined
}

/** Insertions that put `items` last in the object or list at `open`..`close`, in its layout. */
function append(source: string, code: string, open: number, close: number, items: string[]): Insertion[] {
  const inner = code.slice(open + 1, close)
  const spaced = code[open] === '{' ? ' ' : ''
  if (inner.trim() === '') return [{ at: open + 1, remove: inner.length, text: `${spaced}${items.join(', ')}${spaced}` }]
  const last = open + 1 + inner.trimEnd().length - 1
  const trailingComma = code[last] === ','
  if (!inner.includes('\n')) return [{ at: last + 1, text: `${trailingComma ? ' ' : ', '}${items.join(', ')}` }]
  // One per line: the indent of the first member; after the last member's line (and its comment).
  const first = open + 1 + inner.search(/\S/)
  const indent = /[ \t]*$/.exec(source.slice(0, first))![0]
  const lineEnd = source.indexOf('\n', last)
  const at = lineEnd === -1 || lineEnd > close ? last + 1 : lineEnd
  const insertions: Insertion[] = [{ at, text: `\n${indent}${items.join(`,\n${indent}`)}${trailingComma ? ',' : ''}` }]
  if (!trailingComma) insertions.push({ at: last + 1, text: ',' })
  return insertions
}

/** Where each top-level import statement ends. */
function importEnds(code: string): number[] {
  const ends: number[] = []
  for (const match of code.matchAll(/^import\b/gm)) {
    // The module's name is the first string after `import` (masked, its quotes stay).
    const specifier = /^import\b[^'"]*(['"])[^'"\n]*\1/.exec(code.slice(match.index))
    if (!specifier) continue
    let end = match.index + specifier[0].length
    const attributes = /^\s*(?:with|assert)\s*\{/.exec(code.slice(end))
    if (attributes) end = matching(code, end + attributes[0].length - 1) + 1
    if (code[end] === ';') end++
    ends.push(end)
  }
  return ends
}

/** The index of the bracket that closes the one at `open`. */
function matching(code: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
  const stack: string[] = []
  for (let i = open; i < code.length; i++) {
    const char = code[i]!
    if (pairs[char]) stack.push(pairs[char])
    else if (char === ')' || char === ']' || char === '}') {
      if (stack.pop() !== char) throw new Unsafe(`its brackets do not match (line ${code.slice(0, i).split('\n').length})`)
      if (stack.length === 0) return i
    }
  }
  throw new Unsafe('a bracket is not closed')
}

/**
 * `source` with the insides of comments, strings, template literals and regular
 * expressions blanked (quotes kept, lines kept), so that searching it finds code only.
 */
function codeOnly(source: string): string {
  const out = source.split('')
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '
  }
  let previous = '' // the last character of code, to tell a regular expression from a division
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!
    if (char === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i)
      blank(i, end === -1 ? source.length : end)
      i = end === -1 ? source.length : end - 1
    } else if (char === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2)
      if (end === -1) throw new Unsafe('a comment is not closed')
      blank(i, end + 2)
      i = end + 1
    } else if (char === '"' || char === "'" || char === '`') {
      const end = closingQuote(source, i)
      blank(i + 1, end)
      i = end
      previous = char
    } else if (char === '/' && (previous === '' || '(,=:[!&|?{};+-*%<>~^'.includes(previous))) {
      const end = regexEnd(source, i)
      blank(i + 1, end)
      i = end
      previous = '/'
    } else if (!/\s/.test(char)) previous = char
  }
  return out.join('')
}

function closingQuote(source: string, start: number): number {
  const quote = source[start]
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') i++
    else if (char === quote) return i
    else if (char === '\n' && quote !== '`') break
    else if (quote === '`' && char === '$' && source[i + 1] === '{') i = closingBrace(source, i + 2)
  }
  throw new Unsafe(`a string is not closed (line ${source.slice(0, start).split('\n').length})`)
}

/** The `}` that ends a template literal's `${ … }`. */
function closingBrace(source: string, start: number): number {
  let depth = 0
  for (let i = start; i < source.length; i++) {
    const char = source[i]
    if (char === '"' || char === "'" || char === '`') i = closingQuote(source, i)
    else if (char === '{') depth++
    else if (char === '}' && depth-- === 0) return i
  }
  throw new Unsafe('a template literal is not closed')
}

function regexEnd(source: string, start: number): number {
  let inClass = false
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') i++
    else if (char === '\n') break
    else if (char === '[') inClass = true
    else if (char === ']') inClass = false
    else if (char === '/' && !inClass) return i
  }
  throw new Unsafe(`a regular expression is not closed (line ${source.slice(0, start).split('\n').length})`)
}

/**
 * Why `text` does not parse as a module (TypeScript syntax allowed), or undefined.
 * Node's own parser, in a child process: its type stripping warns that it is
 * experimental, and a user should not see that.
 */
function syntaxProblem(text: string): string | undefined {
  const script = `const { stripTypeScriptTypes } = require('node:module')
let text = ''
process.stdin.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => {
  try { stripTypeScriptTypes(text) } catch (error) { process.stdout.write(String(error.message).split('\\n')[0]); process.exitCode = 1 }
})`
  const result = spawnSync(process.execPath, ['--no-warnings', '-e', script], { input: text, encoding: 'utf8', timeout: 30_000 })
  if (result.status === 0) return undefined
  return result.stdout.trim() || result.stderr.trim().split('\n')[0] || 'Node could not read it'
}
