/**
 * Edge cache (Workers Cache API) for public JSON documents whose cache key already names their
 * version: nothing is ever purged, because publishing bumps the version and later readers ask
 * for a new key. Only the body and its ETag are cached; per-request headers such as CORS are
 * added by the middleware on the way out, so one entry serves every allowed origin.
 */
import { sha256Hex } from './crypto.ts';

export interface CachedDocument {
  body: string;
  etag: string;
  /** True when the body came from the cache. */
  hit: boolean;
}

/** A strong ETag for a body: equal bodies, equal tags, whether cached or freshly built. */
export async function etagOf(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

/** True when an `If-None-Match` header names `etag` (weak or strong) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined | null, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

/**
 * The document under `key` from the edge cache, or `build()`'s body, stored for `ttlSeconds`.
 * A failing cache never fails the request: it only costs a rebuild.
 */
export async function readThrough(key: string, ttlSeconds: number, build: () => Promise<string>): Promise<CachedDocument> {
  const cache = caches.default;
  try {
    const cached = await cache.match(key);
    const etag = cached?.headers.get('etag');
    if (cached && etag) return { body: await cached.text(), etag, hit: true };
  } catch (err) {
    console.warn('edge cache read failed', err);
  }
  const body = await build();
  const etag = await etagOf(body);
  try {
    await cache.put(
      key,
      new Response(body, {
        headers: { 'content-type': 'application/json', etag, 'cache-control': `public, max-age=${ttlSeconds}` },
      }),
    );
  } catch (err) {
    console.warn('edge cache write failed', err);
  }
  return { body, etag, hit: false };
}
