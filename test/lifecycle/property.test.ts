// Property (issue 13): over any sequence of an author's edits to a post with
// corrections (edit a sentence, delete it, restore it, move it, write the quoted
// words into another sentence) and an editor's verdicts on what is unchecked,
// after every step:
// - every span marked on the page (remark-vetted's HTML) lies in a sentence
//   judged wrong for that span's correction, and
// - every published correction whose sentence is in the post is marked on the
//   page and seen by the gate (analyze, what `vetted check --ci` counts), and a
//   sentence holding the quote of a gone correction is judged or unchecked.
// In process: the unified pipeline and @vetted/post's analyze, no CLI.

import { correctionId, emptyLedger, fingerprint, normalizeText, type Ledger } from '@vetted/core'
import { analyze, parseMarkdown } from '@vetted/post'
import fc from 'fast-check'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'

const PLACES = ['bridge', 'library', 'station', 'tower', 'museum', 'harbour']
const VERBS = ['opened', 'closed', 'burned', 'reopened']
const EDITOR = { model: 'manual', prompt: 'manual', date: '2026-03-02' }

/** "The bridge opened in 1932.": detection selects it (a date); the quote of its correction is "in 1932". */
const sentenceOf = (place: string, verb: string, year: number) => `The ${place} ${verb} in ${year}.`
const quoteOf = (year: number) => `in ${year}`

interface Model {
  /** Paragraphs of sentences, as the post has them now. */
  paragraphs: string[][]
  /** Every sentence the post had at the start, for restoring. */
  original: string[]
  ledger: Ledger
}

type Step =
  | { kind: 'edit'; at: number; verb: number }
  | { kind: 'change-year'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'restore'; at: number }
  | { kind: 'move'; at: number; to: number }
  | { kind: 'duplicate-quote'; at: number; place: number; verb: number }
  | { kind: 'judge'; at: number; wrong: boolean }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), verb: fc.nat() }),
  fc.record({ kind: fc.constant('change-year' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-quote' as const), at: fc.nat(), place: fc.nat(), verb: fc.nat() }),
  fc.record({ kind: fc.constant('judge' as const), at: fc.nat(), wrong: fc.boolean() }),
)

/** A post of 3 to 6 sentences with distinct places, each judged; some wrong, with a correction published or open. */
const start = fc
  .uniqueArray(
    fc.tuple(
      fc.nat(PLACES.length - 1),
      fc.nat(VERBS.length - 1),
      fc.integer({ min: 1900, max: 1999 }),
      fc.constantFrom('right', 'published', 'open'),
    ),
    {
      minLength: 3,
      maxLength: 6,
      selector: ([place]) => place,
    },
  )
  .map((specs): Model => {
    const ledger = emptyLedger('post.md')
    const sentences = specs.map(([place, verb, year, state]) => {
      const text = sentenceOf(PLACES[place]!, VERBS[verb]!, year)
      if (state === 'right') judge(ledger, text, 'supported')
      else correct(ledger, text, quoteOf(year), state === 'published' ? 'annotate' : 'open')
      return text
    })
    // Two sentences a paragraph: a quote can stand in a neighbour in the same block.
    const paragraphs: string[][] = []
    for (let i = 0; i < sentences.length; i += 2) paragraphs.push(sentences.slice(i, i + 2))
    return { paragraphs, original: sentences, ledger }
  })

function judge(ledger: Ledger, text: string, verdict: 'supported' | 'incorrect'): void {
  ledger.claims[fingerprint(text)] = { text, verdict, checker: 'manual', checkedAt: '2026-03-02' }
}

function correct(ledger: Ledger, text: string, quote: string, status: 'open' | 'annotate'): void {
  judge(ledger, text, 'incorrect')
  const claim = fingerprint(text)
  const id = correctionId('post.md', claim, quote)
  ledger.corrections[id] = {
    id,
    claim,
    quote,
    summary: `Not ${quote}.`,
    reasoning: 'R.',
    sources: [],
    checker: EDITOR,
    status,
    history: [{ date: '2026-03-02', status }],
  }
}

const markdownOf = (model: Model) =>
  `# Places\n\n${model.paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(' '))
    .join('\n\n')}\n`
const sentencesOf = (model: Model) => model.paragraphs.flat()
const yearOf = (text: string) => Number(/in (\d{4})\./.exec(text)![1])

function apply(model: Model, s: Step, unchecked: string[]): void {
  const all = sentencesOf(model)
  const locate = (at: number) => {
    const flat = all[at % Math.max(all.length, 1)]
    if (flat === undefined) return undefined
    const paragraph = model.paragraphs.find((p) => p.includes(flat))!
    return { paragraph, index: paragraph.indexOf(flat), text: flat }
  }
  switch (s.kind) {
    case 'edit': {
      // reworded, the quoted words kept
      const found = locate(s.at)
      if (!found) return
      const place = PLACES.find((p) => found.text.includes(` ${p} `))!
      found.paragraph[found.index] = sentenceOf(place, `was ${VERBS[s.verb % VERBS.length]!} and`, yearOf(found.text)).replace(
        ' and in ',
        ' and rebuilt in ',
      )
      return
    }
    case 'change-year': {
      // the quoted words gone
      const found = locate(s.at)
      if (found) found.paragraph[found.index] = found.text.replace(/in (\d{4})\./, (_, year: string) => `in ${Number(year) + 1}.`)
      return
    }
    case 'delete': {
      const found = locate(s.at)
      if (found) found.paragraph.splice(found.index, 1)
      return
    }
    case 'restore': {
      // an original sentence back word for word, in its own paragraph
      const text = model.original[s.at % model.original.length]!
      if (!all.includes(text)) model.paragraphs.push([text])
      return
    }
    case 'move': {
      const found = locate(s.at)
      if (!found) return
      found.paragraph.splice(found.index, 1)
      const target = model.paragraphs[s.to % model.paragraphs.length]!
      target.splice(s.to % (target.length + 1), 0, found.text)
      return
    }
    case 'duplicate-quote': {
      // another sentence with the same year
      const found = locate(s.at)
      if (!found) return
      model.paragraphs.push([sentenceOf(`new ${PLACES[s.place % PLACES.length]!}`, VERBS[s.verb % VERBS.length]!, yearOf(found.text))])
      return
    }
    case 'judge': {
      // an editor's verdict on an unchecked sentence; a wrong one gets a published correction
      const text = unchecked[s.at % Math.max(unchecked.length, 1)]
      if (text === undefined) return
      if (s.wrong) correct(model.ledger, text, quoteOf(yearOf(text)), 'annotate')
      else judge(model.ledger, text, 'supported')
    }
  }
}

const processor = unified().use(remarkParse).use(remarkDirective)

async function renderPage(markdown: string, ledger: Ledger): Promise<string> {
  const pipeline = unified().use(remarkParse).use(remarkDirective).use(remarkVetted, { ledger }).use(remarkRehype).use(rehypeStringify)
  return String(await pipeline.process(new VFile({ value: markdown, path: '/posts/post.md' })))
}

/** Each marked span: its correction's id (from its card) and the sentence it stands in (its paragraph's text, split as the model wrote it). */
function marksOf(html: string, model: Model): Array<{ id: string; sentence: string | undefined }> {
  const cards = new Map(
    [...html.matchAll(/<li id="post-correction-(\d+)" class="vetted-card" data-vetted-id="(c-[0-9a-f]+)"/g)].map((m) => [m[1]!, m[2]!]),
  )
  const marks: Array<{ id: string; sentence: string | undefined }> = []
  for (const paragraph of html.matchAll(/<p>(.*?)<\/p>/gs)) {
    const inner = paragraph[1]!
    if (!inner.includes('vetted-claim')) continue
    // The reader's text: the screen-reader note, the reference and the popover removed.
    const plain = inner
      .replace(/<span class="vetted-sr-only">.*?<\/span>/g, '')
      .replace(/<sup class="vetted-ref">.*?<\/sup>/g, '')
      .replace(/<button [^>]*>.*?<\/button>/g, '')
      .replace(/<span class="vetted-popover"[^>]*>.*?<\/span><\/span>|<span class="vetted-popover"[^>]*>.*?<\/span>/g, '')
    const sentences = model.paragraphs.find((p) => p.join(' ') === plain.replace(/<[^>]+>/g, ''))
    for (const mark of plain.matchAll(/<mark class="vetted-claim" id="post-claim-(\d+)">/g)) {
      const offset = plain.slice(0, mark.index).replace(/<[^>]+>/g, '').length
      let end = 0
      const sentence = sentences?.find((text) => offset < (end += text.length + 1))
      marks.push({ id: cards.get(mark[1]!)!, sentence })
    }
  }
  return marks
}

it('after every edit and verdict, marks stand only in sentences judged wrong for them, and no published correction present is missed', async () => {
  let marked = 0
  let backAndMarked = 0
  await fc.assert(
    fc.asyncProperty(start, fc.array(step, { minLength: 1, maxLength: 8 }), async (model, steps) => {
      for (const s of [undefined, ...steps]) {
        const before = analyze(processor.parse(markdownOf(model)), markdownOf(model), model.ledger)
        if (s)
          apply(
            model,
            s,
            before.unchecked.map((claim) => claim.text),
          )
        const markdown = markdownOf(model)
        const present = new Set(sentencesOf(model).map((text) => fingerprint(text)))
        const html = await renderPage(markdown, model.ledger)

        // Every mark lies in a sentence judged wrong for its correction.
        const marks = marksOf(html, model)
        for (const { id, sentence } of marks) {
          const correction = model.ledger.corrections[id]!
          expect(sentence, `${id} marked outside any sentence of ${markdown}`).toBeDefined()
          expect(fingerprint(sentence!)).toBe(correction.claim)
          expect(model.ledger.claims[correction.claim]?.verdict).toBe('incorrect')
        }
        marked += marks.length

        // Every published correction whose sentence is present is on the page and in the gate.
        const analysis = analyze(parseMarkdown(markdown), markdown, model.ledger)
        for (const correction of Object.values(model.ledger.corrections)) {
          const placed = analysis.corrections.find((c) => c.correction.id === correction.id)!
          if (present.has(correction.claim)) {
            expect(placed.status).toBe(correction.status)
            expect(placed.start, `${correction.id} lost in ${markdown}`).toBeDefined()
            if (correction.status === 'annotate') {
              expect(marks.map((m) => m.id)).toContain(correction.id)
              if (model.original.some((text) => fingerprint(text) === correction.claim)) backAndMarked++
            }
          } else {
            expect(placed.status).toBe('fixed')
            expect(marks.map((m) => m.id)).not.toContain(correction.id)
            // A sentence still holding its words is judged, or the gate counts it unchecked.
            for (const text of sentencesOf(model)) {
              if (!normalizeText(text).includes(correction.quote)) continue
              const judged = model.ledger.claims[fingerprint(text)]?.verdict !== undefined
              expect(judged || analysis.unchecked.some((claim) => claim.text === text), `${text} neither judged nor unchecked`).toBe(true)
            }
          }
        }
        // What the gate counts: open corrections present, and unchecked sentences.
        const open = analysis.corrections.filter((c) => c.status === 'open').map((c) => c.correction.id)
        expect(open.sort()).toEqual(
          Object.values(model.ledger.corrections)
            .filter((c) => c.status === 'open' && present.has(c.claim))
            .map((c) => c.id)
            .sort(),
        )
      }
    }),
    { numRuns: 120 },
  )
  // The property held on pages with marks, not on none.
  expect(marked).toBeGreaterThan(200)
  expect(backAndMarked).toBeGreaterThan(50)
}, 120_000)
