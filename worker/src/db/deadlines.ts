/**
 * The cron's case deadlines: which cases to escalate, breach or remind of a promise, and the
 * conditional updates that mark each one once. Candidates come back as domain objects; the
 * updates are prepared statements so the cron puts each beside its timeline entry and webhook
 * in one `batch()`. Every update is conditional on its flag being unset, so two runs racing
 * change a case once.
 */
import type { CaseStatus, Priority } from '../../../shared/cases.ts';
import type { CaseRecord } from './cases.ts';
import type { SlaCase } from '../rules/sla.ts';

/** A case as the cron's deadline steps see it. */
export interface DeadlineCase extends SlaCase {
  id: string;
  siteId: string;
  ref: string;
  status: CaseStatus;
  priority: Priority;
  assignee: string | null;
  planDue: number | null;
  firstResponseAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
  escalatedAt: number | null;
  breachedAt: number | null;
  promisedAt: number | null;
}

type DeadlineRow = Pick<
  CaseRecord,
  | 'id'
  | 'site_id'
  | 'ref'
  | 'status'
  | 'priority'
  | 'assignee'
  | 'created_at'
  | 'first_response_due'
  | 'plan_due'
  | 'first_response_at'
  | 'paused_at'
  | 'paused_ms'
  | 'escalated_at'
  | 'breached_at'
  | 'promised_at'
>;

const COLUMNS = `id, site_id, ref, status, priority, assignee, created_at, first_response_due, plan_due, first_response_at,
  paused_at, paused_ms, escalated_at, breached_at, promised_at`;

function toDeadlineCase(r: DeadlineRow): DeadlineCase {
  return {
    id: r.id,
    siteId: r.site_id,
    ref: r.ref,
    status: r.status,
    priority: r.priority,
    assignee: r.assignee,
    createdAt: r.created_at,
    firstResponseDue: r.first_response_due,
    planDue: r.plan_due,
    firstResponseAt: r.first_response_at,
    pausedAt: r.paused_at,
    pausedMs: r.paused_ms,
    escalatedAt: r.escalated_at,
    breachedAt: r.breached_at,
    promisedAt: r.promised_at,
  };
}

/** Statuses in which the SLA clock runs (not while awaiting the customer). */
const WORKING = `('new', 'acknowledged', 'in_progress')`;

/**
 * Unanswered, unescalated cases whose half-way point (the window net of pauses) is at or before
 * `nowMs`, soonest due first. The SQL picks candidates through an index; `rules/sla.ts` decides.
 */
export async function listEscalationCandidates(db: D1Database, nowMs: number, limit: number): Promise<DeadlineCase[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM cases
       WHERE escalated_at IS NULL AND first_response_at IS NULL AND status IN ${WORKING}
         AND first_response_due IS NOT NULL AND merged_into IS NULL
         AND first_response_due - (first_response_due - paused_ms - created_at) / 2 <= ?1
       ORDER BY first_response_due LIMIT ?2`,
    )
    .bind(nowMs, limit)
    .all<DeadlineRow>();
  return results.map(toDeadlineCase);
}

export function markEscalated(db: D1Database, caseId: string, nowMs: number): D1PreparedStatement {
  return db.prepare('UPDATE cases SET escalated_at = ?2, updated_at = ?2 WHERE id = ?1 AND escalated_at IS NULL').bind(caseId, nowMs);
}

/**
 * Open, unbreached cases past their next deadline, soonest first. Its WHERE matches the partial
 * index `cases_breach` (migration 0004) term for term, so a run reads only the cases it returns
 * (test/worker/cron-plan.test.ts reads its query plan). Binds: ?1 now, ?2 limit.
 */
export const BREACH_CANDIDATES_SQL = `SELECT ${COLUMNS} FROM cases WHERE breached_at IS NULL AND status IN ${WORKING} AND due_at IS NOT NULL AND due_at <= ?1 AND merged_into IS NULL
     ORDER BY due_at LIMIT ?2`;

export async function listBreachCandidates(db: D1Database, nowMs: number, limit: number): Promise<DeadlineCase[]> {
  const { results } = await db.prepare(BREACH_CANDIDATES_SQL).bind(nowMs, limit).all<DeadlineRow>();
  return results.map(toDeadlineCase);
}

/** Marks a case breached and hands it to `owner` when the site names one. */
export function markBreached(db: D1Database, caseId: string, owner: string | null, nowMs: number): D1PreparedStatement {
  return db
    .prepare('UPDATE cases SET breached_at = ?2, assignee = COALESCE(?3, assignee), updated_at = ?2 WHERE id = ?1 AND breached_at IS NULL')
    .bind(caseId, nowMs, owner);
}

/** Open cases with a promised date at or before `untilMs` that were not reminded yet, soonest first. */
export async function listPromisesToRemind(db: D1Database, untilMs: number, limit: number): Promise<DeadlineCase[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM cases WHERE promised_at IS NOT NULL AND promise_reminded_at IS NULL AND promised_at <= ?1
         AND status IN ('new', 'acknowledged', 'in_progress', 'awaiting_customer')
       ORDER BY promised_at LIMIT ?2`,
    )
    .bind(untilMs, limit)
    .all<DeadlineRow>();
  return results.map(toDeadlineCase);
}

export function markPromiseReminded(db: D1Database, caseId: string, nowMs: number): D1PreparedStatement {
  return db.prepare('UPDATE cases SET promise_reminded_at = ?2 WHERE id = ?1 AND promise_reminded_at IS NULL').bind(caseId, nowMs);
}
