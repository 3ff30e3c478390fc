/**
 * "Probably the same customer" links between cases, staff's merges and splits, and tracking-link
 * rotation. Reads return domain objects; writes are prepared statements for the caller's batch.
 * Every statement is scoped by site.
 */
import type { LinkedCase, LinkReason } from '../../../shared/case-links.ts';
import { LinkReason as LinkReasonSchema } from '../../../shared/case-links.ts';
import { OPEN_CASE_STATUSES } from '../../../shared/cases.ts';
import type { AuditAction } from '../../../shared/admin.ts';
import { iso } from '../lib/time.ts';
import type { CaseRecord } from './cases.ts';

const OPEN_LIST = OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Open cases of the site that share a contact key or the order number with a new case: the
 * candidates for a "probably the same customer" link. Never the case itself.
 */
export async function findLinkCandidates(
  db: D1Database,
  siteId: string,
  c: { excludeId: string; keys: readonly string[]; orderRef: string | null },
): Promise<CaseRecord[]> {
  if (c.keys.length === 0 && c.orderRef === null) return [];
  const params: (string | null)[] = [siteId, c.excludeId, c.orderRef?.trim() || null];
  const keyList = c.keys.map((k) => `?${params.push(k)}`).join(', ');
  const any = [...(c.keys.length ? [`contact_key IN (${keyList})`] : []), '(?3 IS NOT NULL AND lower(trim(order_ref)) = lower(?3))'];
  const { results } = await db
    .prepare(
      `SELECT * FROM cases WHERE site_id = ?1 AND id != ?2 AND status IN (${OPEN_LIST}) AND (${any.join(' OR ')})
       ORDER BY created_at DESC LIMIT 20`,
    )
    .bind(...params)
    .all<CaseRecord>();
  return results;
}

/** Records that `caseId` looks like the same customer as `otherCaseId`. A replay changes nothing. */
export function insertCaseLink(
  db: D1Database,
  l: { siteId: string; caseId: string; otherCaseId: string; reasons: readonly LinkReason[]; at: number },
): D1PreparedStatement {
  return db
    .prepare('INSERT OR IGNORE INTO case_links (site_id, case_id, other_case_id, reasons, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(l.siteId, l.caseId, l.otherCaseId, JSON.stringify(l.reasons), l.at);
}

interface LinkRow {
  id: string;
  ref: string;
  status: LinkedCase['status'];
  priority: LinkedCase['priority'];
  merged_into: string | null;
  reasons: string;
  linked_at: number;
}

function reasonsOf(value: string): LinkReason[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.flatMap((r) => (LinkReasonSchema.safeParse(r).success ? [r as LinkReason] : [])) : [];
  } catch {
    return [];
  }
}

/** The cases linked to `caseId` in either direction, newest link first. */
export async function listLinkedCases(db: D1Database, siteId: string, caseId: string): Promise<LinkedCase[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.ref, c.status, c.priority, c.merged_into, l.reasons, l.created_at AS linked_at
       FROM case_links l JOIN cases c ON c.site_id = l.site_id AND c.id = CASE WHEN l.case_id = ?2 THEN l.other_case_id ELSE l.case_id END
       WHERE l.site_id = ?1 AND (l.case_id = ?2 OR l.other_case_id = ?2)
       ORDER BY l.created_at DESC, c.id LIMIT 100`,
    )
    .bind(siteId, caseId)
    .all<LinkRow>();
  return results.map((r) => ({
    caseId: r.id,
    ref: r.ref,
    status: r.status,
    priority: r.priority,
    reasons: reasonsOf(r.reasons),
    mergedInto: r.merged_into,
    createdAt: iso(r.linked_at),
  }));
}

/** The cases staff merged into `caseId`. */
export async function listMergedInto(db: D1Database, siteId: string, caseId: string): Promise<{ caseId: string; ref: string }[]> {
  const { results } = await db
    .prepare('SELECT id, ref FROM cases WHERE site_id = ?1 AND merged_into = ?2 ORDER BY created_at, id LIMIT 100')
    .bind(siteId, caseId)
    .all<{ id: string; ref: string }>();
  return results.map((r) => ({ caseId: r.id, ref: r.ref }));
}

/**
 * Merges `id` into `into`: only if `id` did not change since staff read it (`updated_at`), `into`
 * is not itself merged, and nothing is merged into `id` (merges never chain). The merged case
 * leaves the queue and the SLA sweeps (its `due_at` is cleared); the case it joined carries the work.
 */
export function mergeCaseStatement(
  db: D1Database,
  m: { siteId: string; id: string; into: string; seenUpdatedAt: number; at: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE cases SET merged_into = ?3, due_at = NULL, updated_at = ?5
       WHERE id = ?2 AND site_id = ?1 AND merged_into IS NULL AND updated_at = ?4
         AND EXISTS (SELECT 1 FROM cases i WHERE i.id = ?3 AND i.site_id = ?1 AND i.merged_into IS NULL)
         AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.site_id = ?1 AND k.merged_into = ?2)`,
    )
    .bind(m.siteId, m.id, m.into, m.seenUpdatedAt, m.at);
}

/** Undoes a merge: the case is worked on its own again, with its own next deadline. */
export function splitCaseStatement(
  db: D1Database,
  s: { siteId: string; id: string; seenUpdatedAt: number; dueAt: number | null; at: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE cases SET merged_into = NULL, due_at = ?4, updated_at = ?5
       WHERE id = ?2 AND site_id = ?1 AND merged_into IS NOT NULL AND updated_at = ?3`,
    )
    .bind(s.siteId, s.id, s.seenUpdatedAt, s.dueAt, s.at);
}

/** Replaces the case's tracking-link hash: every earlier link stops working. */
export function rotateTrackHashStatement(db: D1Database, r: { siteId: string; id: string; hash: string; at: number }): D1PreparedStatement {
  return db
    .prepare('UPDATE cases SET track_token_hash = ?3, track_rotated_at = ?4 WHERE id = ?2 AND site_id = ?1')
    .bind(r.siteId, r.id, r.hash, r.at);
}

/**
 * An audit row written only if the case now carries `stamp` as its `updated_at`: in the batch
 * after a guarded merge or split, it records the change only when that change was made.
 */
export function auditCaseChange(
  db: D1Database,
  a: { siteId: string; actor: string; action: AuditAction; caseId: string; before: unknown; after: unknown; stamp: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?4 AND site_id = ?1 AND updated_at = ?7)`,
    )
    .bind(a.siteId, a.actor, a.action, a.caseId, JSON.stringify(a.before), JSON.stringify(a.after), a.stamp);
}
