/**
 * `/v1/admin/submissions`: the moderation queue, decisions (one or in bulk) and their undo, and
 * the merchant's public replies. Staff never edit a shopper's words: nothing here changes a
 * title or body. Every read and write is scoped to the logged-in staff member's site.
 */
import { Hono } from 'hono';
import type { AppEnv, StaffContext } from '../types.ts';
import {
  BulkDecisionInput,
  DecisionInput,
  ReplyInput,
  SubmissionId,
  SubmissionsQuery,
  type AdminSubmissionsPage,
  type AuditAction,
  type BulkDecisionResult,
  type Decision,
  type DecisionResult,
} from '../../../shared/admin.ts';
import { insertAudit, lastUndoableDecision } from '../db/audit.ts';
import {
  deleteReply,
  listQueue,
  readManyModerated,
  readModerated,
  upsertReply,
  writeDecisionState,
  type ModeratedSubmission,
} from '../db/moderation.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { summaryDelta, type VersionGuard } from '../db/summaries.ts';
import { ProblemError } from '../lib/problem.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { decide, decisionEffect, STATUS_AFTER, StoredDecisionState, type DecisionState } from '../rules/decision.ts';
import { fold } from '../rules/normalize.ts';
import { updateSummaryMoves } from '../rules/public-case.ts';
import { replyNotices, sendSoon } from '../lib/email/outbox.ts';

const notFound = () => new ProblemError(404, 'submission-not-found', 'There is no such submission on this site.');
const lostRace = () =>
  new ProblemError(409, 'conflict', 'Someone else changed this submission at the same time. Reload it and decide again.');

/** Queue cursors are `createdAt.id` of the last item; they only ever page within the staff's own site. */
function encodeQueueCursor(item: ModeratedSubmission): string {
  return `${Date.parse(item.item.createdAt)}.${item.item.id}`;
}

function decodeQueueCursor(cursor: string): { createdAt: number; id: string } {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match?.[1] || !match[2]) throw new ProblemError(400, 'bad-cursor', 'The cursor is not one this API gave out.');
  return { createdAt: Number(match[1]), id: match[2] };
}

interface PlannedChange {
  id: string;
  previousStatus: DecisionState['status'];
  status: DecisionState['status'];
  /** Statements of this change, the guarded ones first and the versioned update last. */
  statements: D1PreparedStatement[];
  changesPublic: boolean;
}

/**
 * The statements that move `target` to `next` and record it. The summary change and the audit
 * entry run only if the versioned update that closes the list applies, so a decision that
 * loses a race to another leaves no trace, and a rating is never counted twice.
 */
function planChange(
  db: D1Database,
  staff: StaffContext,
  target: ModeratedSubmission,
  next: DecisionState,
  audit: { action: AuditAction; after: Record<string, unknown> },
  nowMs: number,
): PlannedChange {
  const { item } = target;
  const guard: VersionGuard = { submissionId: item.id, version: target.version };
  const effect = decisionEffect(target.state.status, next.status, item.kind === 'review' ? item.rating : null);
  const statements: D1PreparedStatement[] = [];
  if (effect.summaryDelta !== 0 && item.rating !== null) {
    // A review counts once, at its effective rating: a customer's public update replaces the
    // rating of the review it updates rather than adding a review (rules/public-case.ts).
    const moves = target.revises
      ? updateSummaryMoves(target.revises, { rating: item.rating }, effect.summaryDelta === 1)
      : [{ rating: target.updateRating ?? item.rating, delta: effect.summaryDelta }];
    for (const move of moves) statements.push(...summaryDelta(db, staff.siteId, item.subject, move.rating, move.delta, nowMs, guard));
  }
  statements.push(
    insertAudit(
      db,
      { siteId: staff.siteId, actor: staff.staffId, action: audit.action, target: item.id, before: target.state, after: { ...next, ...audit.after }, createdAt: nowMs },
      guard,
    ),
    writeDecisionState(db, staff.siteId, guard, next),
  );
  return { id: item.id, previousStatus: target.state.status, status: next.status, statements, changesPublic: effect.changesPublic };
}

/** Runs planned changes in one batch; answers which applied and which lost a race. */
async function applyChanges(db: D1Database, siteId: string, changes: PlannedChange[]): Promise<{ applied: DecisionResult[]; conflicts: string[] }> {
  if (changes.length === 0) return { applied: [], conflicts: [] };
  const statements = changes.flatMap((change) => change.statements);
  // A bump for a change that then loses its race only refreshes the public cache once more.
  if (changes.some((change) => change.changesPublic)) statements.push(bumpContentVersion(db, siteId));
  const results = await db.batch(statements);
  const applied: DecisionResult[] = [];
  const conflicts: string[] = [];
  let index = 0;
  for (const change of changes) {
    index += change.statements.length;
    const update = results[index - 1];
    if (update && update.meta.changes === 1) applied.push({ id: change.id, status: change.status, previousStatus: change.previousStatus });
    else conflicts.push(change.id);
  }
  return { applied, conflicts };
}

/** Complaints are handled as cases and never published: approving one is refused. */
function refuseComplaintApproval(decision: Decision, items: readonly ModeratedSubmission[]): void {
  if (decision !== 'approve') return;
  const complaints = items.filter((m) => m.item.kind === 'complaint');
  if (complaints.length === 0) return;
  throw new ProblemError(
    422,
    'complaint-not-publishable',
    'Complaints are never published: work them as recovery cases, mark them handled, or mark them as spam.',
    complaints.map((m) => ({ path: 'decision', code: 'complaint_not_publishable', message: `${m.item.id} is a complaint` })),
  );
}

function planDecision(db: D1Database, staff: StaffContext, target: ModeratedSubmission, decision: Decision, reason: string | undefined, nowMs: number) {
  const next = decide(target.state, decision, staff.staffId, reason ?? null, nowMs);
  return planChange(db, staff, target, next, { action: 'submission.decision', after: { decision } }, nowMs);
}

export const adminSubmissionRoutes = new Hono<AppEnv>()
  .use('/submissions', refuseCrossSite, requireStaff)
  .use('/submissions/*', refuseCrossSite, requireStaff)
  .get('/submissions', valid('query', SubmissionsQuery), async function listSubmissions(c) {
    const query = c.req.valid('query');
    const folded = query.q === undefined ? '' : fold(query.q);
    const items = await listQueue(c.env.DB, c.get('staff').siteId, {
      status: query.status,
      kind: query.kind,
      stars: query.stars,
      flag: query.flag,
      lang: query.lang,
      folded: folded || undefined,
      order: query.order,
      lane: query.lane,
      after: query.cursor ? decodeQueueCursor(query.cursor) : undefined,
      // One more than asked tells whether a next page exists without a count.
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    const last = page.at(-1);
    const answer: AdminSubmissionsPage = {
      items: page.map((m) => m.item),
      nextCursor: items.length > query.limit && last ? encodeQueueCursor(last) : null,
    };
    return c.json(answer);
  })
  .post('/submissions/decision', requireJson, valid('json', BulkDecisionInput), async function decideMany(c) {
    const { ids, decision, reason } = c.req.valid('json');
    const staff = c.get('staff');
    const unique = [...new Set(ids)];
    const found = await readManyModerated(c.env.DB, staff.siteId, unique);
    refuseComplaintApproval(decision, found);
    const byId = new Map(found.map((m) => [m.item.id, m]));
    const unchanged: DecisionResult[] = [];
    const planned: PlannedChange[] = [];
    for (const m of found) {
      if (m.state.status === STATUS_AFTER[decision]) unchanged.push({ id: m.item.id, status: m.state.status, previousStatus: m.state.status });
      else planned.push(planDecision(c.env.DB, staff, m, decision, reason, c.get('now')));
    }
    const { applied, conflicts } = await applyChanges(c.env.DB, staff.siteId, planned);
    const answer: BulkDecisionResult = {
      results: [...applied, ...unchanged],
      notFound: unique.filter((id) => !byId.has(id)),
      conflicts,
    };
    return c.json(answer);
  })
  .get('/submissions/:id', valid('param', SubmissionId), async function readSubmission(c) {
    const found = await readModerated(c.env.DB, c.get('staff').siteId, c.req.valid('param').id);
    if (!found) throw notFound();
    return c.json(found.item);
  })
  .post('/submissions/:id/decision', valid('param', SubmissionId), requireJson, valid('json', DecisionInput), async function decideOne(c) {
    const { decision, reason } = c.req.valid('json');
    const staff = c.get('staff');
    const target = await readModerated(c.env.DB, staff.siteId, c.req.valid('param').id);
    if (!target) throw notFound();
    refuseComplaintApproval(decision, [target]);
    // Deciding what is already so changes nothing and is not logged.
    if (target.state.status === STATUS_AFTER[decision]) {
      const same: DecisionResult = { id: target.item.id, status: target.state.status, previousStatus: target.state.status };
      return c.json(same);
    }
    const { applied } = await applyChanges(c.env.DB, staff.siteId, [planDecision(c.env.DB, staff, target, decision, reason, c.get('now'))]);
    const result = applied[0];
    if (!result) throw lostRace();
    return c.json(result);
  })
  .post('/submissions/:id/undo', valid('param', SubmissionId), async function undoDecision(c) {
    const staff = c.get('staff');
    const target = await readModerated(c.env.DB, staff.siteId, c.req.valid('param').id);
    if (!target) throw notFound();
    const last = await lastUndoableDecision(c.env.DB, staff.siteId, target.item.id);
    if (!last) throw new ProblemError(409, 'nothing-to-undo', 'This submission has no decision left to undo.');
    const before = StoredDecisionState.safeParse(last.before);
    const after = StoredDecisionState.safeParse(last.after);
    if (!before.success || !after.success) throw new ProblemError(409, 'nothing-to-undo', 'The last decision cannot be undone.');
    if (after.data.status !== target.state.status) throw lostRace();
    const change = planChange(c.env.DB, staff, target, before.data, { action: 'submission.undo', after: { undoes: last.id } }, c.get('now'));
    const { applied } = await applyChanges(c.env.DB, staff.siteId, [change]);
    const result = applied[0];
    if (!result) throw lostRace();
    return c.json(result);
  })
  .put('/submissions/:id/reply', valid('param', SubmissionId), requireJson, valid('json', ReplyInput), async function putReply(c) {
    const { body } = c.req.valid('json');
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const target = await readModerated(db, staff.siteId, c.req.valid('param').id);
    if (!target) throw notFound();
    const before = target.item.reply;
    const notices = await replyNotices(db, staff.siteId, target.item.id, new URL(c.req.url).origin, now);
    await db.batch([
      ...notices.map((e) => e.statement),
      upsertReply(db, staff.siteId, target.item.id, body, staff.staffId, now),
      insertAudit(db, {
        siteId: staff.siteId,
        actor: staff.staffId,
        action: before ? 'reply.edit' : 'reply.create',
        target: target.item.id,
        before: before ? { body: before.body } : null,
        after: { body },
        createdAt: now,
      }),
      bumpContentVersion(db, staff.siteId),
    ]);
    await sendSoon(c.env, notices, now);
    const saved = await readModerated(db, staff.siteId, target.item.id);
    return c.json(saved?.item.reply ?? null, before ? 200 : 201);
  })
  .delete('/submissions/:id/reply', valid('param', SubmissionId), async function removeReply(c) {
    const staff = c.get('staff');
    const db = c.env.DB;
    const target = await readModerated(db, staff.siteId, c.req.valid('param').id);
    if (!target) throw notFound();
    const before = target.item.reply;
    if (before) {
      await db.batch([
        deleteReply(db, staff.siteId, target.item.id),
        insertAudit(db, {
          siteId: staff.siteId,
          actor: staff.staffId,
          action: 'reply.delete',
          target: target.item.id,
          before: { body: before.body },
          after: null,
          createdAt: c.get('now'),
        }),
        bumpContentVersion(db, staff.siteId),
      ]);
    }
    return c.body(null, 204);
  });
