/**
 * Per-subject rating summaries. They change only in the same `batch()` as the publish or
 * unpublish that causes the change, so reads never scan or count reviews.
 */
import type { Summary } from '../../../shared/review.ts';

export interface SummaryRecord {
  count: number;
  total: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

const EMPTY: Summary = { count: 0, average: null, distribution: [0, 0, 0, 0, 0] };

function toSummary(row: SummaryRecord | null): Summary {
  if (!row || row.count <= 0) return EMPTY;
  return {
    count: row.count,
    average: Math.round((row.total / row.count) * 10) / 10,
    distribution: [row.s1, row.s2, row.s3, row.s4, row.s5],
  };
}

/** The summary of one subject; `''` is the whole site. One row read. */
export async function readSummary(db: D1Database, siteId: string, subject: string): Promise<Summary> {
  const row = await db
    .prepare('SELECT count, total, s1, s2, s3, s4, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ?2')
    .bind(siteId, subject)
    .first<SummaryRecord>();
  return toSummary(row);
}

/**
 * Makes a statement run only while a submission is still at `version`. Guarded statements go
 * in the batch BEFORE the `UPDATE ... WHERE version = ?expected` they belong to: the batch is
 * one transaction, so if the guard holds, the update that follows succeeds too, and if a
 * concurrent decision got there first, neither happens. (Guarding on `version + 1` after the
 * update would not do: the winner's update leaves exactly that version behind.)
 */
export interface VersionGuard {
  submissionId: string;
  version: number;
}

/**
 * Statements that add (`delta` = 1) or remove (`delta` = -1) one rating from the subject's
 * summary and from the site-wide row. Put them in the same batch as the status change; with a
 * `guard`, they apply only while the submission is still at the guarded version.
 */
export function summaryDelta(
  db: D1Database,
  siteId: string,
  subject: string,
  rating: number,
  delta: 1 | -1,
  nowMs: number,
  guard?: VersionGuard,
): D1PreparedStatement[] {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RangeError(`rating ${rating} is not 1..5`);
  const star = `s${rating}`;
  const subjects = subject === '' ? [''] : [subject, ''];
  // The WHERE also settles SQLite's parse of INSERT ... SELECT ... ON CONFLICT.
  const source = guard
    ? 'SELECT ?1, ?2, ?3, ?4, ?3, ?5 WHERE EXISTS (SELECT 1 FROM submissions WHERE id = ?6 AND version = ?7)'
    : 'VALUES (?1, ?2, ?3, ?4, ?3, ?5)';
  return subjects.map((s) => {
    const statement = db.prepare(
      `INSERT INTO rating_summaries (site_id, subject, count, total, ${star}, updated_at)
       ${source}
       ON CONFLICT (site_id, subject) DO UPDATE SET
         count = count + ?3, total = total + ?4, ${star} = ${star} + ?3, updated_at = ?5`,
    );
    return guard
      ? statement.bind(siteId, s, delta, delta * rating, nowMs, guard.submissionId, guard.version)
      : statement.bind(siteId, s, delta, delta * rating, nowMs);
  });
}

/**
 * Statements that rebuild the site's summaries from its published reviews: every subject that
 * has one, and the site-wide row. Used once at the end of a bulk import, where adding each
 * imported rating in its own statement would cost one query per row.
 */
export function recomputeSummaries(db: D1Database, siteId: string, nowMs: number): D1PreparedStatement[] {
  const totals = `COUNT(*), SUM(rating), SUM(rating = 1), SUM(rating = 2), SUM(rating = 3), SUM(rating = 4), SUM(rating = 5), ?2
       FROM submissions WHERE site_id = ?1 AND kind = 'review' AND status = 'published' AND rating IS NOT NULL`;
  const upsert = `ON CONFLICT (site_id, subject) DO UPDATE SET count = excluded.count, total = excluded.total, s1 = excluded.s1,
       s2 = excluded.s2, s3 = excluded.s3, s4 = excluded.s4, s5 = excluded.s5, updated_at = excluded.updated_at`;
  const columns = 'INSERT INTO rating_summaries (site_id, subject, count, total, s1, s2, s3, s4, s5, updated_at)';
  return [
    db.prepare(`${columns} SELECT site_id, subject, ${totals} AND subject != '' GROUP BY subject ${upsert}`).bind(siteId, nowMs),
    db.prepare(`${columns} SELECT ?1, '', ${totals} ${upsert}`).bind(siteId, nowMs),
  ];
}

/** Count and average of each of `subjects` (one query); subjects without reviews are absent. */
export async function readSummaries(db: D1Database, siteId: string, subjects: readonly string[]): Promise<Map<string, Summary>> {
  const { results } = await db
    .prepare(
      `SELECT subject, count, total, s1, s2, s3, s4, s5 FROM rating_summaries
       WHERE site_id = ?1 AND subject IN (SELECT value FROM json_each(?2))`,
    )
    .bind(siteId, JSON.stringify(subjects))
    .all<SummaryRecord & { subject: string }>();
  return new Map(results.map((r) => [r.subject, toSummary(r)]));
}
