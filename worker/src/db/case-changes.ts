/**
 * The statements behind staff's work on a case: a planned change (rules/case-plan.ts) committed
 * as one guarded update with its timeline entries and audit row, private notes, the messages
 * already sent, and the customer a resolution webhook names. Writes are returned as prepared
 * statements for the caller's one `batch()`.
 */
import type { SentMessage, CaseColumns, CaseState } from '../rules/case-plan.ts';
import type { CasePlan } from '../rules/case-plan.ts';
import { insertAudit } from './audit.ts';
import { insertCaseEvent, type CaseRecord } from './cases.ts';

/** The SQL column of each plan column; the only names that ever reach the UPDATE's text. */
const COLUMN: Record<keyof CaseColumns, string> = {
  status: 'status',
  assignee: 'assignee',
  priority: 'priority',
  promisedAt: 'promised_at',
  rootCause: 'root_cause',
  resolution: 'resolution',
  resolvedOk: 'resolved_ok',
  firstResponseAt: 'first_response_at',
  pausedAt: 'paused_at',
  pausedMs: 'paused_ms',
  firstResponseDue: 'first_response_due',
  planDue: 'plan_due',
  planAt: 'plan_at',
  dueAt: 'due_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
};

export function toCaseState(row: CaseRecord): CaseState {
  return {
    status: row.status,
    priority: row.priority,
    assignee: row.assignee,
    promisedAt: row.promised_at,
    rootCause: row.root_cause,
    resolution: row.resolution,
    resolvedOk: row.resolved_ok === null ? null : row.resolved_ok === 1,
    firstResponseAt: row.first_response_at,
    firstResponseDue: row.first_response_due,
    planDue: row.plan_due,
    planAt: row.plan_at,
    pausedAt: row.paused_at,
    pausedMs: row.paused_ms,
    dueAt: row.due_at,
    updatedAt: row.updated_at,
  };
}

/** The staff messages of a case, oldest first. */
export async function listCaseMessages(db: D1Database, caseId: string): Promise<SentMessage[]> {
  const { results } = await db
    .prepare(`SELECT body, message_key FROM case_events WHERE case_id = ?1 AND type = 'message' AND body IS NOT NULL ORDER BY id LIMIT 500`)
    .bind(caseId)
    .all<{ body: string; message_key: string | null }>();
  return results.map((r) => ({ body: r.body, key: r.message_key }));
}

type Applied = Extract<CasePlan, { ok: true }>;

/**
 * The batch of one planned change: the update first, applying only if nobody changed the case
 * since it was read (`updated_at` still as read), then each entry guarded on the new stamp, so
 * they are written only if the update won. A message whose key was already stored is ignored.
 */
export function caseChangeStatements(db: D1Database, row: Pick<CaseRecord, 'id' | 'site_id' | 'updated_at'>, plan: Applied, actor: string): D1PreparedStatement[] {
  const keys = Object.keys(plan.set) as (keyof CaseColumns)[];
  const value = (k: keyof CaseColumns): string | number | null => {
    const v = plan.set[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
  };
  const won = 'EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND updated_at = ?2)';
  const assignments = keys.map((k, i) => `${COLUMN[k]} = ?${i + 4}`).concat('updated_at = ?2');
  return [
    db
      .prepare(`UPDATE cases SET ${assignments.join(', ')} WHERE id = ?1 AND site_id = ?3 AND updated_at = ?${keys.length + 4}`)
      .bind(row.id, plan.stamp, row.site_id, ...keys.map(value), row.updated_at),
    ...plan.events.map((e) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO case_events (case_id, type, public, body, actor, message_key, created_at)
           SELECT ?1, ?3, ?4, ?5, ?6, ?7, ?2 WHERE ${won}`,
        )
        .bind(row.id, plan.stamp, e.type, e.public ? 1 : 0, e.body, actor, e.messageKey ?? null),
    ),
    insertAudit(
      db,
      { siteId: row.site_id, actor, action: plan.audit.action, target: row.id, before: plan.audit.before, after: plan.audit.after, createdAt: plan.stamp },
      { caseId: row.id, updatedAt: plan.stamp },
    ),
  ];
}

/** A private note and its audit row. */
export function noteStatements(db: D1Database, row: Pick<CaseRecord, 'id' | 'site_id'>, body: string, actor: string, nowMs: number): D1PreparedStatement[] {
  return [
    insertCaseEvent(db, { caseId: row.id, type: 'note', public: false, body, actor, at: nowMs }),
    insertAudit(db, { siteId: row.site_id, actor, action: 'case.note', target: row.id, before: null, after: { length: body.length }, createdAt: nowMs }),
  ];
}

export interface CaseCustomer {
  name: string;
  email: string | null;
  phone: string | null;
}

/** Who the case's first submission came from: the merchant's endpoint sends the re-rating link. */
export async function readCaseCustomer(db: D1Database, siteId: string, submissionId: string): Promise<CaseCustomer | null> {
  return db
    .prepare('SELECT author_name AS name, author_email AS email, author_phone AS phone FROM submissions WHERE id = ?1 AND site_id = ?2')
    .bind(submissionId, siteId)
    .first<CaseCustomer>();
}
