/** `/v1/admin/audit`: who did what, when, newest first; and the whole log as CSV or JSON. */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { AuditQuery, ExportQuery, type AuditEntry, type AuditPage } from '../../../shared/admin.ts';
import { listAudit } from '../db/audit.ts';
import { csvRow } from '../lib/csv.ts';
import { exportResponse } from '../lib/export.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

const EXPORT_PAGE = 500;

function auditCsv(entry: AuditEntry): string {
  return csvRow([
    entry.id,
    entry.createdAt,
    entry.actor,
    entry.actorName,
    entry.action,
    entry.target,
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
  ]);
}

export const adminAuditRoutes = new Hono<AppEnv>()
  .use('/audit', refuseCrossSite, requireStaff)
  .use('/audit/*', refuseCrossSite, requireStaff)
  .get('/audit', valid('query', AuditQuery), async function readAudit(c) {
    const { cursor, limit } = c.req.valid('query');
    if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) throw new ProblemError(400, 'bad-cursor', 'The cursor is not one this API gave out.');
    const entries = await listAudit(c.env.DB, c.get('staff').siteId, cursor === undefined ? null : Number(cursor), limit + 1);
    const items = entries.slice(0, limit);
    const last = items.at(-1);
    const page: AuditPage = { items, nextCursor: entries.length > limit && last ? String(last.id) : null };
    return c.json(page);
  })
  .get('/audit/export', valid('query', ExportQuery), function exportAudit(c) {
    const { format } = c.req.valid('query');
    const db = c.env.DB;
    const { siteId } = c.get('staff');
    let before: number | null = null;
    return exportResponse({
      format,
      filename: `rebound-${siteId}-audit`,
      csvHeader: csvRow(['id', 'created_at', 'actor', 'actor_name', 'action', 'target', 'before', 'after']),
      async nextPage() {
        const entries = await listAudit(db, siteId, before, EXPORT_PAGE);
        before = entries.at(-1)?.id ?? before;
        return { items: entries, done: entries.length < EXPORT_PAGE };
      },
      toCsv: auditCsv,
    });
  });
