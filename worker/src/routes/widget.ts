/**
 * The widget's public reads and votes: the first-render bootstrap (edge-cached per content
 * version), pages of published reviews, and helpful votes. Site loading and CORS run before
 * these handlers (middleware/site.ts).
 */
import { Hono } from 'hono';
import { ReviewsQuery, type HelpfulVoted, type ReviewsPage, type Sort } from '../../../shared/review.ts';
import { WidgetQuery, type PublicSite, type WidgetBootstrap } from '../../../shared/site.ts';
import type { AppEnv } from '../types.ts';
import { bumpContentVersion, type SiteRow } from '../db/sites.ts';
import { readProduct } from '../db/products.ts';
import { readSummary } from '../db/summaries.ts';
import { incrementHelpful, readPublishedReview, readReviewsPage, sortKeySchema, type ReviewsPageQuery, type ReviewsPageRows } from '../db/submissions.ts';
import { hasVoted, insertVote } from '../db/votes.ts';
import { readPhotosOf } from '../db/photos.ts';
import { publicPhoto } from '../lib/photo-urls.ts';
import { matchesIfNoneMatch, readThrough } from '../lib/cache.ts';
import { clientNetwork, voterHash } from '../lib/client.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { ProblemError } from '../lib/problem.ts';
import { limitShared, RATE_LIMITS } from '../middleware/rate-limit.ts';
import { valid } from '../lib/validate.ts';
import { noteRefusedOrigin, noteSeenOrigin, refusedOrigin } from '../lib/refused-origin.ts';

/**
 * Browsers revalidate every time (a 304 when the ETag still matches), so a review staff just
 * approved or a reply they just wrote shows on the next page view. The expensive part is cached
 * at the edge under the site's content version, which every publish bumps.
 */
const BOOTSTRAP_CACHE_CONTROL = 'public, no-cache';
/** How long the edge keeps one version of a bootstrap; a newer version is a new key anyway. */
const EDGE_TTL_SECONDS = 300;
const FIRST_PAGE = 10;

/** The settings any visitor may see: never the secrets, the signing key or staff matters. */
export function publicSite(site: SiteRow): PublicSite {
  const s = site.settings;
  return {
    id: site.id,
    name: site.name,
    locales: s.locales,
    defaultLang: s.defaultLang,
    theme: s.theme,
    kinds: s.kinds,
    brandColor: s.brandColor,
    responseTimeHours: s.responseTimeHours ?? null,
    strings: s.strings,
    turnstileSiteKey: s.turnstileSiteKey ?? null,
  };
}

/** Fingerprints by row object: a site row remembered by loadSite is hashed once, not per request. */
const fingerprints = new WeakMap<SiteRow, string>();

/** Settings change without a content-version bump, so their fingerprint is part of the cache key too. */
async function settingsFingerprint(site: SiteRow, visible: PublicSite): Promise<string> {
  let fingerprint = fingerprints.get(site);
  if (fingerprint === undefined) {
    fingerprint = (await sha256Hex(JSON.stringify(visible))).slice(0, 16);
    fingerprints.set(site, fingerprint);
  }
  return fingerprint;
}

/**
 * The edge-cache key of one public document of a site: its path on this worker, the query that
 * selects it, and the site's content version, so a publish moves every reader to a new key.
 */
function versionedKey(requestUrl: string, site: SiteRow, document: 'widget' | 'reviews', query: Record<string, string>): string {
  const key = new URL(`/v1/sites/${encodeURIComponent(site.id)}/${document}`, requestUrl);
  key.search = new URLSearchParams({ ...query, v: String(site.contentVersion) }).toString();
  return key.toString();
}

/** Binds a cursor to the list it continues: another sort, subject, star or photo filter cannot reuse it. */
function cursorScope(sort: Sort, subject: string, stars: number | undefined, photos = false): string {
  return `reviews\n${sort}\n${subject}\n${stars ?? ''}${photos ? '\nphotos' : ''}`;
}

interface PageContext {
  db: D1Database;
  requestUrl: string;
}

async function toPage(
  ctx: PageContext,
  site: SiteRow,
  sort: Sort,
  subject: string,
  stars: number | undefined,
  rows: ReviewsPageRows,
  photosOnly = false,
): Promise<ReviewsPage> {
  const photos = await readPhotosOf(ctx.db, site.id, rows.items.map((r) => r.id), { includeHidden: false });
  return {
    items: rows.items.map((r) => ({ ...r, photos: (photos.get(r.id) ?? []).map((p) => publicPhoto(ctx.requestUrl, site.id, p)) })),
    nextCursor: rows.nextKey ? await encodeCursor(site.signingKey, cursorScope(sort, subject, stars, photosOnly), rows.nextKey) : null,
  };
}

export const widgetRoutes = new Hono<AppEnv>()
  .get('/widget', valid('query', WidgetQuery), async function widgetBootstrap(c) {
    const site = c.get('site');
    // A page the site did not register: tell it so, readably, instead of a CORS error.
    const origin = c.req.header('origin');
    if (origin !== undefined && !site.origins.includes(origin)) {
      await noteRefusedOrigin(c.env.DB, site.id, origin, c.get('now'));
      throw refusedOrigin(site.id, origin);
    }
    // For the Install page's "last seen" (before the edge cache, which would hide most loads).
    if (origin !== undefined) await noteSeenOrigin(c.env.DB, site.id, origin, c.get('now'));
    // `lang` is accepted but changes nothing: the answer carries every locale's strings, so one
    // cached copy serves both languages.
    const { subject } = c.req.valid('query');
    const visible = publicSite(site);
    const fingerprint = await settingsFingerprint(site, visible);
    const key = versionedKey(c.req.url, site, 'widget', { subject, s: fingerprint });

    const doc = await readThrough(key, EDGE_TTL_SECONDS, c.get('now'), async function buildBootstrap() {
      await limitShared(c, RATE_LIMITS.bootstrap);
      const [summary, rows, product] = await Promise.all([
        readSummary(c.env.DB, site.id, subject),
        readReviewsPage(c.env.DB, site.id, { subject, sort: 'newest', limit: FIRST_PAGE }),
        subject === '' ? null : readProduct(c.env.DB, site.id, subject),
      ]);
      const bootstrap: WidgetBootstrap = {
        site: visible,
        subject,
        summary,
        reviews: await toPage({ db: c.env.DB, requestUrl: c.req.url }, site, 'newest', subject, undefined, rows),
        product: product && {
          name: product.name,
          url: product.url,
          imageUrl: product.imageUrl,
          gtin: product.gtin,
          mpn: product.mpn,
          sku: product.sku,
          brand: product.brand,
        },
      };
      return JSON.stringify(bootstrap);
    });

    const headers = { 'cache-control': BOOTSTRAP_CACHE_CONTROL, etag: doc.etag };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), doc.etag)) return c.body(null, 304, headers);
    return c.body(doc.body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  })

  .get('/reviews', valid('query', ReviewsQuery), async function listReviews(c) {
    const site = c.get('site');
    const { subject, sort, stars, cursor, limit } = c.req.valid('query');
    const photosOnly = c.req.valid('query').photos === '1';
    let after: ReviewsPageQuery['after'];
    if (cursor !== undefined) {
      after = (await decodeCursor(site.signingKey, cursorScope(sort, subject, stars, photosOnly), cursor, sortKeySchema(sort))) ?? undefined;
      if (!after) {
        throw new ProblemError(400, 'invalid-cursor', 'The cursor is not one this list gave out; start again without it.', [
          { path: 'cursor', code: 'invalid_cursor', message: 'is not a cursor of this list' },
        ]);
      }
    }
    // A page is cached at the edge like the bootstrap: under the site's content version, which
    // every publish, hide, reply and helpful vote bumps, so a cached page is never an old one.
    // First pages (a sort or filter just chosen) are also kept in the isolate; deeper ones not.
    const key = versionedKey(c.req.url, site, 'reviews', {
      subject,
      sort,
      stars: String(stars ?? ''),
      cursor: cursor ?? '',
      limit: String(limit),
      ...(photosOnly ? { photos: '1' } : {}),
    });
    const doc = await readThrough(key, EDGE_TTL_SECONDS, c.get('now'), async function buildReviewsPage() {
      const rows = await readReviewsPage(c.env.DB, site.id, { subject, sort, stars, photos: photosOnly, limit, after });
      return JSON.stringify(await toPage({ db: c.env.DB, requestUrl: c.req.url }, site, sort, subject, stars, rows, photosOnly));
    }, { inMemory: cursor === undefined });
    return c.body(doc.body, 200, { 'content-type': 'application/json; charset=utf-8', etag: doc.etag });
  })

  .post('/reviews/:id/helpful', async function voteHelpful(c) {
    const site = c.get('site');
    const db = c.env.DB;
    const id = c.req.param('id');
    const review = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await readPublishedReview(db, site.id, id) : null;
    if (!review) throw new ProblemError(404, 'review-not-found', 'There is no published review with this id on this site.');

    const voter = await voterHash(site.signingKey, clientNetwork(c.req.raw.headers));
    const notCounted = async (): Promise<HelpfulVoted> => ({
      id,
      helpful: (await readPublishedReview(db, site.id, id))?.helpful ?? review.helpful,
      counted: false,
    });
    if (await hasVoted(db, id, voter)) return c.json(await notCounted());

    let answer: HelpfulVoted;
    try {
      const results = await db.batch<{ helpful_count: number }>([
        insertVote(db, id, voter, c.get('now')),
        incrementHelpful(db, id),
        bumpContentVersion(db, site.id),
      ]);
      answer = { id, helpful: results[1]?.results[0]?.helpful_count ?? review.helpful + 1, counted: true };
    } catch (err) {
      // The same voter's concurrent request won the vote's primary key; this batch changed nothing.
      if (!(await hasVoted(db, id, voter))) throw err;
      answer = await notCounted();
    }
    return c.json(answer);
  });
