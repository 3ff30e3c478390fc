/**
 * Where a merchant's webhook may point. Deliveries are server-side requests whose status staff
 * can read, so an endpoint on a private network would make the delivery log a probe of the
 * networks the Worker can reach (self-hosted workerd, `wrangler dev`). Only https on a public
 * address passes; local development opts in with `allowLocal`.
 *
 * Addresses are judged after the WHATWG URL parser has canonicalised them, which turns every
 * odd IPv4 spelling (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`) into a dotted quad and
 * every IPv6 literal into its compressed hex form (`[::ffff:10.0.0.1]` → `[::ffff:a00:1]`),
 * so one table of ranges covers them all. Names are judged by their shape only: a public name
 * that resolves to a private address is left to the runtime (Cloudflare's fetch does not reach
 * private ranges); see SECURITY.md.
 */

export type WebhookTargetRefusal = 'invalid_url' | 'https_required' | 'private_address' | 'local_name';

export type WebhookTargetVerdict = { ok: true } | { ok: false; reason: WebhookTargetRefusal };

export interface WebhookTargetOptions {
  /** Local development only: plain http and private or local hosts are accepted. */
  allowLocal: boolean;
}

/** IPv4 ranges that are not public unicast, as [first octets, prefix length]. */
const PRIVATE_V4: readonly (readonly [number, number, number, number, number])[] = [
  [0, 0, 0, 0, 8], // "this network"
  [10, 0, 0, 0, 8], // RFC 1918
  [100, 64, 0, 0, 10], // CGNAT (RFC 6598)
  [127, 0, 0, 0, 8], // loopback
  [169, 254, 0, 0, 16], // link-local, cloud metadata (169.254.169.254)
  [172, 16, 0, 0, 12], // RFC 1918
  [192, 0, 0, 0, 24], // IETF protocol assignments
  [192, 0, 2, 0, 24], // documentation
  [192, 88, 99, 0, 24], // 6to4 relay anycast
  [192, 168, 0, 0, 16], // RFC 1918
  [198, 18, 0, 0, 15], // benchmarking
  [198, 51, 100, 0, 24], // documentation
  [203, 0, 113, 0, 24], // documentation
  [224, 0, 0, 0, 4], // multicast
  [240, 0, 0, 0, 4], // reserved, broadcast
];

/** Host suffixes that name this machine or a private network, never a public receiver. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet', '.localdomain'];

function toV4Number(octets: readonly number[]): number {
  return (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
}

function isPrivateV4(octets: readonly number[]): boolean {
  const value = toV4Number(octets);
  return PRIVATE_V4.some(([a, b, c, d, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (toV4Number([a, b, c, d]) & mask) >>> 0;
  });
}

/** A dotted quad of decimal octets (the canonical form the URL parser gives), or null. */
function parseV4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 literal (brackets removed), or null. */
function parseV6(literal: string): number[] | null {
  let address = literal.toLowerCase();
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (quad) {
    const v4 = parseV4(quad[2] ?? '');
    if (!v4) return null;
    address = `${quad[1] ?? ''}${(((v4[0] ?? 0) << 8) | (v4[1] ?? 0)).toString(16)}:${(((v4[2] ?? 0) << 8) | (v4[3] ?? 0)).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function embeddedV4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

function isPrivateV6(g: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zerosTo5 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated) are spellings of the IPv4
  // address they carry, which decides.
  if (zerosTo5 && g5 === 0xffff) return isPrivateV4(embeddedV4(g6, g7));
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return isPrivateV4(embeddedV4(g6, g7));
  // ::a.b.c.d ("compatible", deprecated), ::1 and :: are never a public receiver.
  if (zerosTo5) return true;
  // NAT64 (64:ff9b::/96 carries an IPv4 address; 64:ff9b:1::/48 is for local use).
  if (g0 === 0x64 && g1 === 0xff9b) return g2 === 0 ? isPrivateV4(embeddedV4(g6, g7)) : true;
  // 6to4 (2002:a.b.c.d::/48) tunnels to the IPv4 address in its second and third groups.
  if (g0 === 0x2002) return isPrivateV4(embeddedV4(g1, g2));
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) return true; // the rest of ::/64 is not unicast
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x2001 && g1 < 0x0200) return true; // IETF protocol assignments, Teredo (2001::/32)
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (metadata fd00:ec2::254)
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/** Whether a URL's host (as `URL.hostname` gives it) is an address or name that is not public. */
export function isLocalHost(hostname: string): { local: false } | { local: true; reason: 'private_address' | 'local_name' } {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseV6(host.slice(1, -1));
    return groups === null || isPrivateV6(groups) ? { local: true, reason: 'private_address' } : { local: false };
  }
  const v4 = parseV4(host);
  if (v4) return isPrivateV4(v4) ? { local: true, reason: 'private_address' } : { local: false };
  // A name that still looks numeric was not canonicalised into an address: refuse it rather
  // than let a resolver read it as one.
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return { local: true, reason: 'private_address' };
  if (host === '' || !host.includes('.') || host === 'localhost') return { local: true, reason: 'local_name' };
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return { local: true, reason: 'local_name' };
  return { local: false };
}

/**
 * Whether staff may save, and the queue may deliver to, `url`.
 *
 * @example
 * ```ts
 * webhookTarget('https://hooks.shop.example/rebound', { allowLocal: false }); // { ok: true }
 * webhookTarget('https://169.254.169.254/', { allowLocal: false }); // { ok: false, reason: 'private_address' }
 * ```
 */
export function webhookTarget(url: string, options: WebhookTargetOptions): WebhookTargetVerdict {
  if (!URL.canParse(url)) return { ok: false, reason: 'invalid_url' };
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'invalid_url' };
  if (options.allowLocal) return { ok: true };
  if (parsed.protocol !== 'https:') return { ok: false, reason: 'https_required' };
  const host = isLocalHost(parsed.hostname);
  return host.local ? { ok: false, reason: host.reason } : { ok: true };
}
