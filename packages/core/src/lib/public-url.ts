// A source URL is published as a link on a page and in reports, so it must be a
// public web address: a model (or a hand-edited ledger) could otherwise make a
// reader's browser call a router's admin page, a cloud metadata address or
// localhost, or show a password in a link. Refused: credentials, hosts that are
// not on the public internet (loopback, private, link-local, unspecified,
// single-label names, .localhost and .local), and URLs over MAX_URL_LENGTH.

/** Longer URLs are refused (the length many browsers, servers and sitemaps stop at). */
export const MAX_URL_LENGTH = 2_048

/** Why `url` is not a public http(s) URL that may be published, or undefined when it is. */
export function unpublishableUrlReason(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH)
    return `a URL of ${url.length.toLocaleString('en')} characters (at most ${MAX_URL_LENGTH.toLocaleString('en')})`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'text that is not a URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `a ${parsed.protocol} URL`
  if (parsed.username || parsed.password) return 'a URL with a user name or password in it'
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '')
  const kind = privateHostKind(host)
  return kind ? `a URL to ${kind} (${host})` : undefined
}

export function isPublishableUrl(url: string): boolean {
  return unpublishableUrlReason(url) === undefined
}

/** What kind of non-public host `host` (as the URL parser wrote it) is, if it is one. */
function privateHostKind(host: string): string | undefined {
  if (host.startsWith('[')) return privateIPv6Kind(host.slice(1, -1))
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)
  if (ipv4) return privateIPv4Kind(ipv4.slice(1).map(Number))
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback host'
  if (host.endsWith('.local')) return 'a link-local host'
  if (!host.includes('.')) return 'a host name that is not on the public internet'
  return undefined
}

function privateIPv4Kind([a, b]: number[]): string | undefined {
  if (a === 127) return 'a loopback address'
  if (a === 0) return 'an unspecified address'
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'a private address'
  if (a === 100 && b! >= 64 && b! <= 127) return 'a private address'
  if (a === 169 && b === 254) return 'a link-local address'
  if (a! >= 224) return 'a multicast or reserved address'
  return undefined
}

function privateIPv6Kind(address: string): string | undefined {
  if (address === '::1') return 'a loopback address'
  if (address === '::') return 'an unspecified address'
  // IPv4-mapped (::ffff:7f00:1 is 127.0.0.1): the IPv4 rules apply.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address)
  if (mapped) {
    const high = Number.parseInt(mapped[1]!, 16)
    const low = Number.parseInt(mapped[2]!, 16)
    return privateIPv4Kind([high >> 8, high & 255, low >> 8, low & 255]) ?? undefined
  }
  const first = Number.parseInt(address.split(':')[0] || '0', 16)
  if ((first & 0xfe00) === 0xfc00) return 'a private address'
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address'
  if ((first & 0xff00) === 0xff00) return 'a multicast address'
  return undefined
}
