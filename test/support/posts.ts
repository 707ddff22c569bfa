// A blog for benchmarks, built the same on every machine from a seed: posts of 5
// to 50 KB (most 5 to 20 KB) with frontmatter and the prose of a personal blog
// (sentences of every length, most of them no claim; headings, lists, quotes,
// links, emphasis, inline code, code blocks, some tables and footnotes), each with
// the ledger `vetted check` leaves once the author has settled it: every claim
// judged by the current checker, a few corrections published, dismissed or fixed.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_MODEL, currentCheckerKey, currentScreenerKey } from '@vetted/checker'
import { correctionId, emptyLedger, fingerprint, serializeLedger, type Claim, type Correction, type Ledger } from '@vetted/core'
import { detectClaims, parseMarkdown, sentencesOf } from '@vetted/post'
import { random } from './corpus.ts'

export interface BlogPost {
  /** File name: `NNN-slug.md`. */
  name: string
  markdown: string
  ledger: Ledger
}

type Random = ReturnType<typeof random>
const pick = <T>(next: Random, list: readonly T[]): T => list[Math.floor(next() * list.length)]!
const between = (next: Random, low: number, high: number) => low + Math.floor(next() * (high - low + 1))

// What a post is about: its nouns, the people and places its facts name, its code.
interface Topic {
  titles: string[]
  things: string[]
  people: string[]
  places: string[]
  code: { lang: string; lines: string[] }
}

const TOPICS: Topic[] = [
  {
    titles: [
      'What I learned rewriting our build',
      'Notes on a slow test suite',
      'The parser nobody wanted to touch',
      'Moving the cache out of the hot path',
    ],
    things: [
      'the build',
      'the cache',
      'our test suite',
      'the parser',
      'the deploy script',
      'the database',
      'the job queue',
      'the old API',
      'the compiler',
      'the release branch',
      'the lock file',
      'the logging setup',
    ],
    people: ['Ken Thompson', 'Barbara Liskov', 'Grace Hopper', 'Guido van Rossum', 'Margaret Hamilton', 'Donald Knuth'],
    places: ['Bell Labs', 'Mozilla', 'the Apache Foundation', 'MIT', 'Xerox PARC', 'GitHub'],
    code: {
      lang: 'ts',
      lines: [
        'const cache = new Map<string, Entry>()',
        'for (const file of files) {',
        '  if (cache.has(file.path)) continue',
        '  cache.set(file.path, await compile(file))',
        '}',
        'export function key(file: File): string {',
        '  return `${file.path}:${file.hash}`',
        'await rm(outDir, { recursive: true, force: true })',
        'console.log(`built ${count} files in ${ms} ms`)',
      ],
    },
  },
  {
    titles: [
      'A short history of the telescope',
      'The measurement that changed its mind',
      'Reading an old paper slowly',
      'How a bad instrument taught us something',
    ],
    things: [
      'the telescope',
      'the experiment',
      'the paper',
      'the measurement',
      'the lens',
      'the theory',
      'the notebook',
      'the observatory',
      'the data',
      'the instrument',
    ],
    people: ['Marie Curie', 'Lise Meitner', 'Edwin Hubble', 'Henrietta Leavitt', 'Isaac Newton', 'Cecilia Payne'],
    places: ['the Royal Society', 'Cambridge', 'Mount Wilson', 'Harvard College Observatory', 'Vienna', 'Paris'],
    code: {
      lang: 'py',
      lines: [
        'import numpy as np',
        'distances = np.array(readings) * scale',
        'def fit(xs, ys):',
        '    slope, intercept = np.polyfit(xs, ys, 1)',
        '    return slope, intercept',
        'print(f"{slope:.3f} per megaparsec")',
        'for star in catalog:',
        '    periods.append(star.period)',
      ],
    },
  },
  {
    titles: [
      'A year of baking bread at home',
      'Why my sourdough stopped rising',
      'Kitchen notes from a cold winter',
      'The oven I should have bought',
    ],
    things: [
      'the dough',
      'the starter',
      'the oven',
      'the crust',
      'the flour',
      'the proofing basket',
      'the kitchen scale',
      'the loaf',
      'the recipe',
      'the water',
    ],
    people: ['Julia Child', 'Elizabeth David', 'Chad Robertson', 'Nancy Silverton', 'Ken Forkish'],
    places: ['San Francisco', 'Lyon', 'the county fair', 'Tartine', 'the farmers market'],
    code: {
      lang: 'sh',
      lines: [
        '# grams of water for a given hydration',
        'flour=500',
        'hydration=75',
        'echo $(( flour * hydration / 100 ))',
        'ls photos/ | wc -l',
        'convert crumb.jpg -resize 1200x crumb-small.jpg',
      ],
    },
  },
  {
    titles: ['Riding the old railway line', 'Three days on a loaded bike', 'What the map did not show', 'Notes from a wet spring tour'],
    things: [
      'the bike',
      'the trail',
      'the map',
      'the railway line',
      'the tent',
      'the climb',
      'the ferry',
      'the village',
      'the headwind',
      'the route',
    ],
    people: ['Annie Londonderry', 'Thomas Stevens', 'Dervla Murphy', 'Eddy Merckx', 'Beryl Burton'],
    places: ['the Pyrenees', 'the Danube', 'Brittany', 'the Highlands', 'Lake Constance', 'the Camino'],
    code: {
      lang: 'js',
      lines: [
        'const km = track.reduce((sum, leg) => sum + leg.km, 0)',
        'const climbs = track.filter((leg) => leg.gain > 300)',
        'console.log(km.toFixed(1), climbs.length)',
        'export default { units: "metric", smoothing: 5 }',
      ],
    },
  },
]

const OPENERS = [
  'At first',
  'Later that week',
  'In the end',
  'For a while',
  'Looking back',
  'On the second try',
  'Somewhat to my surprise',
  'Before long',
  'After lunch',
  'Even so',
]
const FEELINGS = [
  'a little lost',
  'oddly calm',
  'impatient',
  'relieved',
  'curious',
  'tired but happy',
  'unsure of myself',
  'stubborn about it',
]
const QUALITIES = [
  'slow',
  'fragile',
  'pleasant',
  'awkward',
  'clever',
  'noisy',
  'simple',
  'confusing',
  'sturdy',
  'forgiving',
  'strange',
  'quiet',
]
const ACTIONS = [
  'looked at',
  'worried about',
  'rewrote',
  'cleaned up',
  'put aside',
  'came back to',
  'took apart',
  'argued about',
  'wrote down',
  'tried out',
  'misread',
  'noticed',
]
const VERBS = ['described', 'measured', 'published', 'introduced', 'proposed', 'reported', 'built', 'announced']
const LINKS = [
  'https://example.org/notes',
  'https://example.com/archive/2019',
  'https://en.wikipedia.org/wiki/Example',
  'https://example.net/a-long-read',
  'https://example.org/photos',
]
const HEADINGS = ['What happened to', 'More about', 'Back to', 'A note on', 'Living with', 'The trouble with', 'Why I kept']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** One sentence: most are narration, opinion, questions or asides; some assert a fact with a date, number, name or source. */
function sentence(next: Random, topic: Topic): string {
  const thing = () => pick(next, topic.things)
  const person = () => pick(next, topic.people)
  const place = () => pick(next, topic.places)
  const year = () => String(between(next, 1850, 2025))
  const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1)
  const forms: Array<() => string> = [
    // Narration and opinion: no claims.
    () => `${pick(next, OPENERS)}, I ${pick(next, ACTIONS)} ${thing()} and felt ${pick(next, FEELINGS)}.`,
    () => `${capital(thing())} was ${pick(next, QUALITIES)}, and ${thing()} was ${pick(next, QUALITIES)} in a way I had not expected.`,
    () => `I ${pick(next, ACTIONS)} ${thing()} again.`,
    () => `That was the easy part.`,
    () => `It felt ${pick(next, QUALITIES)}, but not in a bad way.`,
    () => `Why would anyone put up with ${thing()} for so long?`,
    () => `Maybe ${thing()} was never the problem.`,
    () => `You can probably guess what happened next.`,
    () =>
      `We ${pick(next, ACTIONS)} ${thing()} while somebody made tea, and then we ${pick(next, ACTIONS)} ${thing()} as if nothing had happened.`,
    () => `Try to picture ${thing()} on a ${pick(next, QUALITIES)} afternoon, with ${thing()} waiting and nobody in a hurry.`,
    () =>
      `I think ${thing()} deserves a ${pick(next, QUALITIES)} word or two here, if only to explain why I kept coming back to it after the rest of the plan had changed.`,
    () => `Not quite.`,
    () => `The thing about ${thing()} is that it rewards patience, and I had very little of it that week.`,
    () => `${pick(next, OPENERS)}, ${thing()} started to make sense.`,
    () => `It is hard to say what changed; ${thing()} just got ${pick(next, QUALITIES)} and stayed that way.`,
    () => `So I ${pick(next, ACTIONS)} ${thing()}.`,
    () =>
      `There is a version of this story where ${thing()} gets the credit, and another where ${thing()} does, and I am not sure which one I believe on a ${pick(next, QUALITIES)} day like today.`,
    () => `Here is what I mean.`,
    () => `It was ${pick(next, QUALITIES)} work, and we were ${pick(next, FEELINGS)}.`,
    () => `The rest of ${thing()} can wait for another post.`,
    // Facts: these are the claims.
    () => `In ${year()}, ${person()} ${pick(next, VERBS)} ${thing()} at ${place()}.`,
    () => `${person()} ${pick(next, VERBS)} the first version of ${thing()} in ${pick(next, MONTHS)} ${year()}.`,
    () => `According to ${place()}, ${thing()} took ${between(next, 3, 90)} days, which is more than twice what anyone had planned.`,
    () => `By ${year()}, ${thing()} was used by about ${between(next, 2, 95)} percent of the people who tried it.`,
    () => `${capital(thing())} is ${between(next, 2, 12)} times faster than ${thing()} because it does less work.`,
    () => `${person()} once wrote that ${thing()} matters more than ${thing()}, and ${place()} has said much the same since ${year()}.`,
  ]
  return pick(next, forms)()
}

/** The sentence with some inline Markdown: emphasis, strong, a link or inline code, on one word group. */
function decorate(next: Random, text: string): string {
  const roll = next()
  const match = /\b(?:the|a|an) [a-z]+\b/.exec(text)
  if (!match || roll > 0.3) return text
  const words = match[0]
  const start = match.index
  const marked =
    roll < 0.1
      ? `*${words}*`
      : roll < 0.16
        ? `**${words}**`
        : roll < 0.26
          ? `[${words}](${pick(next, LINKS)})`
          : words.replace(/\w+$/, (word) => `\`${word}\``)
  return text.slice(0, start) + marked + text.slice(start + words.length)
}

/** A paragraph's text, wrapped at 80 columns in posts written that way. */
function wrap(text: string, hardWrap: boolean): string {
  if (!hardWrap) return text
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 80) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return [...lines, line].join('\n')
}

/** A post's size in bytes: log-normal around 11 KB, kept between 5 and 50 KB. */
function postSize(next: Random): number {
  for (;;) {
    // Box-Muller: one normal deviate.
    const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
    const size = Math.round(11_000 * Math.exp(0.5 * normal))
    if (size >= 5_000 && size <= 50_000) return size
  }
}

/** The Markdown of post `index`: frontmatter, then blocks until it reaches its size. */
export function generatePost(index: number, seed = 1): { name: string; markdown: string; date: string } {
  const next = random(seed * 7919 + index)
  const topic = TOPICS[index % TOPICS.length]!
  const size = postSize(next)
  const hardWrap = next() < 0.5
  const title = `${pick(next, topic.titles)} (part ${index + 1})`
  const date = new Date(Date.UTC(2019, 0, 1) + between(next, 0, 7 * 365) * 86_400_000).toISOString().slice(0, 10)
  const paragraph = (count: number) => wrap(Array.from({ length: count }, () => decorate(next, sentence(next, topic))).join(' '), hardWrap)
  const footnotes: string[] = []
  const blocks: string[] = [
    `---\ntitle: ${title}\ndate: ${date}\ndescription: ${sentence(next, topic).replace(/:/g, ',')}\n---`,
    paragraph(between(next, 2, 4)),
  ]
  let bytes = blocks.join('\n\n').length
  while (bytes < size) {
    const roll = next()
    let block: string
    if (roll < 0.5) {
      block = paragraph(between(next, 1, 7))
      if (next() < 0.06) {
        footnotes.push(`[^${footnotes.length + 1}]: ${sentence(next, topic)}`)
        block += `[^${footnotes.length}]`
      }
    } else if (roll < 0.6) block = `${next() < 0.8 ? '##' : '###'} ${pick(next, HEADINGS)} ${pick(next, topic.things)}`
    else if (roll < 0.7) {
      const ordered = next() < 0.3
      const items = Array.from({ length: between(next, 2, 6) }, () => decorate(next, sentence(next, topic)))
      block = items.map((item, i) => `${ordered ? `${i + 1}.` : '-'} ${item}`).join('\n')
    } else if (roll < 0.76) block = paragraph(between(next, 1, 3)).replace(/^/gm, '> ')
    else if (roll < 0.86) {
      const { lines: all } = topic.code
      const from = between(next, 0, all.length - 1)
      const lines = Array.from({ length: between(next, 3, 14) }, (_, i) => all[(from + i) % all.length])
      block = `\`\`\`${topic.code.lang}\n${lines.join('\n')}\n\`\`\``
    } else if (roll < 0.88) {
      const rows = Array.from(
        { length: between(next, 2, 6) },
        () => `| ${pick(next, topic.things)} | ${between(next, 1, 500)} | ${pick(next, QUALITIES)} |`,
      )
      block = ['| what | how many | notes |', '| --- | ---: | --- |', ...rows].join('\n')
    } else if (roll < 0.89) block = `![${pick(next, topic.things)} in the evening light](/images/${index}-${blocks.length}.jpg)`
    else block = paragraph(between(next, 3, 6))
    blocks.push(block)
    bytes += block.length + 2
  }
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  const name = `${String(index).padStart(3, '0')}-${slug}.md`
  return { name, markdown: `${[...blocks, ...footnotes].join('\n\n')}\n`, date }
}

const REASONINGS = [
  'The **primary source** gives a different figure.\n\n- See the [archive](https://example.org/archive) for the original wording.',
  'Two independent accounts agree on the earlier date. The post seems to repeat a mistake from a popular retelling.',
  'The sentence compresses two events into one.\n\n- The first happened a year earlier.\n- The second was reported by a *different* group.',
  'The figure comes from a later edition, where `table 2` was revised; the first edition says otherwise.',
]

/**
 * The ledger of a settled post: every claim judged by the current checker
 * (`supported`, some `unverifiable`), every other sentence screened as not
 * check-worthy, earlier drafts' claims still on record, and
 * a few corrections: published (`annotate`), dismissed with a note, and fixed
 * (the author rewrote the sentence, so its quote is gone from the post).
 */
export function settledLedger(post: string, markdown: string, date: string, seed = 1): Ledger {
  const next = random(seed * 104_729 + markdown.length)
  const checker = currentCheckerKey({})
  const stamp = { model: DEFAULT_MODEL, prompt: checker.slice(checker.indexOf('@') + 1), date }
  const ledger = emptyLedger(post)
  const claims = detectClaims(markdown)
  for (const claim of claims) {
    ledger.claims[claim.fingerprint] = { text: claim.text, verdict: next() < 0.1 ? 'unverifiable' : 'supported', checker, checkedAt: date }
  }
  // Coverage "all": every other sentence went through the screen, which found nothing to check in it.
  const screen = {
    checkWorthy: false,
    reason: 'An opinion or a remark about the post, nothing to check.',
    checker: currentScreenerKey({}),
    checkedAt: date,
  }
  for (const sentence of sentencesOf(parseMarkdown(markdown), markdown)) {
    if (!sentence.selected) ledger.claims[sentence.fingerprint] ??= { text: sentence.text, screen }
  }
  // `fixed`: published, then its sentence left the post (a history event; the status stays annotate).
  const correction = (claim: Pick<Claim, 'text' | 'fingerprint'>, state: Correction['status'] | 'fixed'): Correction => {
    const status = state === 'fixed' ? 'annotate' : state
    const words = claim.text.split(' ')
    const length = Math.min(words.length, between(next, 3, 8))
    const from = between(next, 0, words.length - length)
    const quote = words.slice(from, from + length).join(' ')
    const id = correctionId(post, claim.fingerprint, quote)
    const history: Correction['history'] = [{ date, status: 'open' }]
    if (status !== 'open') history.push({ date, status })
    if (state === 'fixed') history.push({ date: '2026-11-20', status: 'fixed' })
    const sources = Array.from({ length: between(next, 1, 3) }, (_, n) => ({
      url: `https://example.org/source/${n}`,
      title: `Source ${n + 1}`,
      ...(next() < 0.3 ? { quote: 'the figure given in the original report' } : {}),
    }))
    return {
      id,
      claim: claim.fingerprint,
      quote,
      summary: 'The original record gives a different date and figure than the post does.',
      reasoning: pick(next, REASONINGS),
      sources,
      checker: stamp,
      status,
      ...(status === 'dismiss' ? { note: 'The post means the first public version, which is what it says.' } : {}),
      validation: { approved: true, reason: 'The sources support the correction.' },
      history,
    }
  }
  // Distinct claims, spread over the post, for the corrections.
  const chosen = claims.filter((claim) => claim.text.split(' ').length >= 6 && !claim.quoted).filter((_, i) => i % 7 === 3)
  const published = between(next, 0, 3)
  const dismissed = next() < 0.25 ? 1 : 0
  chosen.slice(0, published + dismissed).forEach((claim, i) => {
    ledger.claims[claim.fingerprint]!.verdict = 'incorrect'
    const entry = correction(claim, i < published ? 'annotate' : 'dismiss')
    ledger.corrections[entry.id] = entry
  })
  // Sentences the author has since rewritten: their records stay, and so does a fixed correction.
  for (let draft = between(next, 0, 4); draft > 0; draft--) {
    const text = `An earlier draft said ${pick(next, ['the work', 'the project', 'the trip', 'the study'])} began in ${between(next, 1900, 2020)} with ${between(next, 2, 40)} people.`
    ledger.claims[fingerprint(text)] = { text, verdict: 'incorrect', checker, checkedAt: date }
    if (draft === 1 && next() < 0.4) {
      const entry = correction({ text, fingerprint: fingerprint(text) }, 'fixed')
      ledger.corrections[entry.id] = entry
    }
  }
  ledger.usage.push({
    date: `${date}T12:00:00.000Z`,
    checker,
    claims: claims.length,
    requests: Math.ceil(claims.length / 10) * 2,
    inputTokens: 40_000,
    outputTokens: 6_000,
    searches: 12,
  })
  return ledger
}

/** `count` posts with their settled ledgers, the same for the same seed. */
export function generateBlog(count = 200, seed = 1): BlogPost[] {
  return Array.from({ length: count }, (_, index) => {
    const { name, markdown, date } = generatePost(index, seed)
    return { name, markdown, ledger: settledLedger(name, markdown, date, seed) }
  })
}

/** Each post and its ledger (`NNN-slug.vetted.json`) into `folder`. */
export function writeBlog(folder: string, posts: BlogPost[]): void {
  for (const post of posts) {
    writeFileSync(join(folder, post.name), post.markdown)
    writeFileSync(join(folder, post.name.replace(/\.md$/, '.vetted.json')), serializeLedger(post.ledger))
  }
}

/** Totals to print beside a benchmark's figures. */
export function describeBlog(posts: BlogPost[]): string {
  const sizes = posts.map((post) => Buffer.byteLength(post.markdown)).sort((a, b) => a - b)
  const total = sizes.reduce((sum, size) => sum + size, 0)
  const corrections = posts.flatMap((post) => Object.values(post.ledger.corrections))
  const count = (status: string) =>
    corrections.filter((c) => (status === 'fixed' ? c.history.at(-1)?.status === 'fixed' : c.status === status)).length
  const claims = posts.reduce((sum, post) => sum + Object.keys(post.ledger.claims).length, 0)
  return (
    `${posts.length} posts, ${(total / 1024 / 1024).toFixed(2)} MB (${(sizes[0]! / 1024).toFixed(0)} to ${(sizes.at(-1)! / 1024).toFixed(0)} KB, ` +
    `median ${(sizes[Math.floor(sizes.length / 2)]! / 1024).toFixed(0)} KB), ${claims} claim records, ` +
    `corrections: ${count('annotate')} published, ${count('dismiss')} dismissed, ${count('fixed')} fixed`
  )
}
