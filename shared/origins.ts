/**
 * The page origins a site's widget may load on: the rule an origin entered by staff must meet
 * (`checkPageOrigin`, used by the console as the staff type and by the worker as the gate), and
 * `GET|POST|DELETE /v1/admin/origins`: the allowed ones and the ones the widget was refused on.
 */
import * as z from 'zod/mini';

export const RefusedOrigin = z.object({
  origin: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Refusals counted (at most one a minute per Worker instance is written). */
  count: z.int(),
});
export type RefusedOrigin = z.infer<typeof RefusedOrigin>;

/** When the widget was last loaded on an allowed origin (written at most every ten minutes per Worker instance). */
export const SeenOrigin = z.object({
  origin: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type SeenOrigin = z.infer<typeof SeenOrigin>;

export const SiteOrigins = z.object({
  /** The site's public key, for the embed snippet. */
  site: z.string(),
  allowed: z.array(z.string()),
  /** Allowed origins the widget has loaded on, most recently first; an allowed origin missing here has not been seen yet. */
  seen: z.array(SeenOrigin),
  /** Most recently seen first; origins allowed since are left out. At most 50 are kept. */
  refused: z.array(RefusedOrigin),
});
export type SiteOrigins = z.infer<typeof SiteOrigins>;

/** The longest origin accepted: a host name is at most 253 characters, plus scheme and port. */
export const MAX_ORIGIN_LENGTH = 300;

/** `POST /v1/admin/origins`: allow one more page origin. */
export const OriginInput = z.strictObject({ origin: z.string().check(z.minLength(1), z.maxLength(MAX_ORIGIN_LENGTH)) });
export type OriginInput = z.infer<typeof OriginInput>;

/** `DELETE /v1/admin/origins?origin=`: stop allowing one. */
export const OriginQuery = z.strictObject({ origin: z.string().check(z.minLength(1), z.maxLength(MAX_ORIGIN_LENGTH)) });

/**
 * Why an entered origin was refused: not a URL at all, a URL with more than the origin (a path,
 * query, fragment or credentials), or plain http on a host other than this machine.
 */
export type OriginProblem = 'not_origin' | 'has_path' | 'insecure';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads what staff typed as a page origin: `https://host[:port]`, or `http://` on localhost
 * (local development). A trailing slash and letter case are forgiven; anything after the
 * origin is not, because the widget is allowed per origin and a path would suggest otherwise.
 *
 * @example
 * checkPageOrigin('https://WWW.Shop.example/'); // { origin: 'https://www.shop.example' }
 * checkPageOrigin('http://shop.example');       // { problem: 'insecure' }
 */
export function checkPageOrigin(value: string): { origin: string } | { problem: OriginProblem } {
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_ORIGIN_LENGTH) return { problem: 'not_origin' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'not_origin' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'not_origin' };
  if (!url.hostname) return { problem: 'not_origin' };
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password || /[?#]$/.test(text)) return { problem: 'has_path' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return { problem: 'insecure' };
  return { origin: url.origin };
}
