/**
 * The customer's side of a case beyond its timeline: the submission that opened it (language,
 * kind, whether a contact was left), a contact added later through the tracking link, and the
 * public update of a review that the customer chose to make when re-rating.
 */
import type { Flag } from '../../../shared/site.ts';
import { LANGS, SUBMISSION_STATUSES, type Kind, type Lang, type SubmissionStatus } from '../../../shared/submission.ts';
import type { CaseOrigin } from '../rules/public-case.ts';
import { insertAudit } from './audit.ts';
import { insertCaseEvent } from './cases.ts';

interface OriginRecord {
  id: string;
  kind: Kind;
  status: string;
  subject: string;
  rating: number | null;
  lang: string;
  verified: number;
  has_contact: number;
  created_at: number;
}

export interface CaseOriginRecord extends CaseOrigin {
  id: string;
  subject: string;
  rating: number | null;
  verified: boolean;
  createdAt: number;
}

const ORIGIN = `SELECT id, kind, status, subject, rating, lang, verified, created_at,
    (author_email IS NOT NULL OR author_phone IS NOT NULL) AS has_contact FROM submissions`;

function toOrigin(r: OriginRecord): CaseOriginRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: SUBMISSION_STATUSES.find((s) => s === r.status) ?? 'pending',
    lang: LANGS.find((l) => l === r.lang) ?? 'en',
    hasContact: r.has_contact === 1,
    subject: r.subject,
    rating: r.rating,
    verified: r.verified === 1,
    createdAt: r.created_at,
  };
}

/** The submission a case began with. */
export async function readCaseOrigin(db: D1Database, siteId: string, submissionId: string): Promise<CaseOriginRecord | null> {
  const row = await db.prepare(`${ORIGIN} WHERE id = ?1 AND site_id = ?2`).bind(submissionId, siteId).first<OriginRecord>();
  return row ? toOrigin(row) : null;
}

/** The submission told `ref` whose case the queue has not created yet. */
export async function readPendingOrigin(db: D1Database, siteId: string, ref: string): Promise<CaseOriginRecord | null> {
  const row = await db.prepare(`${ORIGIN} WHERE case_ref = ?1 AND site_id = ?2 AND routed_at IS NULL ORDER BY created_at LIMIT 1`).bind(ref, siteId).first<OriginRecord>();
  return row ? toOrigin(row) : null;
}

/**
 * A contact the customer added to their own submission through their tracking link: kept
 * privately on that submission (never over one they gave), noted for staff and audited.
 */
export function addContactStatements(
  db: D1Database,
  c: { siteId: string; caseId: string; submissionId: string; email: string | null; phone: string | null; nowMs: number },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE submissions SET author_email = COALESCE(author_email, ?3), author_phone = COALESCE(author_phone, ?4)
         WHERE id = ?1 AND site_id = ?2`,
      )
      .bind(c.submissionId, c.siteId, c.email, c.phone),
    insertCaseEvent(db, { caseId: c.caseId, type: 'contact_added', public: false, body: null, actor: 'customer', at: c.nowMs }),
    insertAudit(db, {
      siteId: c.siteId,
      actor: 'customer',
      action: 'case.contact_added',
      target: c.caseId,
      before: null,
      // What was added, never the address itself: the log outlives an erasure.
      after: { email: c.email !== null, phone: c.phone !== null },
      createdAt: c.nowMs,
    }),
  ];
}

export interface ReviewUpdate {
  id: string;
  caseId: string;
  /** The case's `rerated_at` stamp and rating: the insert happens only if this request rated the case. */
  ratedAt: number;
  rating: number;
  body: string;
  searchText: string;
  status: 'published' | 'pending';
  flags: Flag[];
  originalId: string;
  createdAt: number;
}

/**
 * The customer's public update of their review: a review row pointing at the original
 * (`revises_id`), copying its author, subject and language, moderated like any review.
 */
export function insertReviewUpdate(db: D1Database, u: ReviewUpdate): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO submissions (id, site_id, kind, status, subject, rating, body, author_name, author_email,
         author_phone, order_ref, verified, lang, flags, search_text, revises_id, created_at, published_at)
       SELECT ?1, s.site_id, 'review', ?2, s.subject, ?3, ?4, s.author_name, s.author_email,
         s.author_phone, s.order_ref, s.verified, s.lang, ?5, ?6, s.id, ?7, ?8
       FROM submissions s
       WHERE s.id = ?9 AND EXISTS (SELECT 1 FROM cases WHERE id = ?10 AND rerated_at = ?11 AND rerating = ?3)`,
    )
    .bind(
      u.id,
      u.status,
      u.rating,
      u.body,
      JSON.stringify(u.flags),
      u.searchText,
      u.createdAt,
      u.status === 'published' ? u.createdAt : null,
      u.originalId,
      u.caseId,
      u.ratedAt,
    );
}

/** A private case event guarded on this request having rated the case (the customer's comment). */
export function insertRatedEvent(
  db: D1Database,
  e: { caseId: string; ratedAt: number; rating: number; type: 'rerated' | 'rerate_comment'; public: boolean; body: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO case_events (case_id, type, public, body, actor, created_at)
       SELECT ?1, ?4, ?5, ?6, 'customer', ?2 WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND rerated_at = ?2 AND rerating = ?3)`,
    )
    .bind(e.caseId, e.ratedAt, e.rating, e.type, e.public ? 1 : 0, e.body);
}

/** Marks the case re-rated, once: the first statement of the re-rating batch. */
export function rateCaseStatement(db: D1Database, caseId: string, rating: number, status: 'recovered' | 'not_recovered', nowMs: number): D1PreparedStatement {
  return db
    .prepare(`UPDATE cases SET rerating = ?2, status = ?3, rerated_at = ?4, updated_at = ?4 WHERE id = ?1 AND status = 'resolved' AND rerating IS NULL`)
    .bind(caseId, rating, status, nowMs);
}
