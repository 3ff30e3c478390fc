/**
 * Submissions: the insert at submit time, the public (published-review) reads, and the
 * look-ups submitting needs. Contact columns are written here but never read by a public query.
 */
import * as z from 'zod/mini';
import type { PublicReview, Sort } from '../../../shared/review.ts';
import type { Flag } from '../../../shared/site.ts';
import { SUBMISSION_STATUSES, type ComplaintCategory, type Kind, type Lang, type SubmissionStatus } from '../../../shared/submission.ts';
import type { CursorKey } from '../lib/cursor.ts';
import { iso } from '../lib/time.ts';

export interface NewSubmission {
  id: string;
  siteId: string;
  kind: Kind;
  status: SubmissionStatus;
  subject: string;
  rating: number | null;
  /** A story's "how did it go?" (1..5), when the shopper answered. */
  feeling?: number | null;
  title: string | null;
  body: string;
  category: ComplaintCategory | null;
  expected: string | null;
  desiredOutcome: string | null;
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
  orderRef: string | null;
  verified: boolean;
  lang: Lang;
  flags: Flag[];
  searchText: string;
  clientHash: string | null;
  caseRef: string | null;
  /** The routing decision as JSON, when the submission must open or join a case or needs a look. */
  routing: string | null;
  /** The router was unsure: the item waits in the "needs a look" lane (migration 0007). */
  needsLook?: boolean | undefined;
  createdAt: number;
  publishedAt: number | null;
}

export function insertSubmission(db: D1Database, s: NewSubmission): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO submissions (id, site_id, kind, status, subject, rating, title, body, category, expected,
         desired_outcome, author_name, author_email, author_phone, order_ref, verified, lang, flags, search_text,
         client_hash, case_ref, routing, created_at, published_at, feeling, needs_look)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)`,
    )
    .bind(
      s.id,
      s.siteId,
      s.kind,
      s.status,
      s.subject,
      s.rating,
      s.title,
      s.body,
      s.category,
      s.expected,
      s.desiredOutcome,
      s.authorName,
      s.authorEmail,
      s.authorPhone,
      s.orderRef,
      s.verified ? 1 : 0,
      s.lang,
      JSON.stringify(s.flags),
      s.searchText,
      s.clientHash,
      s.caseRef,
      s.routing,
      s.createdAt,
      s.publishedAt,
      s.feeling ?? null,
      s.needsLook ? 1 : 0,
    );
}

// One index range per status (submissions_queue), each already limited, merged: a site's
// latest rows without reading all of its history.
const RECENT_BODIES_SQL = `SELECT body FROM (${SUBMISSION_STATUSES.map(
  (status) =>
    `SELECT * FROM (SELECT body, created_at FROM submissions WHERE site_id = ?1 AND status = '${status}' ORDER BY created_at DESC LIMIT ?2)`,
).join(' UNION ALL ')}) ORDER BY created_at DESC LIMIT ?2`;

/** Bodies of the site's latest submissions, whatever their status, for duplicate detection. */
export async function readRecentBodies(db: D1Database, siteId: string, limit = 50): Promise<string[]> {
  const { results } = await db.prepare(RECENT_BODIES_SQL).bind(siteId, limit).all<{ body: string }>();
  return results.map((r) => r.body);
}

/**
 * Cases this contact has had on the site, open or closed: the "repeat complainer" signal of
 * staff's priority. Never told to the shopper: typed details are unverified, and a count in a
 * public answer would tell anyone whether a person has complained before.
 */
export async function countPriorCases(db: D1Database, siteId: string, contactKey: string | null): Promise<number> {
  if (contactKey === null) return 0;
  const row = await db
    .prepare('SELECT COUNT(*) AS prior FROM cases WHERE site_id = ?1 AND contact_key = ?2')
    .bind(siteId, contactKey)
    .first<{ prior: number }>();
  return row?.prior ?? 0;
}

interface ReviewRecord {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  author_name: string;
  verified: number;
  helpful_count: number;
  lang: string;
  created_at: number;
  published_at: number;
  reply_body: string | null;
  reply_created_at: number | null;
  reply_updated_at: number | null;
  update_rating: number | null;
  update_body: string | null;
  update_published_at: number | null;
}

function toPublicReview(row: ReviewRecord): PublicReview {
  return {
    id: row.id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    author: { name: row.author_name },
    verified: row.verified === 1,
    helpful: row.helpful_count,
    lang: row.lang === 'fa' ? 'fa' : 'en',
    createdAt: iso(row.created_at),
    publishedAt: iso(row.published_at),
    reply:
      row.reply_body !== null && row.reply_created_at !== null
        ? { body: row.reply_body, createdAt: iso(row.reply_created_at), updatedAt: iso(row.reply_updated_at ?? row.reply_created_at) }
        : null,
    update:
      row.update_rating !== null && row.update_published_at !== null
        ? { from: row.rating, rating: row.update_rating, body: row.update_body ?? '', publishedAt: iso(row.update_published_at) }
        : null,
    // Filled by the route from db/photos.ts, which knows the request's origin for their URLs.
    photos: [],
  };
}

interface SortSpec {
  columns: readonly string[];
  descending: boolean;
  /** The site-wide index (migration 0003) that serves this order when no subject is given. */
  siteIndex: string;
  key: (row: ReviewRecord) => CursorKey;
  schema: z.ZodMiniType<CursorKey>;
}

const TIME_ID = z.tuple([z.int(), z.string().check(z.maxLength(64))]);
const NUMBER_TIME_ID = z.tuple([z.int(), z.int(), z.string().check(z.maxLength(64))]);

// Every order ends in (published_at, id), so ties are broken the same way on every page. All
// columns of one order run in one direction, so the matching partial index is walked as is.
// "lowest" therefore lists the oldest of equal ratings first.
const SORTS: Record<Sort, SortSpec> = {
  newest: { columns: ['published_at', 'id'], descending: true, siteIndex: 'submissions_site_newest', key: (r) => [r.published_at, r.id], schema: TIME_ID },
  oldest: { columns: ['published_at', 'id'], descending: false, siteIndex: 'submissions_site_newest', key: (r) => [r.published_at, r.id], schema: TIME_ID },
  highest: {
    columns: ['rating', 'published_at', 'id'],
    descending: true,
    siteIndex: 'submissions_site_rating',
    key: (r) => [r.rating, r.published_at, r.id],
    schema: NUMBER_TIME_ID,
  },
  lowest: {
    columns: ['rating', 'published_at', 'id'],
    descending: false,
    siteIndex: 'submissions_site_rating',
    key: (r) => [r.rating, r.published_at, r.id],
    schema: NUMBER_TIME_ID,
  },
  helpful: {
    columns: ['helpful_count', 'published_at', 'id'],
    descending: true,
    siteIndex: 'submissions_site_helpful',
    key: (r) => [r.helpful_count, r.published_at, r.id],
    schema: NUMBER_TIME_ID,
  },
};

/** The shape a cursor's key must have for `sort`. */
export function sortKeySchema(sort: Sort): z.ZodMiniType<CursorKey> {
  return SORTS[sort].schema;
}

export interface ReviewsPageQuery {
  /** '' lists the whole site, as the '' summary counts the whole site. */
  subject: string;
  sort: Sort;
  stars?: number | undefined;
  /** Only reviews with at least one visible photo. */
  photos?: boolean | undefined;
  limit: number;
  /** The sort key of the last review of the previous page. */
  after?: CursorKey | undefined;
}

export interface ReviewsPageRows {
  items: PublicReview[];
  /** The sort key of the last item when another page follows; otherwise null. */
  nextKey: CursorKey | null;
}

/** The SQL and parameters of one page; exported so a test can check its query plan. */
export function reviewsPageStatement(siteId: string, q: ReviewsPageQuery): { sql: string; params: (string | number)[] } {
  const spec = SORTS[q.sort];
  const params: (string | number)[] = [];
  const p = (value: string | number) => {
    params.push(value);
    return `?${params.length}`;
  };
  // `kind` and `status` are literals so the planner can match the partial indexes.
  // A customer's update after support is shown under the review it updates, not as a review of its own.
  const where = [`s.site_id = ${p(siteId)}`, `s.kind = 'review'`, `s.status = 'published'`, `s.revises_id IS NULL`];
  if (q.subject !== '') where.push(`s.subject = ${p(q.subject)}`);
  if (q.stars !== undefined) where.push(`s.rating = ${p(q.stars)}`);
  if (q.photos) where.push(`EXISTS (SELECT 1 FROM photos AS ph WHERE ph.submission_id = s.id AND ph.hidden = 0)`);
  if (q.after) {
    const cols = spec.columns.map((c) => `s.${c}`).join(', ');
    where.push(`(${cols}) ${spec.descending ? '<' : '>'} (${q.after.map((v) => p(v)).join(', ')})`);
  }
  const direction = spec.descending ? 'DESC' : 'ASC';
  // Site-wide pages have no subject to narrow by, and with fresh statistics SQLite prefers the
  // moderation-queue index and sorts every published review. Pin the matching site-wide index
  // (migration 0003); a star filter is an equality on rating, so the rating index keeps the order.
  const siteIndex = q.subject === '' ? ` INDEXED BY ${q.stars !== undefined ? 'submissions_site_rating' : spec.siteIndex}` : '';
  const sql = `SELECT s.id, s.rating, s.title, s.body, s.author_name, s.verified, s.helpful_count, s.lang,
      s.created_at, s.published_at, r.body AS reply_body, r.created_at AS reply_created_at, r.updated_at AS reply_updated_at,
      u.rating AS update_rating, u.body AS update_body, u.published_at AS update_published_at
    FROM submissions AS s${siteIndex} LEFT JOIN replies AS r ON r.submission_id = s.id
      LEFT JOIN submissions AS u ON u.id = (
        SELECT n.id FROM submissions AS n WHERE n.revises_id = s.id AND n.revises_id IS NOT NULL AND n.status = 'published'
        ORDER BY n.published_at DESC LIMIT 1)
    WHERE ${where.join(' AND ')}
    ORDER BY ${spec.columns.map((c) => `s.${c} ${direction}`).join(', ')}
    LIMIT ${p(q.limit + 1)}`;
  return { sql, params };
}

/** One keyset page of published reviews with their replies; never OFFSET. */
export async function readReviewsPage(db: D1Database, siteId: string, q: ReviewsPageQuery): Promise<ReviewsPageRows> {
  const { sql, params } = reviewsPageStatement(siteId, q);
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<ReviewRecord>();
  const page = results.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toPublicReview),
    nextKey: results.length > q.limit && last ? SORTS[q.sort].key(last) : null,
  };
}

/** A review anyone may see (published, of this site), or null. */
export async function readPublishedReview(db: D1Database, siteId: string, id: string): Promise<{ id: string; helpful: number } | null> {
  const row = await db
    .prepare(`SELECT id, helpful_count FROM submissions WHERE id = ?1 AND site_id = ?2 AND kind = 'review' AND status = 'published'`)
    .bind(id, siteId)
    .first<{ id: string; helpful_count: number }>();
  return row ? { id: row.id, helpful: row.helpful_count } : null;
}

/** Adds one helpful vote and returns the new count; batch it with the vote row. */
export function incrementHelpful(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare('UPDATE submissions SET helpful_count = helpful_count + 1 WHERE id = ?1 RETURNING helpful_count').bind(id);
}
