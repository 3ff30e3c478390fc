/**
 * `GET /v1/feeds/{feedKey}/google-product-reviews.xml`: the site's Google Product Reviews feed
 * (schema 2.4), behind a secret URL instead of a login, because Merchant Center fetches it.
 *
 * The feed is written page by page from keyset queries into a stream, so 100,000 reviews are
 * never in memory at once. It is kept at the edge under the site's content version: the first
 * reader after a change streams it into the cache, and every reader then streams it out of the
 * cache, until the next publish, reply or catalogue change moves the version on.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { feedPublishedPage, feedSpamPage, siteForFeedKey, type FeedCursor, type FeedPage } from '../db/feeds.ts';
import { readFeedPhotos } from '../db/photos.ts';
import { readSiteRecent, type SiteRow } from '../db/sites.ts';
import { publicPhoto } from '../lib/photo-urls.ts';
import { ProblemError } from '../lib/problem.ts';
import { FEED_TAIL, feedHead, reviewXml, type FeedSite } from '../rules/feed-xml.ts';

/** Reviews per query: one D1 query per page, 100 queries for 100,000 reviews. */
export const FEED_PAGE = 1000;
const EDGE_TTL_SECONDS = 86_400;
const XML = 'application/xml; charset=utf-8';

/**
 * A page of published reviews with the absolute full-size URLs of their visible photos
 * (`apiUrl`: any URL on the worker's origin), read with one more query per page.
 */
async function withPhotos(db: D1Database, site: SiteRow, apiUrl: string, page: FeedPage): Promise<FeedPage> {
  if (!page.range) return page;
  const photos = await readFeedPhotos(db, site.id, page.range[0], page.range[1]);
  return { ...page, items: page.items.map((r) => ({ ...r, images: (photos.get(r.id) ?? []).map((p) => publicPhoto(apiUrl, site.id, p).full.url) })) };
}

/** The whole feed as a stream that reads one page only when the reader wants more. */
export function feedStream(db: D1Database, site: SiteRow, homeUrl: string, apiUrl: string, pageSize = FEED_PAGE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const feedSite: FeedSite = { name: site.name, homeUrl };
  const phases: ((after: FeedCursor | null) => Promise<FeedPage>)[] = [
    async (after) => withPhotos(db, site, apiUrl, await feedPublishedPage(db, site.id, after, pageSize)),
    (after) => feedSpamPage(db, site.id, after, pageSize),
  ];
  let phase = -1;
  let cursor: FeedCursor | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (phase === -1) {
          controller.enqueue(encoder.encode(feedHead(feedSite)));
          phase = 0;
          return;
        }
        // Each pull hands over something: a page of reviews, or the end. (An empty page, such as
        // a site with no spam, moves straight on, rather than rely on the runtime pulling again.)
        for (;;) {
          const read = phases[phase];
          if (!read) {
            controller.enqueue(encoder.encode(FEED_TAIL));
            controller.close();
            return;
          }
          const page = await read(cursor);
          cursor = page.next;
          if (!cursor) phase += 1;
          if (page.items.length > 0) {
            controller.enqueue(encoder.encode(page.items.map((r) => reviewXml(r, feedSite)).join('')));
            return;
          }
        }
      },
    },
    // Pull nothing ahead of the reader: one page in memory at a time.
    { highWaterMark: 0 },
  );
}

export const feedRoutes = new Hono<AppEnv>().get('/feeds/:feedKey/google-product-reviews.xml', async function googleFeed(c) {
  const key = c.req.param('feedKey');
  const db = c.env.DB;
  const siteId = /^[A-Za-z0-9_-]{16,64}$/.test(key) ? await siteForFeedKey(db, key) : null;
  const site = siteId ? await readSiteRecent(db, siteId, c.get('now')) : null;
  if (!site) throw new ProblemError(404, 'feed-not-found', 'There is no feed at this address (the key may have been rotated).');

  const homeUrl = site.origins[0] ? `${site.origins[0]}/` : new URL('/', c.req.url).toString();
  // Settings (the name, the origins) change without a content-version bump, so what the feed
  // shows of them is part of the key too.
  const cacheKey = new URL(`/v1/feeds/${encodeURIComponent(site.id)}/google-product-reviews.xml`, c.req.url);
  cacheKey.search = new URLSearchParams({ v: String(site.contentVersion), h: homeUrl, n: site.name }).toString();
  // Only the feed's own headers: the cached copy is shared by every reader of this version.
  const headers = { 'content-type': XML, 'cache-control': 'private, no-cache', 'x-robots-tag': 'noindex' };
  const cache = caches.default;
  try {
    let cached = await cache.match(cacheKey.toString());
    if (!cached) {
      // Streamed into the cache, then streamed out: a slow reader never makes the worker hold
      // the whole feed (a tee would buffer it for the slower side).
      await cache.put(cacheKey.toString(), new Response(feedStream(db, site, homeUrl, c.req.url), { headers: { 'content-type': XML, 'cache-control': `public, max-age=${EDGE_TTL_SECONDS}` } }));
      cached = await cache.match(cacheKey.toString());
      if (cached) return new Response(cached.body, { headers: { ...headers, 'x-rebound-cache': 'miss' } });
    } else {
      return new Response(cached.body, { headers: { ...headers, 'x-rebound-cache': 'hit' } });
    }
  } catch (err) {
    console.warn('feed cache failed; streaming directly', err);
  }
  return new Response(feedStream(db, site, homeUrl, c.req.url), { headers: { ...headers, 'x-rebound-cache': 'bypass' } });
});
