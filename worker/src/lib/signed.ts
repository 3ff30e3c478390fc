/**
 * Signed, expiring tokens for links that travel by email or URL: case tracking, re-rating after
 * resolution, verified-purchase review links. A token is `base64url(payload).signature`, where the
 * payload names its purpose and expiry, and the signature is HMAC-SHA256 with the site's key, so
 * a token for one purpose or site is useless for another.
 */
import { fromBase64Url, hmacBase64Url, hmacVerify, toBase64Url } from './crypto.ts';

export type TokenPurpose = 'track' | 'rerate' | 'order' | 'unsubscribe' | 'confirm';

interface Envelope<T> {
  p: TokenPurpose;
  /** Expiry, epoch ms; 0 for never. */
  e: number;
  d: T;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function signToken<T>(key: string, purpose: TokenPurpose, data: T, expiresAtMs = 0): Promise<string> {
  const envelope: Envelope<T> = { p: purpose, e: expiresAtMs, d: data };
  const payload = toBase64Url(encoder.encode(JSON.stringify(envelope)));
  return `${payload}.${await hmacBase64Url(key, payload)}`;
}

/**
 * The token's data when it was signed with `key` for `purpose` and has not expired at `nowMs`;
 * otherwise null. Callers validate the data's shape with a schema.
 */
export async function verifyToken(key: string, purpose: TokenPurpose, token: string, nowMs: number): Promise<unknown> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 4096) return null;
  const payload = token.slice(0, dot);
  if (!(await hmacVerify(key, payload, token.slice(dot + 1)))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let envelope: unknown;
  try {
    envelope = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (typeof envelope !== 'object' || envelope === null) return null;
  const { p, e, d } = envelope as Partial<Envelope<unknown>>;
  if (p !== purpose || typeof e !== 'number') return null;
  if (e !== 0 && nowMs > e) return null;
  return d ?? null;
}
