/**
 * Submissions as staff see and change them: the moderation queue with its filters, one item
 * with its private contact fields and reply, the guarded status change, and replies.
 * Every query takes the staff member's site and filters by it.
 */
import type { AdminReply, AdminSubmission } from '../../../shared/admin.ts';
import { FLAGS, type Flag } from '../../../shared/site.ts';
import {
  COMPLAINT_CATEGORIES,
  LANGS,
  SUBMISSION_STATUSES,
  type ComplaintCategory,
  type Kind,
  type Lang,
  type SubmissionStatus,
} from '../../../shared/submission.ts';
import type { DecisionState } from '../rules/decision.ts';
import { iso, isoOrNull } from '../lib/time.ts';
import { submissionSearchText } from '../rules/normalize.ts';
import type { VersionGuard } from './summaries.ts';

export interface SubmissionRecord {
  id: string;
  site_id: string;
  kind: Kind;
  status: string;
  subject: string;
  rating: number | null;
  title: string | null;
  body: string;
  category: string | null;
  expected: string | null;
  desired_outcome: string | null;
  author_name: string;
  author_email: string | null;
  author_phone: string | null;
  order_ref: string | null;
  verified: number;
  lang: string;
  flags: string;
  helpful_count: number;
  version: number;
  case_ref: string | null;
  needs_look?: number | undefined;
  created_at: number;
  published_at: number | null;
  decided_at: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  reply_body: string | null;
  reply_staff_id: string | null;
  reply_created_at: number | null;
  reply_updated_at: number | null;
  feeling: number | null;
  revises_id: string | null;
  revises_status: string | null;
  revises_rating: number | null;
  update_rating: number | null;
}

/** A submission with what a decision needs besides its wire form. */
export interface ModeratedSubmission {
  item: AdminSubmission;
  version: number;
  state: DecisionState;
  /** For a customer's public update: the review it updates, as it stands. */
  revises: { status: SubmissionStatus; rating: number | null } | null;
  /** For a review: the rating of its published update, which the summary counts instead of its own. */
  updateRating: number | null;
}

const SELECT = `SELECT s.id, s.site_id, s.kind, s.status, s.subject, s.rating, s.title, s.body, s.category,
    s.expected, s.desired_outcome, s.author_name, s.author_email, s.author_phone, s.order_ref, s.verified,
    s.lang, s.flags, s.helpful_count, s.version, s.case_ref, s.needs_look, s.created_at, s.published_at, s.decided_at,
    s.decided_by, s.decision_reason, s.feeling, s.revises_id,
    (SELECT o.status FROM submissions o WHERE o.id = s.revises_id) AS revises_status,
    (SELECT o.rating FROM submissions o WHERE o.id = s.revises_id) AS revises_rating,
    (SELECT u.rating FROM submissions u WHERE u.revises_id = s.id AND u.status = 'published' ORDER BY u.published_at DESC LIMIT 1) AS update_rating,
    r.body AS reply_body, r.staff_id AS reply_staff_id, r.created_at AS reply_created_at, r.updated_at AS reply_updated_at
  FROM submissions s LEFT JOIN replies r ON r.submission_id = s.id`;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

function parseFlags(value: string): Flag[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? FLAGS.filter((f) => parsed.includes(f)) : [];
  } catch {
    return [];
  }
}

function toReply(row: SubmissionRecord): AdminReply | null {
  if (row.reply_body === null || row.reply_created_at === null) return null;
  return {
    body: row.reply_body,
    staffId: row.reply_staff_id ?? '',
    createdAt: iso(row.reply_created_at),
    updatedAt: iso(row.reply_updated_at ?? row.reply_created_at),
  };
}

export function toModerated(row: SubmissionRecord): ModeratedSubmission {
  const status = oneOf<SubmissionStatus>(SUBMISSION_STATUSES, row.status, 'pending');
  return {
    version: row.version,
    revises: row.revises_id === null ? null : { status: oneOf<SubmissionStatus>(SUBMISSION_STATUSES, row.revises_status, 'pending'), rating: row.revises_rating },
    updateRating: row.update_rating,
    state: {
      status,
      publishedAt: row.published_at,
      decidedAt: row.decided_at,
      decidedBy: row.decided_by,
      decisionReason: row.decision_reason,
    },
    item: {
      id: row.id,
      kind: row.kind,
      status,
      subject: row.subject,
      rating: row.rating,
      title: row.title,
      body: row.body,
      category: row.category === null ? null : oneOf<ComplaintCategory>(COMPLAINT_CATEGORIES, row.category, 'other'),
      expected: row.expected,
      desiredOutcome: row.desired_outcome,
      author: { name: row.author_name, email: row.author_email, phone: row.author_phone },
      orderRef: row.order_ref,
      verified: row.verified === 1,
      lang: oneOf<Lang>(LANGS, row.lang, 'en'),
      flags: parseFlags(row.flags),
      helpful: row.helpful_count,
      createdAt: iso(row.created_at),
      publishedAt: isoOrNull(row.published_at),
      decidedAt: isoOrNull(row.decided_at),
      decisionReason: row.decision_reason,
      reply: toReply(row),
      caseRef: row.case_ref,
      feeling: row.feeling,
      revisesId: row.revises_id,
      needsLook: row.needs_look === 1,
    },
  };
}

export interface QueueFilter {
  status: SubmissionStatus;
  kind?: Kind | undefined;
  stars?: number | undefined;
  flag?: Flag | undefined;
  lang?: Lang | undefined;
  /** Already folded with `fold()`; matched as a substring of `search_text`. */
  folded?: string | undefined;
  order: 'newest' | 'oldest';
  /** The "needs a look" lane: every status, only items the router was unsure about. */
  lane?: 'needs-look' | undefined;
  after?: { createdAt: number; id: string } | undefined;
  limit: number;
}


/** One page of the queue, keyset on (created_at, id) in the chosen direction. */
export async function listQueue(db: D1Database, siteId: string, filter: QueueFilter): Promise<ModeratedSubmission[]> {
  // Conditions are fixed SQL text; every value is a numbered bind parameter.
  const where = ['s.site_id = ?1', filter.lane === 'needs-look' ? "s.needs_look = 1 AND s.status <> ?2" : 's.status = ?2'];
  // The lane spans statuses; items staff removed as spam have left it.
  const params: (string | number)[] = [siteId, filter.lane === 'needs-look' ? 'spam' : filter.status];
  const bind = (value: string | number) => {
    params.push(value);
    return `?${params.length}`;
  };
  if (filter.kind) where.push(`s.kind = ${bind(filter.kind)}`);
  if (filter.stars) where.push(`s.rating = ${bind(filter.stars)}`);
  if (filter.lang) where.push(`s.lang = ${bind(filter.lang)}`);
  if (filter.flag) where.push(`EXISTS (SELECT 1 FROM json_each(s.flags) WHERE json_each.value = ${bind(filter.flag)})`);
  // instr, not LIKE: D1 caps a LIKE pattern at 50 bytes, and a search may be longer (up to
  // LIMITS.query); instr also treats % and _ as the letters staff typed.
  if (filter.folded) where.push(`instr(s.search_text, ${bind(filter.folded)}) > 0`);
  const desc = filter.order === 'newest';
  if (filter.after) {
    where.push(`(s.created_at, s.id) ${desc ? '<' : '>'} (${bind(filter.after.createdAt)}, ${bind(filter.after.id)})`);
  }
  const direction = desc ? 'DESC' : 'ASC';
  const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY s.created_at ${direction}, s.id ${direction} LIMIT ${bind(filter.limit)}`;
  const { results } = await db.prepare(sql).bind(...params).all<SubmissionRecord>();
  return results.map(toModerated);
}

export async function readModerated(db: D1Database, siteId: string, id: string): Promise<ModeratedSubmission | null> {
  const row = await db.prepare(`${SELECT} WHERE s.id = ?1 AND s.site_id = ?2`).bind(id, siteId).first<SubmissionRecord>();
  return row ? toModerated(row) : null;
}

/** Several of the site's submissions by id (at most 100, the bulk limit). */
export async function readManyModerated(db: D1Database, siteId: string, ids: readonly string[]): Promise<ModeratedSubmission[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(`${SELECT} WHERE s.site_id = ?1 AND s.id IN (SELECT value FROM json_each(?2))`)
    .bind(siteId, JSON.stringify(ids))
    .all<SubmissionRecord>();
  return results.map(toModerated);
}

/**
 * The status change itself, last in its batch: it applies only if nobody changed the
 * submission since it was read (`version`), and moves the version on.
 */
export function writeDecisionState(db: D1Database, siteId: string, guard: VersionGuard, state: DecisionState): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE submissions SET status = ?4, published_at = ?5, decided_at = ?6, decided_by = ?7, decision_reason = ?8,
         version = version + 1
       WHERE id = ?1 AND site_id = ?2 AND version = ?3`,
    )
    .bind(guard.submissionId, siteId, guard.version, state.status, state.publishedAt, state.decidedAt, state.decidedBy, state.decisionReason);
}

export function upsertReply(db: D1Database, siteId: string, submissionId: string, body: string, staffId: string, nowMs: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO replies (submission_id, site_id, body, staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
       ON CONFLICT (submission_id) DO UPDATE SET body = ?3, staff_id = ?4, updated_at = ?5 WHERE replies.site_id = ?2`,
    )
    .bind(submissionId, siteId, body, staffId, nowMs);
}

export function deleteReply(db: D1Database, siteId: string, submissionId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM replies WHERE submission_id = ?1 AND site_id = ?2').bind(submissionId, siteId);
}

/** One page of every submission of the site, oldest first, for exports (keyset on created_at, id). */
export async function listForExport(
  db: D1Database,
  siteId: string,
  after: { createdAt: number; id: string } | null,
  limit: number,
): Promise<ModeratedSubmission[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE s.site_id = ?1 AND (s.created_at, s.id) > (?2, ?3) ORDER BY s.created_at, s.id LIMIT ?4`)
    .bind(siteId, after?.createdAt ?? -1, after?.id ?? '', limit)
    .all<SubmissionRecord>();
  return results.map(toModerated);
}
