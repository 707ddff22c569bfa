// A deterministic Markdown corpus for benchmarks and property checks: prose with
// numbers, names, emphasis, links, lists, quotes and code, plus a ledger whose
// corrections quote real spans of it.

import { correctionId, emptyLedger, fingerprint, type Ledger } from '@vetted/core'
import { detectClaims } from '@vetted/post'

/** Deterministic numbers in [0, 1) (mulberry32). */
export function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NAMES = ['Ada Lovelace', 'Tim Berners-Lee', 'Grace Hopper', 'CERN', 'the W3C', 'Netscape', 'IETF', 'Dennis Ritchie']
const VERBS = ['published', 'proposed', 'described', 'released', 'standardized', 'announced']
const THINGS = [
  'the first web browser',
  'a hypertext proposal',
  'the HTTP specification',
  'a compiler',
  'the C language',
  'a new markup format',
]
const OPINIONS = ['I find this charming.', 'Why does this matter?', 'Read on for the details.', 'It is worth a closer look.']

/** About `bytes` of Markdown, the same for the same seed. */
export function generateCorpus(bytes: number, seed = 1): string {
  const next = random(seed)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!
  const sentence = () => {
    const year = 1950 + Math.floor(next() * 70)
    const n = Math.floor(next() * 900) + 10
    const forms = [
      () => `In ${year}, ${pick(NAMES)} ${pick(VERBS)} ${pick(THINGS)}.`,
      () => `${pick(NAMES)} ${pick(VERBS)} *${pick(THINGS)}* about ${n} days later.`,
      () => `According to [${pick(NAMES)}](https://example.org/${n}), the project had ${n} contributors by ${year}.`,
      () => `It was **never** more than ${(n / 10).toFixed(1)} times faster than \`cc -O2\` on that machine.`,
      () => pick(OPINIONS),
    ]
    return pick(forms)()
  }
  const parts: string[] = []
  let size = 0
  let section = 0
  while (size < bytes) {
    const roll = next()
    let block: string
    if (roll < 0.08) block = `## Section ${++section}`
    else if (roll < 0.16) block = Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n')
    else if (roll < 0.2) block = `> ${sentence()} ${sentence()}`
    else if (roll < 0.23) block = '```js\nconst answer = 42 // not prose\n```'
    else block = Array.from({ length: 3 + Math.floor(next() * 4) }, sentence).join(' ')
    parts.push(block)
    size += block.length + 2
  }
  return `${parts.join('\n\n')}\n`
}

/**
 * A ledger for `markdown` with `entries` claim records (its claims up to that
 * many, judged, then records of sentences from earlier drafts, as a real ledger
 * keeps) and a correction on every tenth claim, quoting its first words.
 */
export function generateLedger(markdown: string, post: string, entries: number): Ledger {
  const ledger = emptyLedger(post)
  const claims = detectClaims(markdown).slice(0, entries)
  claims.forEach((claim, index) => {
    const corrected = index % 10 === 0
    ledger.claims[claim.fingerprint] = {
      text: claim.text,
      verdict: corrected ? 'incorrect' : 'supported',
      checker: 'bench@v1',
      checkedAt: '2026-11-01',
    }
    if (!corrected) return
    const quote = claim.text.split(' ').slice(0, 4).join(' ')
    const id = correctionId(post, claim.fingerprint, quote)
    ledger.corrections[id] = {
      id,
      claim: claim.fingerprint,
      quote,
      summary: 'The date is off by one year, according to the original announcement.',
      reasoning: 'The **announcement** is dated a year later.\n\n- See the [archive](https://example.org/archive).',
      sources: [
        { url: 'https://example.org/archive', title: 'Archive', quote: 'announced the following year' },
        { url: 'https://example.com/history', title: 'A history' },
      ],
      checker: { model: 'bench', prompt: 'v1', date: '2026-11-01' },
      status: 'annotate',
      history: [],
    }
  })
  for (let draft = 0; Object.keys(ledger.claims).length < entries; draft++) {
    const text = `An earlier draft said that ${draft} people read it in 1999.`
    ledger.claims[fingerprint(text)] = { text, verdict: 'supported', checker: 'bench@v1', checkedAt: '2026-10-01' }
  }
  return ledger
}
