/**
 * The recovery queue for staff: list (most urgent first), read one case with its submissions and
 * whole timeline, change it, add private notes. Every change is written with its timeline entry
 * and audit row in one batch, applies only if nobody changed the case since it was read, and is
 * scoped to the staff member's own site: another site's case is a 404.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import {
  AdminCasesQuery,
  type AdminCaseDetail,
  type AdminCasesPage,
  CasePatch,
  type CaseStatus,
  NoteInput,
} from '../../../shared/cases.ts';
import {
  insertCaseEvent,
  listCaseEvents,
  listCaseRefs,
  listCases,
  readCase,
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
import { parseCaseSearch } from '../rules/case-search.ts';
import { canTransition, missingForTransition } from '../rules/lifecycle.ts';
import { endPause, startPause } from '../rules/sla.ts';
import { caseUpdateEmails, sendSoon } from '../lib/email/outbox.ts';

/** How long the one-time re-rating link sent at resolution stays valid. */
export const RERATE_TTL_MS = 30 * 24 * 3_600_000;

const IdParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

async function ownCase(c: Context<AppEnv>, id: string): Promise<CaseRecord> {
  const row = await readCase(c.env.DB, c.get('staff').siteId, id);
  if (!row) throw new ProblemError(404, 'case-not-found', 'There is no such case.');
  return row;
}

/** The tracking page link; the page reads `site`, `ref` and `t` from its query. */
export function trackPageUrl(origin: string, siteId: string, ref: string, token: string): string {
  const q = new URLSearchParams({ site: siteId, ref, t: token });
  return `${origin}/track/?${q.toString()}`;
}

type Columns = Partial<{
  status: CaseStatus;
  assignee: string | null;
  priority: string;
  promised_at: number | null;
  root_cause: string;
  resolution: string;
  resolved_ok: number;
  first_response_at: number;
  paused_at: number | null;
  paused_ms: number;
  first_response_due: number | null;
  plan_due: number | null;
  plan_at: number;
  due_at: number | null;
  resolved_at: number;
  closed_at: number;
}>;

/** The next deadline of a case: first response until answered, then the plan, then the promise. */
function nextDue(row: { first_response_at: number | null; first_response_due: number | null; plan_at: number | null; plan_due: number | null; promised_at: number | null }): number | null {
  if (row.first_response_at === null) return row.first_response_due;
  if (row.plan_at === null) return row.plan_due;
  return row.promised_at;
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
        submissionId: e.submission_id,
        at: iso(e.created_at),
      })),
    };
    return c.json(answer);
  })
  .patch('/cases/:id', requireJson, valid('param', IdParam), valid('json', CasePatch), async function changeCase(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const patch = c.req.valid('json');
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const set: Columns = {};
    const events: { type: string; public: boolean; body: string | null }[] = [];
    const hooks: PendingWebhook[] = [];

    if (patch.assignee !== undefined && patch.assignee !== row.assignee) {
      set.assignee = patch.assignee;
      events.push({ type: 'assigned', public: false, body: patch.assignee });
    }
    if (patch.priority && patch.priority !== row.priority) {
      set.priority = patch.priority;
      events.push({ type: 'priority', public: false, body: patch.priority });
    }
    if (patch.promisedAt !== undefined) {
      const promised = patch.promisedAt === null ? null : Date.parse(patch.promisedAt);
      if (promised !== row.promised_at) {
        set.promised_at = promised;
        events.push({ type: 'promised', public: true, body: promised === null ? null : iso(promised) });
      }
    }
    if (patch.rootCause) set.root_cause = patch.rootCause;
    if (patch.resolution !== undefined) set.resolution = patch.resolution;

    const to = patch.status;
    if (to && to !== row.status) {
      if (!canTransition(row.status, to)) {
        throw new ProblemError(409, 'invalid-transition', `A case cannot go from ${row.status} to ${to}.`);
      }
      // Resolving says yes to "was it resolved?" unless staff say otherwise; closing must say.
      const resolved = patch.resolved ?? (row.resolved_ok !== null ? row.resolved_ok === 1 : to === 'resolved' ? true : undefined);
      const missing = missingForTransition(to, { rootCause: patch.rootCause ?? row.root_cause, resolved });
      if (missing.length > 0) {
        throw new ProblemError(
          422,
          'validation',
          'Closing a case asks for its root cause and whether the problem was resolved.',
          missing.map((path) => ({ path, code: 'required', message: path === 'rootCause' ? 'is required to close a case' : 'say whether the problem was resolved' })),
        );
      }
      if (resolved !== undefined && (to === 'resolved' || to === 'closed')) set.resolved_ok = resolved ? 1 : 0;
      set.status = to;
      events.push({ type: 'status', public: true, body: to });
      // The SLA clock stops while the customer owes an answer; its deadlines move by the pause.
      if (to === 'awaiting_customer') set.paused_at = startPause(now).pausedAt;
      if (row.status === 'awaiting_customer' && row.paused_at !== null) {
        const ended = endPause({ pausedAt: row.paused_at, pausedMs: row.paused_ms, firstResponseDue: row.first_response_due, planDue: row.plan_due }, now);
        set.paused_at = ended.pausedAt;
        set.paused_ms = ended.pausedMs;
        set.first_response_due = ended.firstResponseDue;
        set.plan_due = ended.planDue;
      }
      if (to === 'in_progress' && row.plan_at === null) set.plan_at = now;
      if (to === 'resolved') {
        set.resolved_at = now;
        const site = await readSite(db, row.site_id);
        if (site) {
          const origin = new URL(c.req.url).origin;
          const rerateToken = await signToken(site.signingKey, 'rerate', { ref: row.ref, caseId: row.id }, now + RERATE_TTL_MS);
          // The merchant sends the re-rating link, so their own endpoint gets the customer's contact.
          const customer = await db
            .prepare('SELECT author_name AS name, author_email AS email, author_phone AS phone FROM submissions WHERE id = ?1 AND site_id = ?2')
            .bind(row.submission_id, row.site_id)
            .first<{ name: string; email: string | null; phone: string | null }>();
          hooks.push(
            webhookEvent(db, site.id, 'case.resolved', {
              caseId: row.id,
              ref: row.ref,
              customer,
              resolution: patch.resolution ?? row.resolution,
              rerateToken,
              rerateUrl: trackPageUrl(origin, site.id, row.ref, rerateToken),
              rerateExpiresAt: iso(now + RERATE_TTL_MS),
            }, now),
          );
        }
      }
      if (to === 'closed') set.closed_at = now;
    }
    if (patch.publicMessage) events.push({ type: 'message', public: true, body: patch.publicMessage });
    if (patch.resolved !== undefined) set.resolved_ok = patch.resolved ? 1 : 0;
    // The first thing staff do that the customer sees is the first response.
    if (row.first_response_at === null && (set.status !== undefined || patch.publicMessage)) set.first_response_at = now;

    const merged = { ...row, ...set };
    const due = merged.status === 'awaiting_customer' ? row.due_at : nextDue(merged);
    if (due !== row.due_at) set.due_at = due;

    const keys = Object.keys(set) as (keyof Columns)[];
    if (keys.length === 0 && events.length === 0) return c.json({ case: toAdminCase(row, now) });

    // Each write after the update happens only if the update won: nobody changed the case since
    // it was read. The stamp is strictly newer than the one read so the guard tells them apart.
    const stamp = Math.max(now, row.updated_at + 1);
    const won = 'EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND updated_at = ?2)';
    const values = keys.map((k) => set[k] ?? null);
    const statements: D1PreparedStatement[] = [
      db
        .prepare(
          `UPDATE cases SET ${keys.map((k, i) => `${k} = ?${i + 4}`).concat('updated_at = ?2').join(', ')}
           WHERE id = ?1 AND site_id = ?3 AND updated_at = ?${keys.length + 4}`,
        )
        .bind(row.id, stamp, row.site_id, ...values, row.updated_at),
      ...events.map((e) =>
        db
          .prepare(`INSERT INTO case_events (case_id, type, public, body, actor, created_at) SELECT ?1, ?3, ?4, ?5, ?6, ?2 WHERE ${won}`)
          .bind(row.id, stamp, e.type, e.public ? 1 : 0, e.body, staff.staffId),
      ),
      db
        .prepare(
          `INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at)
           SELECT ?3, ?4, 'case.update', ?1, ?5, ?6, ?2 WHERE ${won}`,
        )
        .bind(row.id, stamp, row.site_id, staff.staffId, JSON.stringify(Object.fromEntries(keys.map((k) => [k, row[k]]))), JSON.stringify(set)),
    ];
    const emails = await caseUpdateEmails(db, row.site_id, { id: row.id, ref: row.ref, submissionId: row.submission_id }, { message: patch.publicMessage, resolved: set.status === 'resolved' }, new URL(c.req.url).origin, stamp);
    const [update] = await batchWithWebhooks(c.env, [...statements, ...emails.map((e) => e.statement)], hooks);
    if ((update?.meta.changes ?? 0) === 0) throw new ProblemError(409, 'conflict', 'Someone else changed this case; reload it.');
    await sendSoon(c.env, emails, stamp);
    const fresh = await ownCase(c, row.id);
    return c.json({ case: toAdminCase(fresh, now) });
  })
  .post('/cases/:id/notes', requireJson, valid('param', IdParam), valid('json', NoteInput), async function addNote(c) {
    const row = await ownCase(c, c.req.valid('param').id);
    const { body } = c.req.valid('json');
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    await db.batch([
      insertCaseEvent(db, { caseId: row.id, type: 'note', public: false, body, actor: staff.staffId, at: now }),
      db
        .prepare(`INSERT INTO audit_log (site_id, actor, action, target, after, created_at) VALUES (?1, ?2, 'case.note', ?3, ?4, ?5)`)
        .bind(row.site_id, staff.staffId, row.id, JSON.stringify({ length: body.length }), now),
    ]);
    return c.json({ ok: true }, 201);
  });
