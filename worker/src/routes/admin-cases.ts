/**
 * The recovery queue for staff: list (most urgent first), read one case with its submissions and
 * whole timeline, change it, add private notes. A change is planned by rules/case-plan.ts and
 * written with its timeline entries and audit row in one batch (db/case-changes.ts); it applies
 * only if nobody changed the case since it was read, and is scoped to the staff member's own
 * site: another site's case is a 404. A message to the customer is sent once.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import {
  AdminCasesQuery,
  type AdminCaseDetail,
  type CaseActor,
  type AdminCasesPage,
  CasePatch,
  NoteInput,
} from '../../../shared/cases.ts';
import { caseChangeStatements, listCaseMessages, noteStatements, readCaseCustomer, toCaseState } from '../db/case-changes.ts';
import {
  listCaseEvents,
  listCaseRefs,
  listCases,
  readCase,
  readCaseByRef,
  toAdminCase,
  type CaseRecord,
} from '../db/cases.ts';
import { readManyModerated } from '../db/moderation.ts';
import { readSite } from '../db/sites.ts';
import { batchWithWebhooks, webhookEvent, type PendingWebhook } from '../db/webhooks.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { ProblemError } from '../lib/problem.ts';
import { signToken } from '../lib/signed.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { learnFromCaseClose } from '../db/learning.ts';
import { parseCaseSearch } from '../rules/case-search.ts';
import { planCaseChange } from '../rules/case-plan.ts';
import { caseUpdateEmails, sendSoon } from '../lib/email/outbox.ts';

/** How long the one-time re-rating link sent at resolution stays valid. */
export const RERATE_TTL_MS = 30 * 24 * 3_600_000;

const IdParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

async function ownCase(c: Context<AppEnv>, id: string): Promise<CaseRecord> {
  const siteId = c.get('staff').siteId;
  // A case is also found by a ref a submission was told (the queue's "Open case" link).
  const row = (await readCase(c.env.DB, siteId, id)) ?? (/^RB-/i.test(id) ? await readCaseByRef(c.env.DB, siteId, id.toUpperCase()) : null);
  if (!row) throw new ProblemError(404, 'case-not-found', 'There is no such case.');
  return row;
}

/** Who wrote a timeline entry: a staff token (named or not), the customer, or the system (null: the router). */
function actorKind(actor: string | null, name: string | null): CaseActor {
  if (name !== null) return 'staff';
  if (actor === null || actor === 'system') return 'system';
  return actor === 'customer' ? 'customer' : 'staff';
}

/** The tracking page link; the page reads `site`, `ref` and `t` from its query. */
export function trackPageUrl(origin: string, siteId: string, ref: string, token: string): string {
  const q = new URLSearchParams({ site: siteId, ref, t: token });
  return `${origin}/track/?${q.toString()}`;
}

/**
 * The `case.resolved` webhook: the merchant sends the one-time re-rating link, so their own
 * endpoint gets the customer's contact with it.
 */
async function resolvedHook(c: Context<AppEnv>, row: CaseRecord, resolution: string | null, now: number): Promise<PendingWebhook[]> {
  const db = c.env.DB;
  const site = await readSite(db, row.site_id);
  if (!site) return [];
  const rerateToken = await signToken(site.signingKey, 'rerate', { ref: row.ref, caseId: row.id }, now + RERATE_TTL_MS);
  const customer = await readCaseCustomer(db, row.site_id, row.submission_id);
  return [
    webhookEvent(db, site.id, 'case.resolved', {
      caseId: row.id,
      ref: row.ref,
      customer,
      resolution,
      rerateToken,
      rerateUrl: trackPageUrl(new URL(c.req.url).origin, site.id, row.ref, rerateToken),
      rerateExpiresAt: iso(now + RERATE_TTL_MS),
    }, now),
  ];
}

export const adminCaseRoutes = new Hono<AppEnv>()
  .use('/cases', refuseCrossSite, requireStaff)
  .use('/cases/*', refuseCrossSite, requireStaff)
  .get('/cases', valid('query', AdminCasesQuery), async function listRecoveryQueue(c) {
    const q = c.req.valid('query');
    const staff = c.get('staff');
    const site = await readSite(c.env.DB, staff.siteId);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const search = q.q === undefined ? null : parseCaseSearch(q.q);
    // The search goes last in the scope: a cursor from one search never pages another.
    const scope = `cases:${staff.siteId}:${q.status ?? ''}:${q.priority ?? ''}:${q.assignee ?? ''}:${q.sort}:${search ? JSON.stringify(search) : ''}`;
    let after: { due: number; id: string } | undefined;
    if (q.cursor) {
      const key = await decodeCursor(site.signingKey, scope, q.cursor, z.tuple([z.number(), z.string()]));
      if (!key) throw new ProblemError(400, 'bad-cursor', 'This cursor does not belong to this list.');
      after = { due: key[0], id: key[1] };
    }
    const rows = await listCases(c.env.DB, staff.siteId, { status: q.status, priority: q.priority, assignee: q.assignee, search, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const now = c.get('now');
    const answer: AdminCasesPage = {
      items: page.map((r) => toAdminCase(r, now)),
      nextCursor: rows.length > q.limit && last ? await encodeCursor(site.signingKey, scope, [last.due_at ?? Number.MAX_SAFE_INTEGER, last.id]) : null,
    };
    return c.json(answer);
  })
  .get('/cases/:id', valid('param', IdParam), async function readRecoveryCase(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const events = await listCaseEvents(c.env.DB, row.id, false);
    const submissionIds = [row.submission_id, ...events.flatMap((e) => (e.type === 'submission' && e.submission_id ? [e.submission_id] : []))];
    const submissions = await readManyModerated(c.env.DB, row.site_id, [...new Set(submissionIds)].slice(0, 100));
    const answer: AdminCaseDetail = {
      case: toAdminCase(row, c.get('now')),
      refs: [row.ref, ...(await listCaseRefs(c.env.DB, row.id))],
      submissions: submissions.map((s) => s.item).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      timeline: events.map((e) => ({
        id: e.id,
        type: e.type,
        public: e.public === 1,
        body: e.body,
        actor: e.actor,
        actorKind: actorKind(e.actor, e.actor_name),
        actorName: e.actor_name,
        submissionId: e.submission_id,
        at: iso(e.created_at),
      })),
    };
    return c.json(answer);
  })
  .patch('/cases/:id', requireJson, valid('param', IdParam), valid('json', CasePatch), async function changeCase(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const plan = planCaseChange({
      current: toCaseState(row),
      patch: c.req.valid('json'),
      actor: staff.staffId,
      nowMs: now,
      messages: await listCaseMessages(db, row.id),
    });
    if (!plan.ok) throw new ProblemError(plan.status, plan.code, plan.detail, plan.errors);
    if (plan.noop) return c.json({ case: toAdminCase(row, now) });
    const hooks = plan.webhook === 'case.resolved' ? await resolvedHook(c, row, plan.set.resolution ?? row.resolution, now) : [];
    // The customer hears of a new message (once: the plan drops one already sent) and of the
    // resolution; the outbox rows commit with the change.
    const message = plan.events.find((e) => e.type === 'message')?.body ?? null;
    const emails = await caseUpdateEmails(
      db,
      row.site_id,
      { id: row.id, ref: row.ref, submissionId: row.submission_id },
      { message, resolved: plan.set.status === 'resolved' },
      new URL(c.req.url).origin,
      plan.stamp,
    );
    const [update] = await batchWithWebhooks(c.env, [...caseChangeStatements(db, row, plan, staff.staffId), ...emails.map((e) => e.statement)], hooks);
    if ((update?.meta.changes ?? 0) === 0) throw new ProblemError(409, 'conflict', 'Someone else changed this case; reload it.');
    await sendSoon(c.env, emails, plan.stamp);
    await learnFromCaseClose(db, { siteId: row.site_id, submissionId: row.submission_id, reason: row.reason, status: plan.set.status, rootCause: plan.set.rootCause ?? row.root_cause, actor: staff.staffId, at: now });
    const fresh = await ownCase(c, row.id);
    return c.json({ case: toAdminCase(fresh, now) });
  })
  .post('/cases/:id/notes', requireJson, valid('param', IdParam), valid('json', NoteInput), async function addNote(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const { body } = c.req.valid('json');
    const staff = c.get('staff');
    const now = c.get('now');
    await c.env.DB.batch(noteStatements(c.env.DB, row, body, staff.staffId, now));
    return c.json({ ok: true }, 201);
  });
