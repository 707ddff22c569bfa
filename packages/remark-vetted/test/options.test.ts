import remarkParse from 'remark-parse'
import { InvalidOptionError } from '@vetted/core'
import { unified } from 'unified'
import { expect, it } from 'vitest'
import remarkVetted, { type RemarkVettedOptions } from '../src/index.ts'

const use = (options: unknown) => () =>
  unified()
    .use(remarkParse)
    .use(remarkVetted, options as RemarkVettedOptions)
    .freeze()

it('refuses a bad option naming it and what was expected', () => {
  expect(use({ locale: 'not a locale!' })).toThrow(/invalid option locale: .*a locale Intl\.DateTimeFormat supports/)
  expect(use({ labels: { corrections: 3 } })).toThrow(/invalid option labels\.corrections/)
  expect(use({ labels: { Corrections: 'Korrekturen' } })).toThrow(/invalid option labels.*Corrections/)
  expect(use({ render: ['fixed'] })).toThrow(/invalid option render\[0\]/)
  expect(use({ labels: { Corrections: 'Korrekturen' } })).toThrow(
    new InvalidOptionError('remark-vetted: invalid option labels.Corrections: Unrecognized key: "Corrections"'),
  )
  expect(use({ preview: 'yes' })).toThrow(
    new InvalidOptionError('remark-vetted: invalid option preview: Invalid input: expected boolean, received string'),
  )
})

it('takes labels in part: the others stay English', () => {
  expect(use({ labels: { corrections: 'Korrekturen' }, locale: 'de' })).not.toThrow()
})
