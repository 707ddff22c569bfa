// Colour on a TTY only, never with NO_COLOR (https://no-color.org).

export interface Style {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
  cyan(text: string): string
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`
const plain = (text: string) => text

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  const on = Boolean(stream.isTTY) && !('NO_COLOR' in env && env['NO_COLOR'] !== '') && env['TERM'] !== 'dumb'
  if (!on) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain }
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) }
}
