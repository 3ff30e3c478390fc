/**
 * Who is asking, without remembering who they are. A network is an IPv4 address, or an IPv6
 * /64 (one household or phone rotates through a whole /64). Limits and helpful votes are keyed
 * by the network alone, since a User-Agent is whatever the client says it is; the daily client
 * hash on submissions adds the User-Agent to tell a household's devices apart. The raw address
 * is never stored: only keyed hashes are.
 */
import { hmacBase64Url } from './crypto.ts';

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** Expands an IPv6 address to its eight hextets, or null when it is not one. */
function ipv6Groups(value: string): string[] | null {
  let address = value.toLowerCase().split('%')[0] ?? '';
  // A trailing dotted quad (::ffff:192.0.2.1) stands for the last two hextets.
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (quad) {
    const ip4 = quad[2] ?? '';
    if (!IPV4.test(ip4)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = ip4.split('.').map(Number);
    address = `${quad[1] ?? ''}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((g) => HEXTET.test(g)) ? groups.map((g) => parseInt(g, 16).toString(16)) : null;
}

/**
 * The network a request comes from: an IPv4 address as is, an IPv6 address cut to its /64
 * (IPv4-mapped IPv6 counts as IPv4). Anything unparseable becomes '' rather than being echoed.
 */
export function networkOf(ip: string | undefined | null): string {
  const value = (ip ?? '').trim();
  if (IPV4.test(value)) return value;
  const groups = ipv6Groups(value);
  if (!groups) return '';
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi = 0, lo = 0] = groups.slice(6).map((g) => parseInt(g, 16));
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The network a request comes from (see `networkOf`): what limits and votes are keyed by. */
export function clientNetwork(headers: Headers): string {
  return networkOf(headers.get('cf-connecting-ip'));
}

/** The identity of the client behind a request: network and User-Agent. */
export function clientIdentity(headers: Headers): string {
  const ua = (headers.get('user-agent') ?? '').slice(0, 512);
  return `${networkOf(headers.get('cf-connecting-ip'))}\n${ua}`;
}

/**
 * A stable per-site voter id from the voter's network (`clientNetwork`): one network counts
 * once per review, whatever User-Agents it sends.
 */
export function voterHash(signingKey: string, network: string): Promise<string> {
  return hmacBase64Url(signingKey, `vote\n${network}`);
}

/**
 * A per-site hash that links one client's submissions within a UTC day only (for spotting
 * bursts), keyed by a day key derived from the site key so yesterday's hashes cannot be
 * matched against today's.
 */
export async function dailyClientHash(signingKey: string, identity: string, nowMs: number): Promise<string> {
  const dayKey = await hmacBase64Url(signingKey, `client-day\n${new Date(nowMs).toISOString().slice(0, 10)}`);
  return hmacBase64Url(dayKey, identity);
}
