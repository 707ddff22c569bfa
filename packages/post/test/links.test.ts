// A claim's links: the author's own sources for it, as the checker receives them.

import { expect, test } from 'vitest'
import { detectClaims, linksOf, parseMarkdown } from '../src/index.ts'

function linksByText(markdown: string): Record<string, string[]> {
  const claims = detectClaims(markdown)
  const links = linksOf(parseMarkdown(markdown), claims)
  return Object.fromEntries(claims.map((claim) => [claim.text, links.get(claim.fingerprint)!]))
}

test("a sentence's own links, else its paragraph's; references resolved wherever their definition stands", () => {
  const links = linksByText(`# Bridges

The Brooklyn Bridge opened in 1883, according to [the city][nyc]. Its main span is 486 metres long.

John Roebling designed it in 1867, as [his plans](https://example.org/plans) show. Washington Roebling finished it in 1883.

[nyc]: https://example.gov/bridges
`)
  expect(links).toEqual({
    'The Brooklyn Bridge opened in 1883, according to the city.': ['https://example.gov/bridges'],
    'Its main span is 486 metres long.': ['https://example.gov/bridges'],
    'John Roebling designed it in 1867, as his plans show.': ['https://example.org/plans'],
    'Washington Roebling finished it in 1883.': ['https://example.org/plans'],
  })
})

test('only http(s) links, each once, at most five; none when neither the sentence nor its paragraph links anywhere', () => {
  const many = Array.from({ length: 7 }, (_, i) => `[s${i}](https://example.org/${i})`).join(' ')
  const links = linksByText(`# Towns

In 1850, Millbrook had 1,200 residents, says [a script](javascript:alert(1)), [the census](https://example.gov/1850) and [the census again](https://example.gov/1850).

In 1852, the railway reached Millbrook and its population doubled within 10 years: ${many}.

In 1853, the town council of Millbrook met for the first time in the new hall.
`)
  expect(links['In 1850, Millbrook had 1,200 residents, says a script, the census and the census again.']).toEqual([
    'https://example.gov/1850',
  ])
  expect(Object.values(links)[1]).toEqual([0, 1, 2, 3, 4].map((i) => `https://example.org/${i}`))
  expect(links['In 1853, the town council of Millbrook met for the first time in the new hall.']).toEqual([])
})
