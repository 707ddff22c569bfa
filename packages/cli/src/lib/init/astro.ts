// `vetted init --astro`: add @vetted/astro to a site's astro.config.*, as a
// careful person would by hand, or explain why not. The config is parsed with
// @babel/parser; the edit inserts text at the places the tree gives, so the rest
// of the file keeps its layout and comments. Only a config written out in the file
// is edited: `export default defineConfig({ … })` or an object, whose
// `integrations`, if present, is a list. (The integration switches the site to
// the unified Markdown processor itself.)

import { parse } from '@babel/parser'
import type { Expression, ObjectExpression, Statement } from '@babel/types'

/** The names Astro looks for, in its order. */
export const ASTRO_CONFIG_NAMES = [
  'astro.config.mjs',
  'astro.config.js',
  'astro.config.ts',
  'astro.config.mts',
  'astro.config.cjs',
  'astro.config.cts',
]

export const ASTRO_HELP_URL = 'https://github.com/vetted-md/vetted/tree/main/packages/astro#use'

export type AstroEdit = { kind: 'present' } | { kind: 'edit'; text: string; changes: string[] } | { kind: 'unsafe'; reason: string }

export function addVettedIntegration(source: string, fileName: string): AstroEdit {
  if (/\.c[jt]s$/.test(fileName)) return { kind: 'unsafe', reason: 'it is CommonJS; vetted edits an ES module config (astro.config.mjs)' }
  let body: Statement[]
  try {
    body = parse(source, { sourceType: 'module', plugins: ['typescript'] }).program.body
  } catch (error) {
    return { kind: 'unsafe', reason: `it does not parse (${String((error as Error).message).split('\n')[0]})` }
  }
  const imports = body.filter((statement) => statement.type === 'ImportDeclaration')
  if (imports.some((statement) => statement.source.value === '@vetted/astro')) return { kind: 'present' }
  if (imports.some((statement) => statement.specifiers.some((specifier) => specifier.local.name === 'vetted'))) {
    return { kind: 'unsafe', reason: 'it already imports another `vetted`' }
  }
  const exported = body.find((statement) => statement.type === 'ExportDefaultDeclaration')
  const config = exported && configObject(exported.declaration as Expression)
  if (!config) return { kind: 'unsafe', reason: 'its default export is not `defineConfig({ … })` or an object written out' }

  const edits: Array<{ at: number; text: string }> = []
  const integrations = config.properties.find(
    (property) => property.type === 'ObjectProperty' && !property.computed && keyName(property.key) === 'integrations',
  )
  if (integrations) {
    const list = integrations.type === 'ObjectProperty' ? integrations.value : undefined
    if (list?.type !== 'ArrayExpression')
      return {
        kind: 'unsafe',
        reason: `its \`integrations\` (line ${integrations.loc?.start.line}) is not a list written out in the config`,
      }
    const last = list.elements.at(-1)
    if (!last) edits.push({ at: list.start! + 1, text: 'vetted()' })
    else if (!source.slice(list.start!, list.elements[0]!.start!).includes('\n')) edits.push({ at: last.end!, text: ', vetted()' })
    else {
      // One element a line (Starlight's template): vetted() on a line of its own, indented and followed as the last one is.
      const indent = /[ \t]*$/.exec(source.slice(0, last.start!))![0]
      const trailingComma = /^\s*,/.exec(source.slice(last.end!))
      edits.push(
        trailingComma
          ? { at: last.end! + trailingComma[0].length, text: `\n${indent}vetted(),` }
          : { at: last.end!, text: `,\n${indent}vetted()` },
      )
    }
  } else {
    const spread = config.properties.find((property) => property.type === 'SpreadElement')
    if (spread)
      return { kind: 'unsafe', reason: `its config spreads another object (line ${spread.loc?.start.line}), which may set integrations` }
    const last = config.properties.at(-1)
    if (last) {
      const indent = /[ \t]*$/.exec(source.slice(0, last.start!))![0]
      const separator =
        source.slice(0, last.start!).endsWith(indent) && source.slice(0, last.start! - indent.length).endsWith('\n') ? `\n${indent}` : ' '
      edits.push({ at: last.end!, text: `,${separator}integrations: [vetted()]` })
    } else edits.push({ at: config.start! + 1, text: ' integrations: [vetted()] ' })
  }

  const previous = imports.at(-1)
  const quote = previous && source[previous.source.start!] === '"' ? '"' : "'"
  const semicolon = previous && source[previous.end! - 1] === ';' ? ';' : ''
  const line = `import vetted from ${quote}@vetted/astro${quote}${semicolon}`
  edits.push(previous ? { at: previous.end!, text: `\n${line}` } : { at: 0, text: `${line}\n\n` })

  let text = source
  for (const edit of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, edit.at) + edit.text + text.slice(edit.at)
  return { kind: 'edit', text, changes: ['import vetted', 'vetted() in integrations'] }
}

/** The object of `defineConfig({ … })` or `{ … }` (with `satisfies`/`as` around it). */
function configObject(node: Expression): ObjectExpression | undefined {
  if (node.type === 'TSSatisfiesExpression' || node.type === 'TSAsExpression') return configObject(node.expression)
  if (node.type === 'ObjectExpression') return node
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'defineConfig' &&
    node.arguments[0]?.type === 'ObjectExpression'
  ) {
    return node.arguments[0]
  }
  return undefined
}

function keyName(key: Expression | { type: string; name?: string; value?: unknown }): string | undefined {
  if (key.type === 'Identifier') return (key as { name: string }).name
  if (key.type === 'StringLiteral') return String((key as { value: string }).value)
  return undefined
}
