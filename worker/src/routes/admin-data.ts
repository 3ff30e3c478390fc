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
import { erasePhotosFor, readPhotosOf } from '../db/photos.ts';
import { staffPhoto } from '../lib/photo-urls.ts';
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
  'created_at', 'published_at', 'decided_at', 'decision_reason', 'reply', 'case_ref', 'photos',
]);

/** A submission as exported: its photos listed by their staff URLs (the bytes stay in R2). */
type ExportedSubmission = AdminSubmission & { photos: { id: string; url: string; width: number; height: number; hidden: boolean }[] };

function submissionCsv(s: ExportedSubmission): string {
  return csvRow([
    s.id, s.kind, s.status, s.subject, s.rating, s.title, s.body, s.category, s.expected, s.desiredOutcome,
    s.author.name, s.author.email, s.author.phone, s.orderRef, s.verified, s.lang, s.flags.join(' '), s.helpful,
    s.createdAt, s.publishedAt, s.decidedAt, s.decisionReason, s.reply?.body, s.caseRef, s.photos.map((p) => p.url).join(' '),
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
        const photos = await readPhotosOf(db, siteId, page.map((m) => m.item.id), { includeHidden: true });
        const items = page.map((m): ExportedSubmission => ({
          ...m.item,
          photos: (photos.get(m.item.id) ?? []).map((p) => {
            const staff = staffPhoto(c.req.url, p);
            return { id: p.id, url: staff.full.url, width: p.width, height: p.height, hidden: p.hidden };
          }),
        }));
        return { items, done: page.length < EXPORT_PAGE };
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
    // Photos go with the submissions: their R2 objects now, their rows in this batch (last, so
    // the counts below keep their positions).
    const photoStatements = await erasePhotosFor(c.env, site.id, rows.map((r) => r.id));
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
      ...photoStatements,
    ]);
    const changed = (index: number) => results[rows.length + index]?.meta.changes ?? 0;
    const answer: Erased = { submissions: rows.length, cases: changed(0), orders: changed(1) };
    return c.json(answer);
  });
