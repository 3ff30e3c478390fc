/**
 * Data rights: `GET /v1/admin/export` (every submission of the site, private fields included,
 * as JSON or CSV) and `POST /v1/admin/people/erase` with `{ email?, phone?, orderRef? }` (erase
 * one shopper's personal data from every area of db/erase.ts). The old query-string form
 * (`DELETE /v1/admin/people?email=`) is refused with a pointer to the new one: contacts in a
 * URL end up in logs.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { EraseInput, ExportQuery, type AdminSubmission, type Erased } from '../../../shared/admin.ts';
import { insertAudit } from '../db/audit.ts';
import { eraseStatements, findPerson } from '../db/erase.ts';
import { listForExport } from '../db/moderation.ts';
import { eraseEmailsFor } from '../db/emails.ts';
import { eraseCorrections } from '../db/learning.ts';
import { erasePhotosFor, readPhotosOf } from '../db/photos.ts';
import { staffPhoto } from '../lib/photo-urls.ts';
import { bumpContentVersion, readSite } from '../db/sites.ts';
import { hmacBase64Url } from '../lib/crypto.ts';
import { csvRow } from '../lib/csv.ts';
import { exportResponse } from '../lib/export.ts';
import { ProblemError } from '../lib/problem.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { contactKey } from '../rules/contact.ts';
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
  .use('/people/*', refuseCrossSite, requireStaff)
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
  .delete('/people', function eraseMoved() {
    throw new ProblemError(
      400,
      'erase-moved',
      'Erasure is POST /v1/admin/people/erase with a JSON body { "email"?, "phone"?, "orderRef"? }; contacts are no longer taken from the query string.',
    );
  })
  .post('/people/erase', requireJson, valid('json', EraseInput), async function erasePerson(c) {
    const input = c.req.valid('json');
    const staff = c.get('staff');
    const db = c.env.DB;
    const now = c.get('now');
    const site = await readSite(db, staff.siteId);
    if (!site) throw new ProblemError(404, 'site-not-found', 'This site no longer exists.');
    const person = await findPerson(db, site.id, input);
    // Outgoing emails first: their opt-ins are found through the submissions' contact fields,
    // which the submissions area blanks. Photos' R2 objects go now, their rows in the batch;
    // the router's corrections name the submissions they learned from.
    const emails = [
      ...person.emails.map((email) => ({ email })),
      ...person.phones.map((phone) => ({ phone })),
      ...person.orderRefs.map((orderRef) => ({ orderRef })),
    ].flatMap((contact) => eraseEmailsFor(db, site.id, contact).map((statement) => ({ area: 'emails', statement })));
    const photos = (await erasePhotosFor(c.env, site.id, person.submissionIds)).map((statement) => ({ area: 'photos', statement }));
    const corrections = person.submissionIds.length > 0 ? [{ area: 'router', statement: eraseCorrections(db, site.id, person.submissionIds) }] : [];
    const tagged = [...emails, ...(await eraseStatements(db, person, now)), ...photos, ...corrections];
    // The log proves the erasure happened without keeping what was erased: keyed hashes let
    // staff confirm a given contact was erased, and cannot be reversed without the site's key.
    const hashes: Record<string, string> = {};
    if (input.email) hashes.emailHash = await hmacBase64Url(site.signingKey, `erase:${input.email.trim().toLowerCase()}`);
    if (input.phone) hashes.phoneHash = await hmacBase64Url(site.signingKey, `erase:${contactKey({ phone: input.phone }) ?? input.phone}`);
    if (input.orderRef) hashes.orderRefHash = await hmacBase64Url(site.signingKey, `erase:order:${input.orderRef.trim().toLowerCase()}`);
    const results = await db.batch([
      ...tagged.map((t) => t.statement),
      insertAudit(db, {
        siteId: site.id,
        actor: staff.staffId,
        action: 'person.erase',
        target: null,
        before: null,
        after: { ...hashes, submissions: person.submissionIds, cases: person.caseIds },
        createdAt: now,
      }),
      bumpContentVersion(db, site.id),
    ]);
    const changed: Record<string, number> = {};
    tagged.forEach((t, i) => {
      changed[t.area] = (changed[t.area] ?? 0) + (results[i]?.meta.changes ?? 0);
    });
    const answer: Erased = { submissions: person.submissionIds.length, cases: person.caseIds.length, orders: person.orderIds.length, changed };
    return c.json(answer);
  });
