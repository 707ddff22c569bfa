// Secrets a server may send back: the key it was given (an error that quotes the
// Authorization header, a proxy's echo, a "model" that repeats its input) or the
// credentials of its own address. What a server says is stored in ledgers and
// printed in reports and CI logs, so secrets are taken out where its words enter
// (the fetch edge, for the configured ones) and wherever a message is made.

/** Texts never to show: the key and the user and password of baseURL. Short ones (the placeholder key "none") protect nothing and would garble text. */
export function secretsOf(config: { apiKey?: string | undefined; baseURL?: string | undefined }): string[] {
  const secrets = config.apiKey ? [config.apiKey] : []
  if (config.baseURL) {
    const { username, password } = new URL(config.baseURL)
    secrets.push(username, password, decodeURIComponent(username), decodeURIComponent(password))
  }
  return [...new Set(secrets)].filter((secret) => secret.length >= 6)
}

/** `text` with each of `secrets` replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) out = out.replaceAll(secret, '[redacted]')
  return out
}

/**
 * A message with secrets taken out: the configured ones, anything shaped like an
 * OpenAI key (sk-...), the token after Bearer or Basic, and user:password@ in a URL.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  return (
    redactSecrets(text, secrets)
      .replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, 'sk-[redacted]')
      .replace(/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
      // Basic credentials are base64; "Basic" followed by a plain word is prose.
      .replace(/\bBasic\s+[A-Za-z0-9+/]{8,}={0,2}/gi, 'Basic [redacted]')
      .replace(/\/\/[^/\s@]+@/g, '//[redacted]@')
  )
}
