/**
 * Edge cache (Workers Cache API) for public JSON documents whose cache key already names their
 * version: nothing is ever purged, because publishing bumps the version and later readers ask
 * for a new key. Only the body and its ETag are cached; per-request headers such as CORS are
 * added by the middleware on the way out, so one entry serves every allowed origin.
 *
 * In front of the edge cache sits a small per-isolate copy of the same entries: a hot bootstrap
 * is then answered without any I/O. It can be no staler than the edge cache, because it is keyed
 * by the same versioned key and kept no longer than the same TTL.
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

/** Entries kept per isolate, oldest dropped first; bootstraps are a few KB, so this stays small. */
const MEMORY_ENTRIES = 200;
const memory = new Map<string, { body: string; etag: string; expiresAt: number }>();

function keep(key: string, body: string, etag: string, expiresAt: number): void {
  memory.delete(key);
  memory.set(key, { body, etag, expiresAt });
  if (memory.size > MEMORY_ENTRIES) {
    const oldest = memory.keys().next();
    if (!oldest.done) memory.delete(oldest.value);
  }
}

/**
 * The document under `key` from this isolate's memory, the edge cache, or `build()`'s body,
 * stored for `ttlSeconds`. A failing cache never fails the request: it only costs a rebuild.
 * `inMemory: false` keeps a document out of the isolate's copy (deep review pages: many keys,
 * each rarely read, would push the hot bootstraps out); it is still cached at the edge.
 */
export async function readThrough(
  key: string,
  ttlSeconds: number,
  nowMs: number,
  build: () => Promise<string>,
  { inMemory = true }: { inMemory?: boolean } = {},
): Promise<CachedDocument> {
  const remember = inMemory ? keep : () => {};
  const held = memory.get(key);
  if (held && nowMs < held.expiresAt) return { body: held.body, etag: held.etag, hit: true };
  const expiresAt = nowMs + ttlSeconds * 1000;
  const cache = caches.default;
  try {
    const cached = await cache.match(key);
    const etag = cached?.headers.get('etag');
    if (cached && etag) {
      const body = await cached.text();
      // The edge entry may be older than this isolate's TTL says; keeping it longer only
      // repeats an answer for the same version, which is what the key promises anyway.
      remember(key, body, etag, expiresAt);
      return { body, etag, hit: true };
    }
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
  remember(key, body, etag, expiresAt);
  return { body, etag, hit: false };
}
