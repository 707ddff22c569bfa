import { describe, expect, it } from 'vitest'
import { detectClaims, parseMarkdown, sentencesOf, type DetectOptions } from '../src/index.ts'

/** The plain text of every sentence of a document, claims or not. */
const sentences = (markdown: string) => sentencesOf(parseMarkdown(markdown), markdown).map((s) => s.text)
const claims = (markdown: string, options?: DetectOptions) => detectClaims(markdown, options).map((c) => c.text)

describe('sentence splitting', () => {
  it('keeps abbreviations, initials and titles inside their sentence', () => {
    expect(sentences('Dr. Smith moved to the U.S. in 1998 with J. R. R. Tolkien, e.g. by ship. He stayed.')).toEqual([
      'Dr. Smith moved to the U.S. in 1998 with J. R. R. Tolkien, e.g. by ship.',
      'He stayed.',
    ])
  })

  it('keeps decimals, version numbers and domains whole', () => {
    expect(sentences('Python 3.5 shipped in 2015 at python.org. It was fast.')).toEqual([
      'Python 3.5 shipped in 2015 at python.org.',
      'It was fast.',
    ])
  })

  it('splits after an ellipsis only when a new sentence starts', () => {
    expect(sentences('The answer was... unclear for years. Then... Nothing happened.')).toEqual([
      'The answer was... unclear for years.',
      'Then...',
      'Nothing happened.',
    ])
  })

  it('keeps closing quotes and parentheses with the sentence they end', () => {
    expect(sentences('He said "It works." (It did.) Then it broke!')).toEqual(['He said "It works."', '(It did.)', 'Then it broke!'])
  })

  it('abbreviations before numbers do not end a sentence, but the same words elsewhere do', () => {
    expect(sentences('See Fig. 3 and No. 5 on Jan. 12. The answer was no. Then we left.')).toEqual([
      'See Fig. 3 and No. 5 on Jan. 12.',
      'The answer was no.',
      'Then we left.',
    ])
  })

  it('ignores footnote markers and keeps sentences whole across emphasis, links and inline code', () => {
    const markdown =
      'The *first* [web server](https://info.cern.ch/hypertext/WWW/TheProject.html) ran `httpd. Then` in 1990.[^1] It ran on a **NeXT. Cube**.\n\n[^1]: A note.\n'
    expect(sentences(markdown)).toEqual(['The first web server ran httpd. Then in 1990.', 'It ran on a NeXT.', 'Cube.', 'A note.'])
  })

  it('splits list items, table cells and blockquotes into their own sentences', () => {
    const markdown =
      '- Item one has 3 parts\n- Item two\n\n| Year | Event |\n| --- | --- |\n| 1991 | The web opened to the public |\n\n> Quoted text was written in 1945.\n'
    expect(sentences(markdown)).toEqual([
      'Item one has 3 parts',
      'Item two',
      'Year',
      'Event',
      '1991',
      'The web opened to the public',
      'Quoted text was written in 1945.',
    ])
  })
})

describe('what is skipped', () => {
  it('skips code blocks, HTML, math, headings, frontmatter, link URLs and directive attributes', () => {
    const markdown = [
      '---',
      'title: In 1990 the web was born',
      'date: 2026-01-01',
      '---',
      '',
      '# Tim Berners-Lee wrote the first browser in 1990',
      '',
      '```js',
      'const year = 1990 // The first browser shipped in 1990.',
      '```',
      '',
      '<div>The first browser shipped in 1990.</div>',
      '',
      '$$',
      'E = mc^2 \\text{ was published in 1905.}',
      '$$',
      '',
      'Einstein published :abbr[special relativity]{title="In 1905 in Annalen der Physik"} in [1905](https://example.com/1905/einstein).',
    ].join('\n')
    expect(sentences(markdown)).toEqual(['Einstein published special relativity in 1905.'])
  })

  it('single dollar signs are prices, not math', () => {
    expect(sentences('The book cost $5 in 1990 and $10 in 2000.')).toEqual(['The book cost $5 in 1990 and $10 in 2000.'])
  })

  it('does not find claim keywords inside inline code', () => {
    expect(claims('Set the flag `never_all_only_2024` in the config file.')).toEqual([])
  })
})

describe('positions', () => {
  it('gives the exact start and end of each claim in the source, across markup and frontmatter', () => {
    const markdown =
      '---\ntitle: x\n---\n\nIntro text here.\n\nThe *Mosaic* browser was released in **1993** by [NCSA](https://ncsa.illinois.edu). It spread fast.\n'
    const [claim] = detectClaims(markdown)
    expect(claim?.text).toBe('The Mosaic browser was released in 1993 by NCSA.')
    expect(markdown.slice(claim!.start.offset, claim!.end.offset)).toBe(
      'The *Mosaic* browser was released in **1993** by [NCSA](https://ncsa.illinois.edu).',
    )
    expect(claim!.start).toMatchObject({ line: 7, column: 1 })
    expect(claim!.end.line).toBe(7)
  })

  it('maps escapes, character references and blockquote prefixes back to the source', () => {
    const markdown = '> The web\\* had 10 sites &amp; more\n> by the end of 1992.\n'
    const [claim] = detectClaims(markdown)
    expect(claim?.text).toBe('The web* had 10 sites & more by the end of 1992.')
    expect(claim?.quoted).toBe(true)
    expect(markdown.slice(claim!.start.offset, claim!.end.offset)).toBe('The web\\* had 10 sites &amp; more\n> by the end of 1992.')
    expect(claim!.end).toMatchObject({ line: 2, column: 22 }) // exclusive, as in unist
  })
})

describe('what is a claim', () => {
  it('selects plain statements and sentences with numbers, dates, quantifiers, attributions, comparisons and causes, and records why', () => {
    const found = detectClaims(
      [
        'The Apollo program cost about 25 billion dollars.',
        'HTTP/1.1 was published in June 1999 as RFC 2616.',
        'Only one browser ever supported this feature.',
        'According to the survey, most developers use Git.',
        'Rust compiles more slowly than Go on large projects.',
        'The outage happened because a certificate expired, according to the report.',
      ].join(' '),
    )
    expect(found.map((c) => c.reasons)).toEqual([
      ['statement', 'number', 'name'],
      ['statement', 'number', 'date', 'name', 'attribution'],
      ['statement', 'quantifier'],
      ['statement', 'name', 'attribution', 'comparison'],
      ['statement', 'name', 'comparison'],
      ['statement', 'attribution', 'causal'],
    ])
  })

  it('leaves out questions, instructions, greetings, short fragments and plain opinion', () => {
    expect(
      claims(
        'Was the first website launched in 1991? Install version 2.0 before you start. Hello and welcome to all 3 of you! In 1991. I think this is a lovely idea. It was a nice day.',
      ),
    ).toEqual([])
  })

  it('reads a question inside quotes or brackets as a question, and a capital after a colon or an opening quote as no name', () => {
    expect(claims('She asked: "Did the first website launch in 1991?" (Was it at CERN in 1990?)')).toEqual([])
    const [quoted] = detectClaims('Every reviewer wrote: “Great work all round.”')
    expect(quoted!.reasons).not.toContain('name')
    const [named] = detectClaims('Every reviewer wrote that Knuth was right.')
    expect(named!.reasons).toContain('name')
  })

  it('reads a hard-wrapped sentence as one line: the same text, fingerprint and reasons', () => {
    const [wrapped] = detectClaims('It was down\nfor days, according\nto the W3C.')
    const [plain] = detectClaims('It was down for days, according to the W3C.')
    expect(wrapped!.text).toBe(plain!.text)
    expect(wrapped!.fingerprint).toBe(plain!.fingerprint)
    expect(wrapped!.reasons).toEqual(plain!.reasons)
    expect(wrapped!.end.line).toBe(3)
    expect(plain!.reasons).toContain('attribution')
  })

  it('gives a claim the same fingerprint when only its formatting or spacing changes', () => {
    const [plain] = detectClaims('The first website went online in 1991 at CERN.')
    const [formatted] = detectClaims('The *first* website went   online in **1991** at [CERN](https://cern.ch).')
    expect(formatted!.fingerprint).toBe(plain!.fingerprint)
    const [edited] = detectClaims('The first website went online in 1992 at CERN.')
    expect(edited!.fingerprint).not.toBe(plain!.fingerprint)
  })

  it('makes the thresholds options: a higher threshold selects fewer claims, weights can switch a signal off', () => {
    const text = 'Tim Berners-Lee proposed the web at CERN in 1989. Netscape was more popular than Mosaic.'
    expect(claims(text)).toHaveLength(2)
    expect(claims(text, { threshold: 5 })).toEqual(['Tim Berners-Lee proposed the web at CERN in 1989.'])
    expect(claims(text, { weights: { statement: 0, comparison: 0, name: 0 } })).toEqual([
      'Tim Berners-Lee proposed the web at CERN in 1989.',
    ])
    expect(claims('We moved the site to CERN in 1989.')).toEqual(['We moved the site to CERN in 1989.'])
    expect(claims('We moved the site to CERN in 1989.', { penalties: { firstPerson: 3 } })).toEqual([])
    expect(claims('> The first browser was released in 1990.', { includeQuoted: false })).toEqual([])
  })

  it('selects short plain statements that name a model, a person and their work, or an organisation', () => {
    const statements = [
      'Opus 3 is unique.',
      'The first author listed is Ashish Vaswani.',
      'GPT, from OpenAI, used its decoder.',
      'The NHS now publishes its own version as a free app.',
      'Mars has a thin atmosphere full of fine dust.',
    ]
    expect(claims(statements.join(' '))).toEqual(statements)
  })

  it('leaves out remarks about the post, "one" as a pronoun, the author\'s own doings, plans and lead-ins to lists', () => {
    const remarks = [
      'The figure above shows a sunset photographed by the Curiosity rover in 2015.',
      'We wrote a small script for that; it is shown below.',
      'This piece looks at the largest trials and what they measured.',
      'One should be careful about that.',
      'One could say the sky is a little violet.',
      'We split the monorepo into seven projects.',
      'My local parkrun has a volunteer who has marshalled the same corner for six years.',
      'Version 3.1 is planned for early next year.',
      'There are three reasons, and they work together:',
      'Here is the part that trips people up.',
      'Isaacson is good at explaining the science.',
      'Fill a clear glass with water and shine a torch through it.',
    ]
    expect(claims(remarks.join(' '))).toEqual([])
  })

  it('keeps "one" as a number word out of the count, but not the numbers around it', () => {
    const [pronoun] = sentencesOf(
      parseMarkdown('It is one of the most valuable books in the world.'),
      'It is one of the most valuable books in the world.',
    )
    expect(pronoun!.reasons).not.toContain('number')
    expect(claims('About one percent of the workforce took part.')).toEqual(['About one percent of the workforce took part.'])
  })

  it('refuses invalid options naming the option', () => {
    expect(() => detectClaims('x', { threshold: -1 })).toThrow(/threshold/)
    expect(() => detectClaims('x', { weights: { number: 'high' } } as never)).toThrow(/weights\.number/)
    expect(() => detectClaims('x', { treshold: 2 } as never)).toThrow(/treshold|unrecognized/i)
    expect(() => detectClaims('x', { penalties: { deixis: -1 } })).toThrow(/penalties\.deixis/)
  })
})
