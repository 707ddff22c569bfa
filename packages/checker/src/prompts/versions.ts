// SHA-256 of the prompt texts (see promptHash in ../lib/prompts.ts) for each
// PROMPT_VERSION ever released. A test fails when the texts change without a
// new version here: cached verdicts are only valid under the prompts that made them.
export const PROMPT_HASHES: Record<string, string> = {
  v1: 'PENDING',
}
