/**
 * Staff's side of "probably the same customer": the cases linked to one (same email, phone or
 * order number, found by the queue consumer), merging one case into another for staff's work and
 * splitting it off again, and rotating a customer's tracking link. Each change is audited, scoped
 * to the staff member's own site (another site's case is a 404) and refused cross-site.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { type CaseLinks, MergeInput, type TrackLinkRotated } from '../../../shared/case-links.ts';
import { readCase, type CaseRecord } from '../db/cases.ts';
import {
  auditCaseChange,
  listLinkedCases,
  listMergedInto,
  mergeCaseStatement,
  rotateTrackHashStatement,
  splitCaseStatement,
} from '../db/case-links.ts';
import { insertAudit } from '../db/audit.ts';
import { readSite } from '../db/sites.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { signToken } from '../lib/signed.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { dueAfterSplit, refuseMerge } from '../rules/case-merge.ts';

const IdParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

async function ownCase(c: Context<AppEnv>, id: string): Promise<CaseRecord> {
  const row = await readCase(c.env.DB, c.get('staff').siteId, id);
  if (!row) throw new ProblemError(404, 'case-not-found', 'There is no such case.');
  return row;
}

async function linksOf(c: Context<AppEnv>, row: CaseRecord): Promise<CaseLinks> {
  const [links, merged] = await Promise.all([listLinkedCases(c.env.DB, row.site_id, row.id), listMergedInto(c.env.DB, row.site_id, row.id)]);
  return { caseId: row.id, mergedInto: row.merged_into, merged, links };
}

const conflict = () => new ProblemError(409, 'conflict', 'Someone else changed this case; reload it.');

export const adminCaseLinkRoutes = new Hono<AppEnv>()
  .use('/cases/:id/*', refuseCrossSite, requireStaff)
  .get('/cases/:id/links', valid('param', IdParam), async function readCaseLinks(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    return c.json(await linksOf(c, row));
  })
  .post('/cases/:id/merge', requireJson, valid('param', IdParam), valid('json', MergeInput), async function mergeCase(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const into = await ownCase(c, c.req.valid('json').into);
    const [children, intoChildren] = await Promise.all([listMergedInto(c.env.DB, row.site_id, row.id), listMergedInto(c.env.DB, row.site_id, into.id)]);
    const refusal = refuseMerge(
      { id: row.id, status: row.status, mergedInto: row.merged_into, mergedChildren: children.length },
      { id: into.id, status: into.status, mergedInto: into.merged_into, mergedChildren: intoChildren.length },
    );
    if (refusal) throw new ProblemError(refusal.status, refusal.type, refusal.detail);
    const stamp = Math.max(c.get('now'), row.updated_at + 1);
    const [update] = await c.env.DB.batch([
      mergeCaseStatement(c.env.DB, { siteId: row.site_id, id: row.id, into: into.id, seenUpdatedAt: row.updated_at, at: stamp }),
      auditCaseChange(c.env.DB, {
        siteId: row.site_id,
        actor: c.get('staff').staffId,
        action: 'case.merge',
        caseId: row.id,
        before: { mergedInto: null, dueAt: row.due_at },
        after: { mergedInto: into.id, ref: into.ref },
        stamp,
      }),
    ]);
    if ((update?.meta.changes ?? 0) === 0) throw conflict();
    return c.json(await linksOf(c, await ownCase(c, row.id)));
  })
  .post('/cases/:id/split', valid('param', IdParam), async function splitCase(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    if (row.merged_into === null) throw new ProblemError(409, 'not-merged', 'This case is not merged into another.');
    const stamp = Math.max(c.get('now'), row.updated_at + 1);
    const dueAt = dueAfterSplit({
      status: row.status,
      firstResponseAt: row.first_response_at,
      firstResponseDue: row.first_response_due,
      planAt: row.plan_at,
      planDue: row.plan_due,
      promisedAt: row.promised_at,
    });
    const [update] = await c.env.DB.batch([
      splitCaseStatement(c.env.DB, { siteId: row.site_id, id: row.id, seenUpdatedAt: row.updated_at, dueAt, at: stamp }),
      auditCaseChange(c.env.DB, {
        siteId: row.site_id,
        actor: c.get('staff').staffId,
        action: 'case.split',
        caseId: row.id,
        before: { mergedInto: row.merged_into },
        after: { mergedInto: null, dueAt },
        stamp,
      }),
    ]);
    if ((update?.meta.changes ?? 0) === 0) throw conflict();
    return c.json(await linksOf(c, await ownCase(c, row.id)));
  })
  .post('/cases/:id/track-link', valid('param', IdParam), async function rotateTrackLink(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const site = await readSite(c.env.DB, row.site_id);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const now = c.get('now');
    // A random `n` makes this token unlike every earlier one; only its hash is kept.
    const nonce = crypto.randomUUID();
    const token = await signToken(site.signingKey, 'track', { ref: row.ref, n: nonce });
    await c.env.DB.batch([
      rotateTrackHashStatement(c.env.DB, { siteId: row.site_id, id: row.id, hash: await sha256Hex(token), at: now }),
      // The link itself is never logged: whoever reads the log must not be able to open the case.
      insertAudit(c.env.DB, { siteId: row.site_id, actor: c.get('staff').staffId, action: 'case.track_link', target: row.id, before: null, after: { rotated: true, ref: row.ref }, createdAt: now }),
    ]);
    const trackUrl = new URL('/track/', c.req.url);
    trackUrl.search = new URLSearchParams({ site: site.id, ref: row.ref, t: token }).toString();
    const answer: TrackLinkRotated = { ref: row.ref, trackUrl: trackUrl.toString() };
    return c.json(answer, 201, { 'cache-control': 'no-store' });
  });
