// SHA-256 of the prompt texts (see promptHash in ../lib/prompts.ts) for each
// PROMPT_VERSION ever released. A test fails when the texts change without a
// new version here: cached verdicts are only valid under the prompts that made them.
export const PROMPT_HASHES: Record<string, string> = {
  v1: 'f1950f3c118f2d5b648667976f2a4ceeb2c9458dcd67a2843f5652e79e1421af',
  v2: '87803f401d5d94acd8989488022cc53a6c77ad5071d21357d3b0acea62d1425c',
  v3: '4f594038730c35017e9415bfc80b71919e5423f039712b0fea7758ded9986f4b',
  v4: 'a9838f58136cbb55f0b3e171fb977722d70697f659c11781b5c08d62bf3665e0',
}
