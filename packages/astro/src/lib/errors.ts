// An error for the author, as Astro prints its own: what is wrong and where in
// the message, what to do in the hint (Astro prints it under "Hint:"), and no
// stack trace of ours under them.

import { AstroError } from 'astro/errors'

export function authorError(message: string, hint: string): AstroError {
  const error = new AstroError(message, hint)
  error.stack = ''
  return error
}
