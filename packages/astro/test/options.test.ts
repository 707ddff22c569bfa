import { describe, expect, it } from 'vitest'
import { InvalidOptionError } from '@vetted/core'
import vetted, { articleJsonLd, jsonLdScript, vettedPageData } from '../src/index.ts'

describe('@vetted/astro options', () => {
  it('refuses an unknown value in one readable line', () => {
    expect(() => vetted({ openCorrections: 'maybe' as 'warn' })).toThrow(
      /^@vetted\/astro: invalid option openCorrections: .*"error".*"warn"/,
    )
    expect(() => vetted({ colour: 'red' } as never)).toThrow(
      new InvalidOptionError('@vetted/astro: invalid option colour: Unrecognized key: "colour"'),
    )
    expect(() => vetted({ previewInDev: 'yes' } as never)).toThrow(
      new InvalidOptionError('@vetted/astro: invalid option previewInDev: Invalid input: expected boolean, received string'),
    )
  })

  it('will not publish open corrections: the author previews them with astro dev', () => {
    expect(() => vetted({ render: ['annotate', 'open' as 'annotate'] })).toThrow(/invalid option render\[1\]/)
  })
})

describe('JSON-LD', () => {
  const vettedData = vettedPageData({
    vetted: {
      corrections: [
        {
          id: 'c-0123456789',
          number: 1,
          anchor: 'p-correction-1',
          status: 'annotate',
          quote: 'in 1866',
          summary: 'It was </script><script>alert(1)</script>',
          reasoning: 'R.',
          sources: [
            { url: 'https://example.org/a', title: 'A' },
            { url: 'ftp://example.org/b', title: 'B' },
          ],
          checker: { model: 'manual', prompt: 'manual', date: '2026-03-02' },
          line: 3,
        },
      ],
      fixed: [{ id: 'c-abcdefabcd', quote: 'q', summary: 'Fixed.', date: '2026-03-05' }],
    },
  })

  it('is a schema.org Article with a CorrectionComment for each published and each fixed correction', () => {
    const data = articleJsonLd({ title: 'T', date: '2026-03-01', updated: '2026-03-09', url: 'https://example.org/p/', vetted: vettedData })
    expect(data).toMatchObject({ '@type': 'Article', datePublished: '2026-03-01', dateModified: '2026-03-09' })
    expect(data['correction']).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'It was </script><script>alert(1)</script> (The post said: “in 1866”.)',
        datePublished: '2026-03-02',
        url: 'https://example.org/p/#p-correction-1',
        citation: ['https://example.org/a'],
      },
      { '@type': 'CorrectionComment', text: 'Corrected: Fixed.', datePublished: '2026-03-05' },
    ])
  })

  it('cannot close its script element, and parses back to the same data', () => {
    const data = articleJsonLd({ title: 'T', date: '2026-03-01', url: 'https://example.org/p/', vetted: vettedData })
    const script = jsonLdScript(data)
    expect(script).not.toContain('<')
    expect(JSON.parse(script)).toEqual(data)
  })

  it('takes a content collection entry’s fields as they are: Dates, undefined optionals, the page’s URL', () => {
    const data = { title: 'T', date: new Date('2026-03-01'), updated: undefined, description: undefined }
    const article = articleJsonLd({ ...data, url: new URL('https://example.org/p/'), vetted: vettedData })
    expect(article).toMatchObject({ datePublished: '2026-03-01', url: 'https://example.org/p/' })
    expect(article).not.toHaveProperty('dateModified')
    expect(article).not.toHaveProperty('description')
    expect((article['correction'] as Array<{ url?: string }>)[0]!.url).toBe('https://example.org/p/#p-correction-1')
    expect(articleJsonLd({ ...data, updated: new Date('2026-03-09T00:00:00Z'), url: 'https://example.org/p/' })['dateModified']).toBe(
      '2026-03-09',
    )
  })

  it('has no corrections for a post rendered without the plugin', () => {
    expect(vettedPageData(undefined)).toEqual({ corrections: [], fixed: [], open: [] })
    expect(
      articleJsonLd({ title: 'T', date: '2026-03-01', url: 'https://example.org/p/', vetted: vettedPageData({}) })['correction'],
    ).toEqual([])
  })
})
