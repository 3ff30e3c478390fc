/**
 * The email outbox (`emails`), suppressions and reply opt-ins. Writes are returned as prepared
 * statements so the change that causes an email and the email itself commit in one batch; the
 * unique index `emails_once` (site, kind, event, recipient) makes a second row for one event a
 * no-op, whatever retries or races do.
 */
import type { AdminEmail, EmailKind, EmailState } from '../../../shared/email.ts';
import type { Lang } from '../../../shared/submission.ts';
import { newId } from '../lib/crypto.ts';
import { iso, isoOrNull } from '../lib/time.ts';

export interface EmailRecord {
  id: string;
  site_id: string;
  kind: EmailKind;
  event_key: string;
  recipient: string;
  recipient_hash: string;
  lang: Lang;
  data: string;
  case_id: string | null;
  order_id: string | null;
  submission_id: string | null;
  state: EmailState;
  due_at: number;
  attempts: number;
  last_error: string | null;
  reason: string | null;
  message_id: string | null;
  queued_at: number | null;
  claimed_at: number | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface NewEmail {
  siteId: string;
  kind: EmailKind;
  eventKey: string;
  recipient: string;
  recipientHash: string;
  lang: Lang;
  data: Record<string, unknown>;
  caseId?: string | null;
  orderId?: string | null;
  submissionId?: string | null;
  dueAt: number;
  /** Written only if the case's `updated_at` is this stamp: the change that caused it won its race. */
  caseStamp?: number | undefined;
}
// An email with an `orderId` is written only while the stored order has this recipient, so
// registering the same order again with another address adds nobody.

/** An email written with the change that caused it; `id` lets the caller queue it after the batch. */
export interface PendingEmail {
  id: string;
  siteId: string;
  dueAt: number;
  statement: D1PreparedStatement;
}

export function insertEmail(db: D1Database, e: NewEmail, nowMs: number): PendingEmail {
  const id = `em_${newId(nowMs)}`;
  const recipient = e.recipient.trim().toLowerCase();
  const statement = db
    .prepare(
      `INSERT INTO emails (id, site_id, kind, event_key, recipient, recipient_hash, lang, data, case_id, order_id, submission_id,
                           state, due_at, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'scheduled', ?12, ?13, ?13
       WHERE (?14 IS NULL OR EXISTS (SELECT 1 FROM cases WHERE id = ?9 AND updated_at = ?14))
         AND (?10 IS NULL OR EXISTS (SELECT 1 FROM orders WHERE site_id = ?2 AND order_id = ?10 AND customer_email = ?5))
       ON CONFLICT (site_id, kind, event_key, recipient_hash) DO NOTHING`,
    )
    .bind(id, e.siteId, e.kind, e.eventKey, recipient, e.recipientHash, e.lang, JSON.stringify(e.data), e.caseId ?? null, e.orderId ?? null, e.submissionId ?? null, e.dueAt, nowMs, e.caseStamp ?? null);
  return { id, siteId: e.siteId, dueAt: e.dueAt, statement };
}

export async function readEmail(db: D1Database, siteId: string, id: string): Promise<EmailRecord | null> {
  return db.prepare('SELECT * FROM emails WHERE id = ?1 AND site_id = ?2').bind(id, siteId).first<EmailRecord>();
}

/** Scheduled emails whose time has come, oldest first (index `emails_due`). */
export async function listDueEmails(db: D1Database, nowMs: number, limit: number): Promise<{ id: string; site_id: string }[]> {
  const { results } = await db
    .prepare(`SELECT id, site_id FROM emails WHERE state = 'scheduled' AND due_at <= ?1 ORDER BY due_at LIMIT ?2`)
    .bind(nowMs, limit)
    .all<{ id: string; site_id: string }>();
  return results;
}

/**
 * Queued emails whose message seems lost: on the queue since before `olderThan`, still unsent,
 * and not held by a consumer since then either (so the re-sent message can claim them).
 */
export async function listStalledEmails(db: D1Database, olderThan: number, limit: number): Promise<{ id: string; site_id: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, site_id FROM emails WHERE state = 'queued' AND queued_at <= ?1 AND (claimed_at IS NULL OR claimed_at <= ?1)
       ORDER BY queued_at LIMIT ?2`,
    )
    .bind(olderThan, limit)
    .all<{ id: string; site_id: string }>();
  return results;
}

/** Moves the given emails onto the queue (scheduled ones, or stalled queued ones again). */
export function markQueued(db: D1Database, ids: readonly string[], nowMs: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE emails SET state = 'queued', queued_at = ?2, updated_at = ?2
       WHERE id IN (SELECT value FROM json_each(?1)) AND state IN ('scheduled', 'queued')`,
    )
    .bind(JSON.stringify(ids), nowMs);
}

/** How long a consumer may hold an email before another delivery of its message may take it. */
export const CLAIM_MS = 10 * 60_000;

/**
 * Takes a queued email for sending: true for exactly one consumer, so a message delivered twice
 * sends once. A consumer that died holding it frees it after `CLAIM_MS`.
 */
export async function claimEmail(db: D1Database, id: string, nowMs: number): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE emails SET claimed_at = ?2, attempts = attempts + 1, updated_at = ?2
       WHERE id = ?1 AND state = 'queued' AND (claimed_at IS NULL OR claimed_at <= ?3)`,
    )
    .bind(id, nowMs, nowMs - CLAIM_MS)
    .run();
  return result.meta.changes > 0;
}

/** Lets a claimed email be taken again at once: its consumer failed before deciding anything. */
export function releaseClaim(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare(`UPDATE emails SET claimed_at = NULL WHERE id = ?1 AND state = 'queued'`).bind(id);
}

export type EmailOutcome =
  | { state: 'sent'; messageId: string }
  | { state: 'cancelled' | 'suppressed'; reason: string }
  | { state: 'failed'; error: string }
  | { state: 'scheduled'; dueAt: number; error: string };

/** Records what became of a claimed email. */
export function finishEmail(db: D1Database, id: string, outcome: EmailOutcome, nowMs: number): D1PreparedStatement {
  switch (outcome.state) {
    case 'sent':
      return db
        .prepare(`UPDATE emails SET state = 'sent', message_id = ?2, sent_at = ?3, updated_at = ?3, claimed_at = NULL, last_error = NULL WHERE id = ?1`)
        .bind(id, outcome.messageId, nowMs);
    case 'cancelled':
    case 'suppressed':
      return db
        .prepare(`UPDATE emails SET state = ?2, reason = ?3, updated_at = ?4, claimed_at = NULL WHERE id = ?1`)
        .bind(id, outcome.state, outcome.reason, nowMs);
    case 'failed':
      return db
        .prepare(`UPDATE emails SET state = 'failed', reason = 'out of attempts', last_error = ?2, updated_at = ?3, claimed_at = NULL WHERE id = ?1`)
        .bind(id, outcome.error.slice(0, 500), nowMs);
    case 'scheduled':
      return db
        .prepare(`UPDATE emails SET state = 'scheduled', due_at = ?2, last_error = ?3, updated_at = ?4, claimed_at = NULL WHERE id = ?1`)
        .bind(id, outcome.dueAt, outcome.error.slice(0, 500), nowMs);
  }
}

export async function isSuppressed(db: D1Database, siteId: string, hash: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS x FROM email_suppressions WHERE site_id = ?1 AND address_hash = ?2').bind(siteId, hash).first();
  return row !== null;
}

/** The suppression, and every pending email to that address marked suppressed, in one batch. */
export function suppressStatements(db: D1Database, siteId: string, hash: string, reason: string, nowMs: number): D1PreparedStatement[] {
  return [
    db
      .prepare(`INSERT INTO email_suppressions (site_id, address_hash, reason, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING`)
      .bind(siteId, hash, reason, nowMs),
    db
      .prepare(
        `UPDATE emails SET state = 'suppressed', reason = 'unsubscribed', updated_at = ?3
         WHERE site_id = ?1 AND recipient_hash = ?2 AND state IN ('scheduled', 'queued')`,
      )
      .bind(siteId, hash, nowMs),
  ];
}

/** Whether the customer wrote anything on the site since `since`: by this order's id, or from this address. */
export async function wroteSince(db: D1Database, siteId: string, o: { email: string; orderId: string | null; since: number }): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS x FROM submissions
       WHERE site_id = ?1 AND created_at >= ?4
         AND ((author_email IS NOT NULL AND lower(author_email) = ?2) OR (?3 IS NOT NULL AND order_ref = ?3))
       LIMIT 1`,
    )
    .bind(siteId, o.email, o.orderId, o.since)
    .first();
  return row !== null;
}

/** When a review request of another order last went to this address on this site. */
export async function lastRequestSentAt(db: D1Database, siteId: string, hash: string, exceptOrderId: string | null): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT max(sent_at) AS at FROM emails
       WHERE site_id = ?1 AND recipient_hash = ?2 AND kind = 'review.request' AND state = 'sent' AND order_id IS NOT ?3`,
    )
    .bind(siteId, hash, exceptOrderId)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

/** Whether the review request of this order went out (a reminder follows only a sent request). */
export async function requestSent(db: D1Database, siteId: string, orderId: string, hash: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS x FROM emails WHERE site_id = ?1 AND kind = 'review.request' AND event_key = ?2 AND recipient_hash = ?3 AND state = 'sent'`)
    .bind(siteId, `order:${orderId}`, hash)
    .first();
  return row !== null;
}

export function insertOptin(db: D1Database, o: { siteId: string; submissionId: string; hash: string }, nowMs: number): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO email_optins (site_id, submission_id, address_hash, requested_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING`)
    .bind(o.siteId, o.submissionId, o.hash, nowMs);
}

/** Confirms the opt-in of this submission for this address; answers whether one was waiting or confirmed. */
export async function confirmOptin(db: D1Database, o: { siteId: string; submissionId: string; hash: string }, nowMs: number): Promise<boolean> {
  await db
    .prepare(`UPDATE email_optins SET confirmed_at = ?4 WHERE site_id = ?1 AND submission_id = ?2 AND address_hash = ?3 AND confirmed_at IS NULL`)
    .bind(o.siteId, o.submissionId, o.hash, nowMs)
    .run();
  const row = await db
    .prepare(`SELECT 1 AS x FROM email_optins WHERE site_id = ?1 AND submission_id = ?2 AND address_hash = ?3 AND confirmed_at IS NOT NULL`)
    .bind(o.siteId, o.submissionId, o.hash)
    .first();
  return row !== null;
}

/** The reviewer who confirmed they want to hear about replies to this submission, if any. */
export async function confirmedOptin(
  db: D1Database,
  siteId: string,
  submissionId: string,
): Promise<{ email: string; name: string; lang: Lang; hash: string } | null> {
  return db
    .prepare(
      `SELECT s.author_email AS email, s.author_name AS name, s.lang AS lang, o.address_hash AS hash
       FROM email_optins o JOIN submissions s ON s.id = o.submission_id AND s.site_id = o.site_id
       WHERE o.site_id = ?1 AND o.submission_id = ?2 AND o.confirmed_at IS NOT NULL AND s.author_email IS NOT NULL`,
    )
    .bind(siteId, submissionId)
    .first<{ email: string; name: string; lang: Lang; hash: string }>();
}

export function toAdminEmail(r: EmailRecord): AdminEmail {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    to: r.recipient,
    lang: r.lang,
    caseId: r.case_id,
    orderId: r.order_id,
    submissionId: r.submission_id,
    dueAt: iso(r.due_at),
    attempts: r.attempts,
    reason: r.reason ?? r.last_error,
    sentAt: isoOrNull(r.sent_at),
    messageId: r.message_id,
    createdAt: iso(r.created_at),
  };
}

/** A keyset page of the site's emails, newest first, optionally one case's or one state's. */
export async function listEmails(
  db: D1Database,
  siteId: string,
  q: { caseId?: string | undefined; state?: EmailState | undefined; after?: { createdAt: number; id: string } | undefined; limit: number },
): Promise<EmailRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM emails
       WHERE site_id = ?1 AND (?2 IS NULL OR case_id = ?2) AND (?3 IS NULL OR state = ?3)
         AND (?4 IS NULL OR created_at < ?4 OR (created_at = ?4 AND id < ?5))
       ORDER BY created_at DESC, id DESC LIMIT ?6`,
    )
    .bind(siteId, q.caseId ?? null, q.state ?? null, q.after?.createdAt ?? null, q.after?.id ?? '', q.limit)
    .all<EmailRecord>();
  return results;
}

/** Who to erase: any of the contact details the erasure was asked for. */
export interface EraseContact {
  email?: string | null | undefined;
  phone?: string | null | undefined;
  orderRef?: string | null | undefined;
}

/**
 * Statements that drop a customer's emails (pending and past) and reply opt-ins with the rest of
 * their data. Suppressions stay: they hold only a keyed hash, and an unsubscribed customer who is
 * erased must not start getting mail again. Put these before the statements that blank the
 * submissions' contact fields, since the phone is found through them.
 */
export function eraseEmailsFor(db: D1Database, siteId: string, contact: EraseContact): D1PreparedStatement[] {
  const email = contact.email ? contact.email.trim().toLowerCase() : null;
  const phone = contact.phone ? contact.phone.trim() : null;
  const orderRef = contact.orderRef ? contact.orderRef.trim() : null;
  return [
    // The confirmation email names the submission and the address; submissions' own contact
    // fields may already be blanked by the erasure, so the opt-in is found through it.
    db
      .prepare(
        `DELETE FROM email_optins WHERE site_id = ?1 AND submission_id IN (
           SELECT submission_id FROM emails WHERE site_id = ?1 AND kind = 'confirm' AND submission_id IS NOT NULL
             AND ((?2 IS NOT NULL AND recipient = ?2) OR (?3 IS NOT NULL AND submission_id IN (
                   SELECT id FROM submissions WHERE site_id = ?1 AND author_phone = ?3))))`,
      )
      .bind(siteId, email, phone),
    db
      .prepare(
        `DELETE FROM emails WHERE site_id = ?1 AND (
           (?2 IS NOT NULL AND recipient = ?2)
           OR (?4 IS NOT NULL AND order_id = ?4)
           OR (?3 IS NOT NULL AND case_id IN (
                SELECT c.id FROM cases c JOIN submissions s ON s.id = c.submission_id
                WHERE c.site_id = ?1 AND s.author_phone = ?3)))`,
      )
      .bind(siteId, email, phone, orderRef),
  ];
}

/** The customer behind a submission, as an email needs them. */
export async function readCustomer(db: D1Database, siteId: string, submissionId: string): Promise<{ name: string; email: string | null; lang: Lang } | null> {
  return db
    .prepare('SELECT author_name AS name, author_email AS email, lang FROM submissions WHERE id = ?1 AND site_id = ?2')
    .bind(submissionId, siteId)
    .first<{ name: string; email: string | null; lang: Lang }>();
}

/** Marks emails queued only if they are still scheduled; for the emails a request just wrote. */
export async function queueWritten(db: D1Database, ids: readonly string[], nowMs: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `UPDATE emails SET state = 'queued', queued_at = ?2, updated_at = ?2
       WHERE id IN (SELECT value FROM json_each(?1)) AND state = 'scheduled' AND due_at <= ?2 RETURNING id`,
    )
    .bind(JSON.stringify(ids), nowMs)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
