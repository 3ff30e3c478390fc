/**
 * `GET /v1/admin/metrics`: the merchant's numbers at a glance. Every figure is an SQL aggregate
 * over an indexed, time-bounded range of one site's rows; percentiles are read by rank
 * (`ORDER BY ... LIMIT 1 OFFSET k`), never by loading the rows.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { type Metrics } from '../../../shared/metrics.ts';
import { KINDS, type Kind } from '../../../shared/submission.ts';
import { ROOT_CAUSES, type RootCause } from '../../../shared/cases.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

const DAY = 24 * 3_600_000;
export const SUBMISSION_WINDOW_DAYS = 30;
export const CASE_WINDOW_DAYS = 90;

/** Nearest-rank offsets of the median and the 90th percentile among `n` sorted values. */
export function rankOffsets(n: number): { median: number; p90: number } {
  return { median: Math.ceil(0.5 * n) - 1, p90: Math.ceil(0.9 * n) - 1 };
}

function percent(kept: number, total: number): number | null {
  return total === 0 ? null : Math.round((kept / total) * 1000) / 10;
}

/** Median and p90 of a duration expression over the site's windowed cases that have it. */
async function distribution(db: D1Database, siteId: string, since: number, expr: string, having: string) {
  const where = `site_id = ?1 AND created_at >= ?2 AND ${having}`;
  const countRow = await db.prepare(`SELECT COUNT(*) AS n FROM cases WHERE ${where}`).bind(siteId, since).first<{ n: number }>();
  const n = countRow?.n ?? 0;
  if (n === 0) return { median: null, p90: null, count: 0 };
  const { median, p90 } = rankOffsets(n);
  const at = (offset: number) =>
    db.prepare(`SELECT ${expr} AS d FROM cases WHERE ${where} ORDER BY d LIMIT 1 OFFSET ?3`).bind(siteId, since, offset);
  const [m, p] = await Promise.all([at(median).first<{ d: number }>(), at(p90).first<{ d: number }>()]);
  return { median: m?.d ?? null, p90: p?.d ?? null, count: n };
}

export const adminMetricsRoutes = new Hono<AppEnv>()
  .use('/metrics', refuseCrossSite, requireStaff)
  .get('/metrics', async function readMetrics(c) {
    const siteId = c.get('staff').siteId;
    const now = c.get('now');
    const db = c.env.DB;
    const subSince = now - SUBMISSION_WINDOW_DAYS * DAY;
    const caseSince = now - CASE_WINDOW_DAYS * DAY;

    type Ratio = { kept: number | null; total: number };
    const [ratings, perDay, avgPerDay, complaints, counts, sla, recovery, promises, causes, firstResponse, resolution] = await Promise.all([
      db
        .prepare(`SELECT s1, s2, s3, s4, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ''`)
        .bind(siteId)
        .first<{ s1: number; s2: number; s3: number; s4: number; s5: number }>(),
      db
        .prepare(
          `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, kind, COUNT(*) AS count
           FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND status != 'spam'
           GROUP BY day, kind ORDER BY day, kind`,
        )
        .bind(siteId, subSince)
        .all<{ day: string; kind: string; count: number }>(),
      db
        .prepare(
          `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, AVG(rating) AS average, COUNT(*) AS count
           FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND status != 'spam' AND rating IS NOT NULL
           GROUP BY day ORDER BY day`,
        )
        .bind(siteId, subSince)
        .all<{ day: string; average: number; count: number }>(),
      db
        .prepare(`SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND kind = 'complaint' AND status != 'spam'`)
        .bind(siteId, subSince)
        .first<{ n: number }>(),
      db
        .prepare(
          `SELECT COUNT(*) AS total,
             SUM(CASE WHEN status IN ('new', 'acknowledged', 'in_progress', 'awaiting_customer') THEN 1 ELSE 0 END) AS open
           FROM cases WHERE site_id = ?1 AND created_at >= ?2`,
        )
        .bind(siteId, caseSince)
        .first<{ total: number; open: number | null }>(),
      // A case counts once its deadline has passed or it was answered, whichever comes first.
      db
        .prepare(
          `SELECT SUM(CASE WHEN first_response_at IS NOT NULL AND first_response_at <= first_response_due THEN 1 ELSE 0 END) AS kept,
             COUNT(*) AS total
           FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND first_response_due IS NOT NULL
             AND (first_response_at IS NOT NULL OR first_response_due < ?3)`,
        )
        .bind(siteId, caseSince, now)
        .first<Ratio>(),
      db
        .prepare(
          `SELECT SUM(CASE WHEN rerating >= 4 THEN 1 ELSE 0 END) AS kept, COUNT(*) AS total
           FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND rerating IS NOT NULL`,
        )
        .bind(siteId, caseSince)
        .first<Ratio>(),
      db
        .prepare(
          `SELECT SUM(CASE WHEN resolved_at IS NOT NULL AND resolved_at <= promised_at THEN 1 ELSE 0 END) AS kept, COUNT(*) AS total
           FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND promised_at IS NOT NULL
             AND (resolved_at IS NOT NULL OR promised_at < ?3)`,
        )
        .bind(siteId, caseSince, now)
        .first<Ratio>(),
      db
        .prepare(
          `SELECT root_cause, COUNT(*) AS count FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND root_cause IS NOT NULL
           GROUP BY root_cause ORDER BY count DESC`,
        )
        .bind(siteId, caseSince)
        .all<{ root_cause: string; count: number }>(),
      distribution(db, siteId, caseSince, 'first_response_at - created_at', 'first_response_at IS NOT NULL'),
      distribution(db, siteId, caseSince, 'resolved_at - created_at - paused_ms', 'resolved_at IS NOT NULL'),
    ]);

    const ratio = (row: Ratio | null) => percent(row?.kept ?? 0, row?.total ?? 0);
    const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
    const isCause = (k: string): k is RootCause => (ROOT_CAUSES as readonly string[]).includes(k);

    const answer: Metrics = {
      caseWindowDays: CASE_WINDOW_DAYS,
      ratingDistribution: [ratings?.s1 ?? 0, ratings?.s2 ?? 0, ratings?.s3 ?? 0, ratings?.s4 ?? 0, ratings?.s5 ?? 0],
      submissionsPerDay: perDay.results.flatMap(({ day, kind, count }) => (isKind(kind) ? [{ day, kind, count }] : [])),
      averageRatingPerDay: avgPerDay.results.map(({ day, average, count }) => ({ day, average: Math.round(average * 100) / 100, count })),
      complaints30d: complaints?.n ?? 0,
      cases: { open: counts?.open ?? 0, total: counts?.total ?? 0 },
      timeToFirstResponse: firstResponse,
      timeToResolution: resolution,
      slaKeptPercent: ratio(sla),
      recoveryRatePercent: ratio(recovery),
      promisesKeptPercent: ratio(promises),
      rootCauses: causes.results.flatMap(({ root_cause, count }) => (isCause(root_cause) ? [{ rootCause: root_cause, count }] : [])),
    };
    return c.json(answer);
  });
