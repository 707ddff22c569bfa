// Random Markdown-like input for the fuzz tests (test/fuzz.test.ts) and the hostile-input
// benchmark (test/bench/hostile.ts): runs of the pieces that open and close Markdown's
// constructs, with sentences that detection reads as claims.

import fc from 'fast-check'

/** Pieces that start or end Markdown constructs, and sentences detection reads as claims. */
const PIECES = [
  '*',
  '**',
  '_',
  '__',
  '~',
  '~~',
  '`',
  '```',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '[^1]',
  '[^1]: ',
  '<',
  '>',
  '> ',
  '- ',
  '* ',
  '1. ',
  '#',
  '## ',
  '|',
  '|-|',
  '\\',
  '&amp;',
  '&#',
  '$$',
  ':::',
  ':a[',
  ']{',
  '<div>',
  '</div>',
  '<!--',
  'http://a.b',
  'www.a.b',
  '\n',
  '\n\n',
  '  ',
  '    ',
  '\t',
  ' ',
  'word',
  'In 1850, Millbrook had 1,200 residents.',
  'The bridge opened in 1901.',
  '—',
  '“',
  '’',
  'é',
]
/**
 * Markdown-like text of at most `maxPieces` pieces. fast-check favours short arrays
 * (`size` small by default); `'max'` spreads the lengths up to `maxPieces`.
 */
export const markdownLike = (maxPieces: number, size?: fc.SizeForArbitrary) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces, ...(size ? { size } : {}) }).map((pieces) => pieces.join(''))
