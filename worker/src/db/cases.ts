/**
 * Recovery cases, their timeline (`case_events`) and ref aliases (`case_refs`). Reads return
 * domain objects; writes are returned as prepared statements so callers put a case change,
 * its timeline entry and its audit row in one `batch()`.
 */
import { type AdminCase, type CaseEventType, type CaseStatus, type Priority, OPEN_CASE_STATUSES, RootCause } from '../../../shared/cases.ts';
import { isoOrNull, iso } from '../lib/time.ts';
import type { CaseSearch } from '../rules/case-search.ts';

export interface CaseRecord {
  id: string;
  site_id: string;
  ref: string;
  status: CaseStatus;
  priority: Priority;
  contact_key: string;
  order_ref: string | null;
  submission_id: string;
  reason: string;
  score: number | null;
  method: string | null;
  assignee: string | null;
  track_token_hash: string;
  first_response_due: number | null;
  plan_due: number | null;
  first_response_at: number | null;
  paused_at: number | null;
  paused_ms: number;
  promised_at: number | null;
  escalated_at: number | null;
  breached_at: number | null;
  root_cause: string | null;
  resolution: string | null;
  resolved_at: number | null;
  rerating: number | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  due_at: number | null;
  original_rating: number | null;
  rerated_at: number | null;
  resolved_ok: number | null;
  promise_reminded_at: number | null;
  plan_at: number | null;
  /** The case staff merged this one into (its work happens there), or null. */
  merged_into: string | null;
  track_rotated_at: number | null;
}

export interface CaseEventRecord {
  id: number;
  case_id: string;
  type: string;
  public: number;
  body: string | null;
  actor: string | null;
  /** The staff member's name when `actor` is a staff token of the case's site. */
  actor_name: string | null;
  submission_id: string | null;
  created_at: number;
}

const OPEN_LIST = OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ');

export function isOpenStatus(status: CaseStatus): boolean {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(status);
}

export function toAdminCase(row: CaseRecord, nowMs: number): AdminCase {
  const rootCause = RootCause.safeParse(row.root_cause);
  return {
    id: row.id,
    ref: row.ref,
    status: row.status,
    priority: row.priority,
    reason: row.reason,
    score: row.score,
    method: row.method,
    assignee: row.assignee,
    contactKey: row.contact_key,
    orderRef: row.order_ref,
    submissionId: row.submission_id,
    dueAt: isoOrNull(row.due_at),
    overdue: isOpenStatus(row.status) && row.status !== 'awaiting_customer' && row.due_at !== null && row.due_at < nowMs,
    firstResponseDue: isoOrNull(row.first_response_due),
    planDue: isoOrNull(row.plan_due),
    firstResponseAt: isoOrNull(row.first_response_at),
    pausedAt: isoOrNull(row.paused_at),
    pausedMs: row.paused_ms,
    promisedAt: isoOrNull(row.promised_at),
    escalatedAt: isoOrNull(row.escalated_at),
    breachedAt: isoOrNull(row.breached_at),
    rootCause: rootCause.success ? rootCause.data : null,
    resolution: row.resolution,
    resolvedOk: row.resolved_ok === null ? null : row.resolved_ok === 1,
    resolvedAt: isoOrNull(row.resolved_at),
    originalRating: row.original_rating,
    rerating: row.rerating,
    closedAt: isoOrNull(row.closed_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function readCase(db: D1Database, siteId: string, id: string): Promise<CaseRecord | null> {
  return db.prepare('SELECT * FROM cases WHERE id = ?1 AND site_id = ?2').bind(id, siteId).first<CaseRecord>();
}

/**
 * The case a ref names: its own ref, or an alias (a ref told before every submission had a case
 * of its own). For staff and for the consumer's check that a told ref is free; a customer's
 * tracking link opens a case by its own ref only (`readCaseByOwnRef`).
 */
export async function readCaseByRef(db: D1Database, siteId: string, ref: string): Promise<CaseRecord | null> {
  return db
    .prepare(
      `SELECT c.* FROM cases c
       WHERE c.site_id = ?1 AND (c.ref = ?2 OR c.id = (SELECT case_id FROM case_refs WHERE ref = ?2))
       ORDER BY c.ref = ?2 LIMIT 1`,
    )
    .bind(siteId, ref)
    .first<CaseRecord>();
}

/**
 * The case whose own ref is `ref`: what a tracking link opens. Aliases are for staff's search
 * only; a link never opens a case through one.
 */
export async function readCaseByOwnRef(db: D1Database, siteId: string, ref: string): Promise<CaseRecord | null> {
  return db.prepare('SELECT * FROM cases WHERE site_id = ?1 AND ref = ?2').bind(siteId, ref).first<CaseRecord>();
}

/** When the submission told `ref` was made, while the queue has not yet opened its case. */
export async function readUnroutedSubmissionAt(db: D1Database, siteId: string, ref: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT created_at FROM submissions WHERE case_ref = ?1 AND site_id = ?2 AND routed_at IS NULL LIMIT 1')
    .bind(ref, siteId)
    .first<{ created_at: number }>();
  return row?.created_at ?? null;
}

export interface NewCase {
  id: string;
  siteId: string;
  ref: string;
  priority: Priority;
  contactKey: string;
  orderRef: string | null;
  submissionId: string;
  reason: string;
  score: number | null;
  method: string | null;
  trackTokenHash: string;
  firstResponseDue: number;
  planDue: number;
  originalRating: number | null;
  createdAt: number;
}

export function insertCase(db: D1Database, c: NewCase): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO cases (id, site_id, ref, status, priority, contact_key, order_ref, submission_id, reason, score,
         method, track_token_hash, first_response_due, plan_due, due_at, original_rating, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?14, ?15, ?15)`,
    )
    .bind(
      c.id,
      c.siteId,
      c.ref,
      c.priority,
      c.contactKey,
      c.orderRef,
      c.submissionId,
      c.reason,
      c.score,
      c.method,
      c.trackTokenHash,
      c.firstResponseDue,
      c.planDue,
      c.originalRating,
      c.createdAt,
    );
}

export interface NewCaseEvent {
  caseId: string;
  type: CaseEventType;
  public: boolean;
  body?: string | null;
  actor?: string | null;
  submissionId?: string | null;
  at: number;
}

export function insertCaseEvent(db: D1Database, e: NewCaseEvent): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO case_events (case_id, type, public, body, actor, submission_id, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(e.caseId, e.type, e.public ? 1 : 0, e.body ?? null, e.actor ?? null, e.submissionId ?? null, e.at);
}

/** Records that `ref` (told to a shopper) now leads to `caseId`. A replay changes nothing. */
export function insertCaseRef(db: D1Database, ref: string, caseId: string, nowMs: number): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO case_refs (ref, case_id, created_at) VALUES (?1, ?2, ?3)').bind(ref, caseId, nowMs);
}

export async function listCaseRefs(db: D1Database, caseId: string): Promise<string[]> {
  const { results } = await db.prepare('SELECT ref FROM case_refs WHERE case_id = ?1 ORDER BY created_at, ref LIMIT 200').bind(caseId).all<{ ref: string }>();
  return results.map((r) => r.ref);
}

export async function listCaseEvents(db: D1Database, caseId: string, publicOnly: boolean): Promise<CaseEventRecord[]> {
  const { results } = await db
    // Staff are named by their token's name; the join stays within the case's site.
    .prepare(
      `SELECT e.*, t.name AS actor_name FROM case_events e
       JOIN cases c ON c.id = e.case_id
       LEFT JOIN staff_tokens t ON t.id = e.actor AND t.site_id = c.site_id
       WHERE e.case_id = ?1 ${publicOnly ? 'AND e.public = 1' : ''} ORDER BY e.id LIMIT 500`,
    )
    .bind(caseId)
    .all<CaseEventRecord>();
  return results;
}

export interface CaseListFilter {
  status?: CaseStatus | undefined;
  priority?: Priority | undefined;
  assignee?: string | undefined;
  search?: CaseSearch | null | undefined;
  after?: { due: number; id: string } | undefined;
  limit: number;
}

/** Most urgent first: keyset over (due_at, id); a case without a due time sorts last. */
export async function listCases(db: D1Database, siteId: string, f: CaseListFilter): Promise<CaseRecord[]> {
  const where = ['site_id = ?1'];
  const params: (string | number)[] = [siteId];
  if (f.status) {
    params.push(f.status);
    where.push(`status = ?${params.length}`);
  } else if (!f.search) {
    // The queue shows open cases, less those merged into another (worked there); a search (a
    // customer quoting their ref) looks at every case.
    where.push(`status IN (${OPEN_LIST})`, 'merged_into IS NULL');
  }
  if (f.priority) {
    params.push(f.priority);
    where.push(`priority = ?${params.length}`);
  }
  if (f.assignee) {
    params.push(f.assignee);
    where.push(`assignee = ?${params.length}`);
  }
  if (f.search) {
    const placeholders = (values: string[]) => values.map((v) => `?${params.push(v)}`).join(', ');
    const any: string[] = [];
    if (f.search.refs.length) {
      const refs = placeholders(f.search.refs);
      any.push(`ref IN (${refs})`, `id IN (SELECT case_id FROM case_refs WHERE ref IN (${refs}))`);
    }
    if (f.search.contactKeys.length) any.push(`contact_key IN (${placeholders(f.search.contactKeys)})`);
    if (f.search.orderRef !== null) any.push(`lower(order_ref) = lower(?${params.push(f.search.orderRef)})`);
    where.push(any.length ? `(${any.join(' OR ')})` : '0');
  }
  if (f.after) {
    params.push(f.after.due, f.after.id);
    const d = params.length - 1;
    where.push(`(IFNULL(due_at, 9007199254740991) > ?${d} OR (IFNULL(due_at, 9007199254740991) = ?${d} AND id > ?${d + 1}))`);
  }
  params.push(f.limit);
  const { results } = await db
    .prepare(
      `SELECT * FROM cases WHERE ${where.join(' AND ')}
       ORDER BY IFNULL(due_at, 9007199254740991), id LIMIT ?${params.length}`,
    )
    .bind(...params)
    .all<CaseRecord>();
  return results;
}

export interface RoutingSubmission {
  id: string;
  site_id: string;
  kind: string;
  rating: number | null;
  author_email: string | null;
  author_phone: string | null;
  order_ref: string | null;
  case_ref: string | null;
  routing: string | null;
  routed_at: number | null;
  created_at: number;
}

/** What the router needs of a submission: its contact, its stored routing decision, and whether it was routed. */
export async function readSubmissionForRouting(db: D1Database, siteId: string, id: string): Promise<RoutingSubmission | null> {
  return db
    .prepare(
      `SELECT id, site_id, kind, rating, author_email, author_phone, order_ref, case_ref, routing, routed_at, created_at
       FROM submissions WHERE id = ?1 AND site_id = ?2`,
    )
    .bind(id, siteId)
    .first<RoutingSubmission>();
}

export function markRouted(db: D1Database, submissionId: string, nowMs: number): D1PreparedStatement {
  return db.prepare('UPDATE submissions SET routed_at = ?2 WHERE id = ?1 AND routed_at IS NULL').bind(submissionId, nowMs);
}

/** Submissions whose queue send may have been lost: routed at submit time, no case yet. */
export async function listUnrouted(db: D1Database, olderThan: number, limit: number): Promise<RoutingSubmission[]> {
  const { results } = await db
    .prepare(
      `SELECT id, site_id, kind, rating, author_email, author_phone, order_ref, case_ref, routing, routed_at, created_at
       FROM submissions WHERE case_ref IS NOT NULL AND routed_at IS NULL AND created_at < ?1
       ORDER BY created_at LIMIT ?2`,
    )
    .bind(olderThan, limit)
    .all<RoutingSubmission>();
  return results;
}
