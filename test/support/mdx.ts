/**
 * An MDX post with no frontmatter: an import, an export, a component holding the
 * sentence that says "flat" (the fake model calls it incorrect) in its children
 * and a date in its title attribute, and an expression inside the last sentence.
 */
export const TOWNS_MDX = `import { Aside } from './components.js'
export const surveyed = 1851

# Towns of the plain

In 1850, Millbrook had 1,200 residents and 3 bridges over the river.

<Aside title="In 1999 the river moved 40 miles north.">
  In 1851, surveyors reported that Ashford sat on ground that was perfectly flat.
</Aside>

In 1852, the railway reached Millbrook and its population doubled within {surveyed - 1841} years.
`
