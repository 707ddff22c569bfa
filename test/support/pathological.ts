// Markdown that parsers choke on (issue 14, items 4 and 5): deep quotes, lists
// and emphasis, runs of brackets and backticks, long lines, growing depth. Each
// case is made to `size` bytes; `vetted check --ci` must finish every one
// quickly, refusing it (exit 2) or reading it (exit 0 or 1), never crashing.

/** Repeat `unit(i)` until the text reaches `size` characters, then cut it there. */
function fill(size: number, unit: (i: number) => string): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < size; i++) {
    const part = unit(i)
    parts.push(part)
    length += part.length
  }
  return parts.join('').slice(0, size)
}

export const PATHOLOGICAL: Record<string, (size: number) => string> = {
  'deep block quote': (size) => `${'>'.repeat(size - 3)} x\n`,
  'deep block quote, spaced': (size) => `${'> '.repeat(size / 2 - 2)}x\n`,
  'deep list on one line': (size) => `${'- '.repeat(size / 2 - 2)}x\n`,
  'deep list by indentation': (size) => fill(size, (i) => `${'  '.repeat(i % 2000)}- item\n`),
  'deep ordered list': (size) => fill(size, (i) => `${'   '.repeat(i % 2000)}1. item\n`),
  'growing block quote depth': (size) => fill(size, (i) => `${'>'.repeat((i % 4000) + 1)} line\n\n`),
  'nested emphasis': (size) => `${'*a _b '.repeat(size / 12)}x${' c_ d*'.repeat(size / 12)}`,
  'emphasis runs': (size) => `${'*'.repeat(size / 2)}x${'*'.repeat(size / 2 - 1)}`,
  'emphasis bomb': (size) => fill(size, () => '*a_ '),
  'emphasis bomb, paragraphs': (size) => fill(size, (i) => (i % 250 === 249 ? '\n\n' : '*a_ ')),
  'strikethrough bomb': (size) => fill(size, () => '~a'),
  'open brackets': (size) => '['.repeat(size),
  'bracket pairs': (size) => fill(size, () => '[a]('),
  'image brackets': (size) => fill(size, () => '![a'),
  'backtick runs of growing length': (size) => fill(size, (i) => `${'`'.repeat((i % 3000) + 1)}a`),
  'backtick pairs': (size) => fill(size, () => '`a'),
  'long line': (size) => fill(size, (i) => (i % 7 === 6 ? 'In 1850 the town had 1,200 residents. ' : 'word ')),
  'long line without spaces': (size) => 'a'.repeat(size),
  'wide table': (size) => `${'|a'.repeat(size / 6)}|\n${'|-'.repeat(size / 6)}|\n${'|1'.repeat(size / 6)}|\n`,
  'many footnote references': (size) => fill(size, (i) => `[^${i}]`),
  'html tags': (size) => fill(size, () => '<div>'),
  directives: (size) => fill(size, () => ':a['),
  autolinks: (size) => fill(size, () => 'www.a'),
  'character references': (size) => fill(size, () => '&#'),
  'fence with no end': (size) => `\`\`\`\n${fill(size - 4, () => '*a_ [')}`,
  'fence that an HTML block hides': (size) => `<div>\n\`\`\`\n\n${fill(size - 12, () => '*a_ ')}`,
  'fence that a list item ends': (size) => `- item\n\n  \`\`\`\n${fill(size - 14, () => '*a_ ')}`,
  'fence that a math block hides': (size) => `$$\n\n\`\`\`\n$$\n\n${fill(size - 14, () => '*a_ ')}`,
  'fence in frontmatter': (size) => `---\nx: |\n\`\`\`\n---\n\n${fill(size - 20, () => '*a_ ')}`,
}

/** Ordinary prose of the same size, one claim a paragraph: what a 1 MB post costs anyway, the yardstick for the cases above. */
export const PLAIN_PROSE = (size: number): string => fill(size, (i) => `In ${1800 + (i % 200)} the town had ${i} residents.\n\n`)

/** A correction's reasoning past the Markdown limits of a post (a ledger is text we did not write): refused wherever a ledger is read. */
export const REASONING_PAST_THE_LIMITS: Record<string, string> = {
  '20,000 nested block quotes': '> '.repeat(20_000),
  'an 80 KB run of emphasis marks': '*a_ '.repeat(20_000),
  'nested quotes after a line that looks like frontmatter': `---\n${'> '.repeat(20_000)}\n---`,
}
