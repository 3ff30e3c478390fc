/**
 * The merchant's numbers (`GET /v1/admin/metrics`). Every figure is an SQL aggregate over an
 * indexed, time-bounded range of one site's rows; percentiles are read by rank
 * (`ORDER BY ... LIMIT 1 OFFSET k`), never by loading the rows.
 */
import type { Metrics } from '../../../shared/metrics.ts';
import { KINDS, type Kind } from '../../../shared/submission.ts';
import { ROOT_CAUSES, type RootCause } from '../../../shared/cases.ts';

const DAY = 24 * 3_600_000;
export const SUBMISSION_WINDOW_DAYS = 30;
export const CASE_WINDOW_DAYS = 90;

/** Kept out of total; `kept` is null when no row qualified (SQLite's SUM of nothing). */
interface RatioRow {
  kept: number | null;
  total: number;
}

export interface Percentiles {
  median: number | null;
  p90: number | null;
  count: number;
}

/** Nearest-rank offsets of the median and the 90th percentile among `n` sorted values. */
export function rankOffsets(n: number): { median: number; p90: number } {
  return { median: Math.ceil(0.5 * n) - 1, p90: Math.ceil(0.9 * n) - 1 };
}

function percent(row: RatioRow | null): number | null {
  const kept = row?.kept ?? 0;
  const total = row?.total ?? 0;
  return total === 0 ? null : Math.round((kept / total) * 1000) / 10;
}

const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
const isCause = (k: string): k is RootCause => (ROOT_CAUSES as readonly string[]).includes(k);

/** The site-wide rating distribution, 1 to 5 stars. One row read. */
export async function readRatingDistribution(db: D1Database, siteId: string): Promise<Metrics['ratingDistribution']> {
  const row = await db
    .prepare(`SELECT s1, s2, s3, s4, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ''`)
    .bind(siteId)
    .first<{ s1: number; s2: number; s3: number; s4: number; s5: number }>();
  return [row?.s1 ?? 0, row?.s2 ?? 0, row?.s3 ?? 0, row?.s4 ?? 0, row?.s5 ?? 0];
}

/** Non-spam submissions per UTC day and kind since `sinceMs`. */
export async function readSubmissionsPerDay(db: D1Database, siteId: string, sinceMs: number): Promise<Metrics['submissionsPerDay']> {
  const { results } = await db
    .prepare(
      `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, kind, COUNT(*) AS count
       FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND status != 'spam'
       GROUP BY day, kind ORDER BY day, kind`,
    )
    .bind(siteId, sinceMs)
    .all<{ day: string; kind: string; count: number }>();
  return results.flatMap(({ day, kind, count }) => (isKind(kind) ? [{ day, kind, count }] : []));
}

/** The average star rating of non-spam submissions per UTC day since `sinceMs`, to two decimals. */
export async function readAverageRatingPerDay(db: D1Database, siteId: string, sinceMs: number): Promise<Metrics['averageRatingPerDay']> {
  const { results } = await db
    .prepare(
      `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, AVG(rating) AS average, COUNT(*) AS count
       FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND status != 'spam' AND rating IS NOT NULL
       GROUP BY day ORDER BY day`,
    )
    .bind(siteId, sinceMs)
    .all<{ day: string; average: number; count: number }>();
  return results.map(({ day, average, count }) => ({ day, average: Math.round(average * 100) / 100, count }));
}

/** Non-spam complaints since `sinceMs`. */
export async function countComplaints(db: D1Database, siteId: string, sinceMs: number): Promise<number> {
  const row = await db
    .prepare(`SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1 AND created_at >= ?2 AND kind = 'complaint' AND status != 'spam'`)
    .bind(siteId, sinceMs)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Cases opened since `sinceMs`, and how many of them are still open. */
export async function countCases(db: D1Database, siteId: string, sinceMs: number): Promise<Metrics['cases']> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS total,
         SUM(CASE WHEN status IN ('new', 'acknowledged', 'in_progress', 'awaiting_customer') THEN 1 ELSE 0 END) AS open
       FROM cases WHERE site_id = ?1 AND created_at >= ?2`,
    )
    .bind(siteId, sinceMs)
    .first<{ total: number; open: number | null }>();
  return { open: row?.open ?? 0, total: row?.total ?? 0 };
}

/**
 * The share of first responses given by their deadline, as a percentage (null without cases).
 * A case counts once its deadline has passed or it was answered, whichever comes first.
 */
export async function readSlaKeptPercent(db: D1Database, siteId: string, sinceMs: number, nowMs: number): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT SUM(CASE WHEN first_response_at IS NOT NULL AND first_response_at <= first_response_due THEN 1 ELSE 0 END) AS kept,
         COUNT(*) AS total
       FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND first_response_due IS NOT NULL
         AND (first_response_at IS NOT NULL OR first_response_due < ?3)`,
    )
    .bind(siteId, sinceMs, nowMs)
    .first<RatioRow>();
  return percent(row);
}

/** The share of re-rated cases re-rated 4 stars or more, as a percentage. */
export async function readRecoveryRatePercent(db: D1Database, siteId: string, sinceMs: number): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT SUM(CASE WHEN rerating >= 4 THEN 1 ELSE 0 END) AS kept, COUNT(*) AS total
       FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND rerating IS NOT NULL`,
    )
    .bind(siteId, sinceMs)
    .first<RatioRow>();
  return percent(row);
}

/** The share of promised dates kept (resolved by then), counted once the promise is due or kept. */
export async function readPromisesKeptPercent(db: D1Database, siteId: string, sinceMs: number, nowMs: number): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT SUM(CASE WHEN resolved_at IS NOT NULL AND resolved_at <= promised_at THEN 1 ELSE 0 END) AS kept, COUNT(*) AS total
       FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND promised_at IS NOT NULL
         AND (resolved_at IS NOT NULL OR promised_at < ?3)`,
    )
    .bind(siteId, sinceMs, nowMs)
    .first<RatioRow>();
  return percent(row);
}

/** Root causes of cases opened since `sinceMs`, most frequent first. */
export async function readRootCauses(db: D1Database, siteId: string, sinceMs: number): Promise<Metrics['rootCauses']> {
  const { results } = await db
    .prepare(
      `SELECT root_cause, COUNT(*) AS count FROM cases WHERE site_id = ?1 AND created_at >= ?2 AND root_cause IS NOT NULL
       GROUP BY root_cause ORDER BY count DESC`,
    )
    .bind(siteId, sinceMs)
    .all<{ root_cause: string; count: number }>();
  return results.flatMap(({ root_cause, count }) => (isCause(root_cause) ? [{ rootCause: root_cause, count }] : []));
}

/**
 * The two durations the dashboard reads as median and p90. Fixed SQL fragments, never caller
 * text: the expression and its filter are chosen here by name.
 */
const DURATIONS = {
  firstResponse: { expr: 'first_response_at - created_at', having: 'first_response_at IS NOT NULL' },
  resolution: { expr: 'resolved_at - created_at - paused_ms', having: 'resolved_at IS NOT NULL' },
} as const;

/** Median and p90 (ms) of a case duration over the site's cases opened since `sinceMs` that have it. */
export async function readDurationPercentiles(
  db: D1Database,
  siteId: string,
  sinceMs: number,
  duration: keyof typeof DURATIONS,
): Promise<Percentiles> {
  const { expr, having } = DURATIONS[duration];
  const where = `site_id = ?1 AND created_at >= ?2 AND ${having}`;
  const countRow = await db.prepare(`SELECT COUNT(*) AS n FROM cases WHERE ${where}`).bind(siteId, sinceMs).first<{ n: number }>();
  const n = countRow?.n ?? 0;
  if (n === 0) return { median: null, p90: null, count: 0 };
  const { median, p90 } = rankOffsets(n);
  const at = (offset: number) =>
    db.prepare(`SELECT ${expr} AS d FROM cases WHERE ${where} ORDER BY d LIMIT 1 OFFSET ?3`).bind(siteId, sinceMs, offset).first<{ d: number }>();
  const [m, p] = await Promise.all([at(median), at(p90)]);
  return { median: m?.d ?? null, p90: p?.d ?? null, count: n };
}

/** Every figure of the dashboard at `nowMs`: submissions over 30 days, cases over 90. */
export async function readMetrics(db: D1Database, siteId: string, nowMs: number): Promise<Metrics> {
  const subSince = nowMs - SUBMISSION_WINDOW_DAYS * DAY;
  const caseSince = nowMs - CASE_WINDOW_DAYS * DAY;
  const [ratingDistribution, submissionsPerDay, averageRatingPerDay, complaints30d, cases, slaKeptPercent, recoveryRatePercent, promisesKeptPercent, rootCauses, timeToFirstResponse, timeToResolution] =
    await Promise.all([
      readRatingDistribution(db, siteId),
      readSubmissionsPerDay(db, siteId, subSince),
      readAverageRatingPerDay(db, siteId, subSince),
      countComplaints(db, siteId, subSince),
      countCases(db, siteId, caseSince),
      readSlaKeptPercent(db, siteId, caseSince, nowMs),
      readRecoveryRatePercent(db, siteId, caseSince),
      readPromisesKeptPercent(db, siteId, caseSince, nowMs),
      readRootCauses(db, siteId, caseSince),
      readDurationPercentiles(db, siteId, caseSince, 'firstResponse'),
      readDurationPercentiles(db, siteId, caseSince, 'resolution'),
    ]);
  return {
    caseWindowDays: CASE_WINDOW_DAYS,
    ratingDistribution,
    submissionsPerDay,
    averageRatingPerDay,
    complaints30d,
    cases,
    timeToFirstResponse,
    timeToResolution,
    slaKeptPercent,
    recoveryRatePercent,
    promisesKeptPercent,
    rootCauses,
  };
}
