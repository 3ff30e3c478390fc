/**
 * The audit log: who did what to which item, with the state before and after as JSON.
 * Entries are written in the same batch as the change they describe, and never edited.
 */
import type { AuditAction, AuditEntry } from '../../../shared/admin.ts';
import { iso } from '../lib/time.ts';
import type { VersionGuard } from './summaries.ts';

export interface NewAuditEntry {
  siteId: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  before: unknown;
  after: unknown;
  createdAt: number;
}

interface AuditRecord {
  id: number;
  actor: string;
  actor_name: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  created_at: number;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function parse(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A case change's guard: the entry is written only if the case now carries this `updated_at` stamp. */
export interface CaseStampGuard {
  caseId: string;
  updatedAt: number;
}

/** The insert for one entry; with a `guard` it is written only if that decision goes ahead. */
export function insertAudit(db: D1Database, entry: NewAuditEntry, guard?: VersionGuard | CaseStampGuard): D1PreparedStatement {
  const values = [entry.siteId, entry.actor, entry.action, entry.target, json(entry.before), json(entry.after), entry.createdAt];
  if (guard && 'caseId' in guard) {
    return db
      .prepare(
        `INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?8 AND updated_at = ?9)`,
      )
      .bind(...values, guard.caseId, guard.updatedAt);
  }
  if (!guard) {
    return db
      .prepare('INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
      .bind(...values);
  }
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM submissions WHERE id = ?8 AND version = ?9)`,
    )
    .bind(...values, guard.submissionId, guard.version);
}

/** Staff act with their token id; the merchant's server, the customer and the system have fixed names. */
function auditActorKind(actor: string, name: string | null): AuditEntry['actorKind'] {
  if (name !== null) return 'staff';
  if (actor === 'customer') return 'customer';
  if (actor === 'secret-key') return 'server';
  if (actor === 'system') return 'system';
  return 'staff';
}

function toEntry(row: AuditRecord): AuditEntry {
  return {
    id: row.id,
    actor: row.actor,
    actorKind: auditActorKind(row.actor, row.actor_name),
    actorName: row.actor_name,
    action: row.action,
    target: row.target,
    before: parse(row.before),
    after: parse(row.after),
    createdAt: iso(row.created_at),
  };
}

/** One page of the site's log, newest first, from before entry `beforeId` (keyset on id). */
export async function listAudit(db: D1Database, siteId: string, beforeId: number | null, limit: number): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.actor, t.name AS actor_name, a.action, a.target, a.before, a.after, a.created_at
       FROM audit_log a LEFT JOIN staff_tokens t ON t.id = a.actor AND t.site_id = a.site_id
       WHERE a.site_id = ?1 AND a.id < ?2
       ORDER BY a.id DESC LIMIT ?3`,
    )
    .bind(siteId, beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRecord>();
  return results.map(toEntry);
}

export interface DecisionAudit {
  id: number;
  before: unknown;
  after: unknown;
}

/**
 * The newest decision on a submission that no undo has reverted yet: undoing twice steps back
 * through the decisions one by one.
 */
export async function lastUndoableDecision(db: D1Database, siteId: string, submissionId: string): Promise<DecisionAudit | null> {
  const row = await db
    .prepare(
      `SELECT a.id, a.before, a.after FROM audit_log a
       WHERE a.site_id = ?1 AND a.target = ?2 AND a.action = 'submission.decision'
         AND NOT EXISTS (
           SELECT 1 FROM audit_log u
           WHERE u.site_id = ?1 AND u.target = ?2 AND u.action = 'submission.undo'
             AND json_extract(u.after, '$.undoes') = a.id)
       ORDER BY a.id DESC LIMIT 1`,
    )
    .bind(siteId, submissionId)
    .first<{ id: number; before: string | null; after: string | null }>();
  return row ? { id: row.id, before: parse(row.before), after: parse(row.after) } : null;
}
