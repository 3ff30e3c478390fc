/**
 * Data rights: `GET /v1/admin/export` (every submission of the site, private fields included,
 * as JSON or CSV) and `DELETE /v1/admin/people?email=` (erase one shopper's personal data from
 * submissions, cases, registered orders and the follow-up record).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { EraseQuery, ExportQuery, type AdminSubmission, type Erased } from '../../../shared/admin.ts';
import { insertAudit } from '../db/audit.ts';
import { eraseStatements, findByEmail, listForExport } from '../db/moderation.ts';
import { eraseEmailsFor } from '../db/emails.ts';
import { bumpContentVersion, readSite } from '../db/sites.ts';
import { hmacBase64Url } from '../lib/crypto.ts';
import { csvRow } from '../lib/csv.ts';
import { exportResponse } from '../lib/export.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

const EXPORT_PAGE = 500;

const CSV_HEADER = csvRow([
  'id', 'kind', 'status', 'subject', 'rating', 'title', 'body', 'category', 'expected', 'desired_outcome',
  'author_name', 'author_email', 'author_phone', 'order_ref', 'verified', 'lang', 'flags', 'helpful',
  'created_at', 'published_at', 'decided_at', 'decision_reason', 'reply', 'case_ref',
]);

function submissionCsv(s: AdminSubmission): string {
  return csvRow([
    s.id, s.kind, s.status, s.subject, s.rating, s.title, s.body, s.category, s.expected, s.desiredOutcome,
    s.author.name, s.author.email, s.author.phone, s.orderRef, s.verified, s.lang, s.flags.join(' '), s.helpful,
    s.createdAt, s.publishedAt, s.decidedAt, s.decisionReason, s.reply?.body, s.caseRef,
  ]);
}

export const adminDataRoutes = new Hono<AppEnv>()
  .use('/export', refuseCrossSite, requireStaff)
  .use('/people', refuseCrossSite, requireStaff)
  .get('/export', valid('query', ExportQuery), function exportSubmissions(c) {
    const { format } = c.req.valid('query');
    const db = c.env.DB;
    const { siteId } = c.get('staff');
    let after: { createdAt: number; id: string } | null = null;
    return exportResponse({
      format,
      filename: `rebound-${siteId}-submissions`,
      csvHeader: CSV_HEADER,
      async nextPage() {
        const page = await listForExport(db, siteId, after, EXPORT_PAGE);
        const last = page.at(-1);
        if (last) after = { createdAt: Date.parse(last.item.createdAt), id: last.item.id };
        return { items: page.map((m) => m.item), done: page.length < EXPORT_PAGE };
      },
      toCsv: submissionCsv,
    });
  })
  .delete('/people', valid('query', EraseQuery), async function erasePerson(c) {
    const { email } = c.req.valid('query');
    const staff = c.get('staff');
    const db = c.env.DB;
    const now = c.get('now');
    const site = await readSite(db, staff.siteId);
    if (!site) throw new ProblemError(404, 'site-not-found', 'This site no longer exists.');
    const rows = await findByEmail(db, site.id, email);
    const statements = eraseStatements(db, site.id, email, rows, now);
    // The log proves the erasure happened without keeping what was erased: a keyed hash lets
    // staff confirm a given address was erased, and cannot be reversed without the site's key.
    const emailHash = await hmacBase64Url(site.signingKey, `erase:${email.trim().toLowerCase()}`);
    const results = await db.batch([
      ...statements,
      insertAudit(db, {
        siteId: site.id,
        actor: staff.staffId,
        action: 'person.erase',
        target: null,
        before: null,
        after: { emailHash, submissions: rows.map((r) => r.id) },
        createdAt: now,
      }),
      bumpContentVersion(db, site.id),
      ...eraseEmailsFor(db, site.id, { email }),
    ]);
    const changed = (index: number) => results[rows.length + index]?.meta.changes ?? 0;
    const answer: Erased = { submissions: rows.length, cases: changed(0), orders: changed(1) };
    return c.json(answer);
  });
