/**
 * The secret feed key of each site, and the keyset pages the Google feed is streamed from:
 * published reviews by (published_at, id) on the site-wide index, then spam-decided ones by
 * (created_at, id) on the moderation index. Site-wide reviews (subject '') are store reviews,
 * not product reviews, and stay out of the product feed.
 */
import type { FeedReview } from '../rules/feed-xml.ts';

export async function readFeedKey(db: D1Database, siteId: string): Promise<{ key: string; createdAt: number } | null> {
  const row = await db
    .prepare('SELECT feed_key, created_at FROM feed_keys WHERE site_id = ?1')
    .bind(siteId)
    .first<{ feed_key: string; created_at: number }>();
  return row ? { key: row.feed_key, createdAt: row.created_at } : null;
}

/** Sets the site's key; `replace` false keeps an existing one (first read), true rotates it. */
export function writeFeedKey(db: D1Database, siteId: string, key: string, nowMs: number, replace: boolean): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO feed_keys (site_id, feed_key, created_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (site_id) DO ${replace ? 'UPDATE SET feed_key = excluded.feed_key, created_at = excluded.created_at' : 'NOTHING'}`,
    )
    .bind(siteId, key, nowMs);
}

export async function siteForFeedKey(db: D1Database, key: string): Promise<string | null> {
  const row = await db.prepare('SELECT site_id FROM feed_keys WHERE feed_key = ?1').bind(key).first<{ site_id: string }>();
  return row?.site_id ?? null;
}

interface FeedRecord {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  author_name: string;
  created_at: number;
  published_at: number | null;
  status: 'published' | 'spam';
  verified: number;
  source: string | null;
  subject: string;
  p_name: string | null;
  p_url: string | null;
  gtin: string | null;
  mpn: string | null;
  sku: string | null;
  brand: string | null;
}

function toFeedReview(r: FeedRecord): FeedReview {
  return {
    id: r.id,
    rating: r.rating,
    title: r.title,
    body: r.body,
    authorName: r.author_name,
    createdAt: r.created_at,
    status: r.status,
    verified: r.verified === 1,
    source: r.source,
    subject: r.subject,
    product: r.p_name !== null && r.p_url !== null ? { name: r.p_name, url: r.p_url, gtin: r.gtin, mpn: r.mpn, sku: r.sku, brand: r.brand } : null,
  };
}

const COLUMNS = `s.id, s.rating, s.title, s.body, s.author_name, s.created_at, s.published_at, s.status, s.verified, s.source, s.subject,
  p.name AS p_name, p.url AS p_url, p.gtin, p.mpn, p.sku, p.brand`;

export type FeedCursor = readonly [number, string];

export interface FeedPage {
  items: FeedReview[];
  /** The key to continue after, or null on the last page. */
  next: FeedCursor | null;
  /** The keys of the page's first and last review (null when empty), to read their photos in one query. */
  range: readonly [FeedCursor, FeedCursor] | null;
}

function page(results: FeedRecord[], limit: number, key: (r: FeedRecord) => FeedCursor): FeedPage {
  const first = results[0];
  const last = results[results.length - 1];
  return {
    items: results.map(toFeedReview),
    next: results.length === limit && last ? key(last) : null,
    range: first && last ? [key(first), key(last)] : null,
  };
}

/** One page of published product reviews, oldest first, after `after`. */
export async function feedPublishedPage(db: D1Database, siteId: string, after: FeedCursor | null, limit: number): Promise<FeedPage> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS}
       FROM submissions AS s INDEXED BY submissions_site_newest
       LEFT JOIN products AS p ON p.site_id = s.site_id AND p.subject = s.subject
       WHERE s.site_id = ?1 AND s.kind = 'review' AND s.status = 'published' AND s.subject != ''
         AND (s.published_at, s.id) > (?2, ?3)
       ORDER BY s.published_at, s.id LIMIT ?4`,
    )
    .bind(siteId, after?.[0] ?? -1, after?.[1] ?? '', limit)
    .all<FeedRecord>();
  return page(results, limit, (r) => [r.published_at ?? 0, r.id]);
}

/** One page of spam-decided product reviews (Google wants them, marked `is_spam`). */
export async function feedSpamPage(db: D1Database, siteId: string, after: FeedCursor | null, limit: number): Promise<FeedPage> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS}
       FROM submissions AS s INDEXED BY submissions_queue
       LEFT JOIN products AS p ON p.site_id = s.site_id AND p.subject = s.subject
       WHERE s.site_id = ?1 AND s.status = 'spam' AND s.kind = 'review' AND s.subject != '' AND s.rating IS NOT NULL
         AND (s.created_at, s.id) > (?2, ?3)
       ORDER BY s.created_at, s.id LIMIT ?4`,
    )
    .bind(siteId, after?.[0] ?? -1, after?.[1] ?? '', limit)
    .all<FeedRecord>();
  return page(results, limit, (r) => [r.created_at, r.id]);
}
