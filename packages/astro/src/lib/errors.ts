// An error whose message says everything the author needs (what is wrong, where,
// what to do): Astro prints no stack trace of ours under it.

export function authorError(message: string): Error {
  const error = new Error(message)
  error.stack = ''
  return error
}
