// Colour on a TTY only, never with NO_COLOR (https://no-color.org) or TERM=dumb;
// the escape codes are Node's own (util.styleText).

import { styleText } from 'node:util'

export interface Style {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
  cyan(text: string): string
  /** Quoted words inside their sentence: bold and underlined, or between « and » without styling. */
  mark(text: string): string
}

const wrap = (format: Parameters<typeof styleText>[0]) => (text: string) => styleText(format, text, { validateStream: false })
const plain = (text: string) => text

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  const on = Boolean(stream.isTTY) && !('NO_COLOR' in env && env['NO_COLOR'] !== '') && env['TERM'] !== 'dumb'
  if (!on) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain, mark: (text) => `«${text}»` }
  return {
    bold: wrap('bold'),
    dim: wrap('dim'),
    red: wrap('red'),
    yellow: wrap('yellow'),
    green: wrap('green'),
    cyan: wrap('cyan'),
    mark: wrap(['bold', 'underline']),
  }
}
