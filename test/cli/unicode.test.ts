// A post checked in NFC and saved later in NFD (each accented letter written as a
// letter and a combining accent, as some macOS tools and editors save) is the same
// post: every verdict holds, nothing is sent or paid for again, the gate stays
// green, and a published correction stays published on its sentence. Before
// fingerprints took NFC over the whole text, every sentence with an accented
// letter lost its verdict.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { project, useFakeOpenAI, vettedInProcess } from './support.ts'

const { fake, online } = await useFakeOpenAI()

// Every sentence holds an accented letter. Detection selects those with a number
// (the fake model calls the one that says "flat" incorrect); the last one it
// leaves to the screen, in NFC as in NFD.
const POST = `---
title: Cafés
date: 2026-03-01
---

# Cafés of Montréal

In 1850, the café on Rue Notre-Dame served 1,200 crêpes a day.

In 1851, surveyors said the ground near Trois-Rivières was perfectly flat.

In 1852, the Société de Saint-Jean-Baptiste opened 3 schools in Québec.

In 1853, the café was sold to É. Tremblay for 400 dollars.

The Pont d'Iéna crosses the Seine opposite the Eiffel Tower.
`

describe('a post saved in NFD after an NFC check', () => {
  it('keeps every verdict: the gate passes and a check sends nothing', async () => {
    const cwd = project({ 'content/cafes.md': POST })
    const post = join(cwd, 'content/cafes.md')
    const checked = await vettedInProcess(['check'], { cwd, env: online })
    expect(checked.stdout).toContain('content/cafes.md — 1 correction found')
    const { corrections } = JSON.parse(readFileSync(join(cwd, 'content/cafes.vetted.json'), 'utf8'))
    const ids = Object.keys(corrections)
    expect(ids).toHaveLength(1)
    expect((await vettedInProcess(['resolve', ids[0]!, '--annotate'], { cwd })).code).toBe(0)
    expect(await vettedInProcess(['check', '--ci'], { cwd })).toMatchObject({ code: 0, stderr: '' })
    const ledger = readFileSync(join(cwd, 'content/cafes.vetted.json'), 'utf8')

    writeFileSync(post, POST.normalize('NFD'))
    expect(readFileSync(post, 'utf8')).not.toBe(POST) // the accents are combining marks now

    const gate = await vettedInProcess(['check', '--ci'], { cwd })
    expect(gate.stdout).toMatch(/\b0 unchecked, 0 open, 1 published, 0 dismissed, 0 fixed\b/)
    expect(gate).toMatchObject({ code: 0, stderr: '' })
    const before = fake.requests.length
    const again = await vettedInProcess(['check'], { cwd, env: online })
    expect(again.code).toBe(0)
    expect(fake.requests.length - before).toBe(0)
    // No verdict lost, no correction fixed: the ledger is as it was.
    expect(readFileSync(join(cwd, 'content/cafes.vetted.json'), 'utf8')).toBe(ledger)
  })
})
