import { checkProposal, stripCitationMarkers } from '../src/lib/code-checks.ts'
import { parseMarkdown } from '@vetted/post'
import { postPlainText } from '../src/lib/plain-text.ts'
import { describe, expect, test } from 'vitest'

const claim = 'The bridge, finished in 1889 \u2014 a \u201Cmarvel\u201D \u2014 spans 300 metres.'
const proposal = (overrides = {}) => ({
  quote: 'spans 300 metres',
  summary: 'It spans 250 metres.',
  reasoning: 'The survey says 250.',
  sources: [{ url: 'https://survey.example.org/bridge', title: 'Survey', quote: '250 metres' }],
  ...overrides,
})

describe('quotes', () => {
  test("a quote is kept as the claim's own characters, even when the model folded quotes and dashes", () => {
    const result = checkProposal(claim, proposal({ quote: '1889 - a "marvel"' }))
    expect(result).toMatchObject({ ok: true, proposal: { quote: '1889 \u2014 a \u201Cmarvel\u201D' } })
  })

  test('a quote that is not in the claim drops the correction', () => {
    expect(checkProposal(claim, proposal({ quote: 'spans 3000 metres' }))).toEqual({
      ok: false,
      reason: 'the model\'s quote "spans 3000 metres" does not occur in the claim',
    })
  })

  test('an empty quote drops the correction', () => {
    expect(checkProposal(claim, proposal({ quote: ' \uE200cite\uE201 ' })).ok).toBe(false)
  })
})

describe('sources', () => {
  test('non-http(s) sources are dropped and the others kept', () => {
    const result = checkProposal(
      claim,
      proposal({
        sources: [
          { url: 'javascript:alert(1)', title: 'x', quote: 'y' },
          { url: 'data:text/html,<b>x</b>', title: 'x', quote: 'y' },
          { url: 'ftp://files.example.org/a', title: 'x', quote: 'y' },
          { url: 'not a url', title: 'x', quote: 'y' },
          { url: ' http://ok.example.org/a ', title: '', quote: '' },
        ],
      }),
    )
    expect(result).toEqual({
      ok: true,
      proposal: expect.objectContaining({ sources: [{ url: 'http://ok.example.org/a', title: 'ok.example.org' }] }),
    })
  })

  test('a correction whose every source is bad is dropped whole', () => {
    const result = checkProposal(claim, proposal({ sources: [{ url: 'javascript:alert(1)', title: 'x', quote: 'y' }] }))
    expect(result).toEqual({
      ok: false,
      reason: 'the correction has no usable source: only URLs that may not be published ("javascript:alert(1)": a javascript: URL)',
    })
  })

  test('a correction without sources is dropped', () => {
    expect(checkProposal(claim, proposal({ sources: [] }))).toEqual({ ok: false, reason: 'the correction has no usable source: none' })
  })
})

test('citation markers in private-use characters are removed with the space before them', () => {
  expect(stripCitationMarkers('True \uE200cite\uE202turn0search0\uE201. Also\uE203 this.')).toBe('True. Also this.')
})

describe('the post as the model reads it', () => {
  test('plain text with headings, lists, quotes, tables and code, without the frontmatter or Markdown syntax', () => {
    const source = [
      '---',
      'title: Secret title',
      'date: 2024-01-02',
      '---',
      '',
      '# Hello *world*',
      '',
      'Some **bold** text with [a link](https://x.example) and `code`.',
      '',
      '> A quoted line',
      '',
      '- one',
      '- two',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '```js',
      'let x = 1',
      '```',
      '',
      '<div>html</div>',
      '',
    ].join('\n')
    expect(postPlainText(parseMarkdown(source), source)).toBe(
      '# Hello world\n\nSome bold text with a link and code.\n\n> A quoted line\n\n- one\n- two\n\na | b\n1 | 2\n\n```js\nlet x = 1\n```',
    )
  })
})
