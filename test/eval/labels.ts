// Precision and recall of claim detection on a post whose every sentence is
// labelled by hand (eval/detection/<name>.labels.json beside <name>.md).

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseJsonAs } from '@vetted/core/internal'
import { parseMarkdown, sentencesOf, type DetectOptions } from '@vetted/post'
import { z } from 'zod'

/** `<name>.labels.json`: every sentence of the post beside it, as detection splits it, labelled by hand. */
export const LabelsFileSchema = z.strictObject({
  /** The post, relative to the labels file. */
  post: z.string().min(1),
  genre: z.string().min(1),
  sentences: z.array(
    z.strictObject({
      text: z.string().min(1),
      /** Asserts something a reader could verify or falsify against the world. */
      checkworthy: z.boolean(),
      /** Why, in one line. */
      reason: z.string().min(1),
    }),
  ),
})
export type LabelledSentence = z.infer<typeof LabelsFileSchema>['sentences'][number]

export interface LabelledEval {
  post: string
  genre: string
  /** Check-worthy sentences, and how many of them detection selects. */
  checkworthy: number
  caught: number
  /** Sentences that are not check-worthy, and how many detection selects anyway. */
  other: number
  falseAlarms: number
  /** Each sentence with its label and detection's answer: misses and false alarms are listed from it. */
  sentences: Array<LabelledSentence & { selected: boolean; reasons: string[] }>
  /** Sentences of the post that no label names (the splitting changed): the labels need revisiting by hand. */
  unlabelled: string[]
}

export interface Scores {
  recall: number
  precision: number
  f1: number
  /** Share of the non-check-worthy sentences that detection selects. */
  falseAlarmRate: number
}

/** Read `<name>.labels.json` and run detection on its post. A malformed file throws VettedInputError naming the place. */
export function evaluateLabels(labelsFile: string, options: DetectOptions = {}): LabelledEval {
  const { post, genre, sentences: labels } = readLabels(labelsFile)
  const path = join(dirname(labelsFile), post)
  const source = readFileSync(path, 'utf8')
  // A sentence may occur twice in a post: take its labels in order.
  const byText = new Map<string, LabelledSentence[]>()
  for (const label of labels) byText.set(label.text, [...(byText.get(label.text) ?? []), label])
  const result: LabelledEval = { post: path, genre, checkworthy: 0, caught: 0, other: 0, falseAlarms: 0, sentences: [], unlabelled: [] }
  for (const sentence of sentencesOf(parseMarkdown(source), source, options)) {
    const label = byText.get(sentence.text)?.shift()
    if (!label) {
      result.unlabelled.push(sentence.text)
      continue
    }
    result.sentences.push({ ...label, selected: sentence.selected, reasons: sentence.reasons })
    if (label.checkworthy) {
      result.checkworthy++
      if (sentence.selected) result.caught++
    } else {
      result.other++
      if (sentence.selected) result.falseAlarms++
    }
  }
  return result
}

function readLabels(file: string): z.infer<typeof LabelsFileSchema> {
  const text = readFileSync(file, 'utf8')
  return parseJsonAs(LabelsFileSchema, text, file, {
    json: 'a labels file: { post, genre, sentences: [{ text, checkworthy, reason }] }',
    lead: 'not a labels file at',
  })
}

/** Recall, precision, F1 and the false-alarm rate of counts added over one or more posts. */
export function scoresOf(results: LabelledEval[]): Scores {
  const sum = (key: 'checkworthy' | 'caught' | 'other' | 'falseAlarms') => results.reduce((total, result) => total + result[key], 0)
  const caught = sum('caught')
  const selected = caught + sum('falseAlarms')
  const recall = ratio(caught, sum('checkworthy'))
  const precision = ratio(caught, selected)
  return {
    recall,
    precision,
    f1: recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision),
    falseAlarmRate: ratio(sum('falseAlarms'), sum('other')),
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)
