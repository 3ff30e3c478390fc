/**
 * The text router's staff side: open a case from an item the router left alone or was unsure
 * about, take an item out of the "needs a look" lane as "not a problem", and read what the site's
 * router learned. Both corrections train the site's model (rules/learn.ts, db/learning.ts).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { SubmissionId } from '../../../shared/admin.ts';
import type { RouteSubmissionMessage } from '../../../shared/queue.ts';
import type { DismissedFromLane, LearnedSummary, OpenedFromItem } from '../../../shared/router.ts';
import { insertAudit } from '../db/audit.ts';
import { clearNeedsLook, readForCorrection, readLearnedModel, recordCorrection, routeByStaff } from '../db/learning.ts';
import { newCaseRef } from '../lib/case-ref.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { isReady, MIN_PER_SIDE, topWords } from '../rules/learn.ts';

const notFound = () => new ProblemError(404, 'submission-not-found', 'There is no such submission on this site.');
const hasCase = () => new ProblemError(409, 'already-routed', 'This submission already belongs to a recovery case.');

export const adminRouterRoutes = new Hono<AppEnv>()
  .use('/submissions/:id/case', refuseCrossSite, requireStaff)
  .use('/submissions/:id/not-a-problem', refuseCrossSite, requireStaff)
  .use('/router/*', refuseCrossSite, requireStaff)
  .post('/submissions/:id/case', valid('param', SubmissionId), async function openCaseFromItem(c) {
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const sub = await readForCorrection(db, staff.siteId, c.req.valid('param').id);
    if (!sub) throw notFound();
    if (sub.caseRef !== null) throw hasCase();
    const caseRef = newCaseRef();
    // The recovery consumer opens (or joins) the case from this decision, as for any routed item.
    const routing = JSON.stringify({ open: true, priority: 'P2', reason: 'opened by staff', score: null, method: 'staff' });
    const [update] = await db.batch([
      routeByStaff(db, staff.siteId, sub.id, caseRef, routing),
      insertAudit(db, { siteId: staff.siteId, actor: staff.staffId, action: 'submission.open-case', target: sub.id, before: null, after: { caseRef }, createdAt: now }),
    ]);
    if ((update?.meta.changes ?? 0) === 0) throw hasCase();
    const message: RouteSubmissionMessage = { v: 1, type: 'route-submission', siteId: staff.siteId, submissionId: sub.id, caseRef, receivedAt: now };
    try {
      await c.env.RECOVERY.send(message);
    } catch (err) {
      console.error('recovery queue send failed; the outbox sweep will resend', { submissionId: sub.id, err });
    }
    // A complaint opens a case whatever its words: only reviews and stories correct the router.
    if (sub.kind !== 'complaint') {
      await recordCorrection(db, { siteId: staff.siteId, submissionId: sub.id, text: sub.text, unhappy: true, actor: staff.staffId, at: now });
    }
    const answer: OpenedFromItem = { id: sub.id, caseRef };
    return c.json(answer, 201);
  })
  .post('/submissions/:id/not-a-problem', valid('param', SubmissionId), async function dismissFromLane(c) {
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const sub = await readForCorrection(db, staff.siteId, c.req.valid('param').id);
    if (!sub) throw notFound();
    // A case is closed as "not a problem" on the case page, which teaches the router there.
    if (sub.caseRef !== null) throw hasCase();
    await db.batch([
      clearNeedsLook(db, staff.siteId, sub.id),
      insertAudit(db, { siteId: staff.siteId, actor: staff.staffId, action: 'submission.not-a-problem', target: sub.id, before: null, after: null, createdAt: now }),
    ]);
    if (sub.kind !== 'complaint') {
      await recordCorrection(db, { siteId: staff.siteId, submissionId: sub.id, text: sub.text, unhappy: false, actor: staff.staffId, at: now });
    }
    const answer: DismissedFromLane = { id: sub.id, needsLook: false };
    return c.json(answer);
  })
  .get('/router/learned', async function readLearned(c) {
    const model = await readLearnedModel(c.env.DB, c.get('staff').siteId);
    const words = topWords(model);
    const answer: LearnedSummary = {
      corrections: { unhappy: model.docs.unhappy, notAProblem: model.docs.happy },
      needed: MIN_PER_SIDE,
      active: isReady(model),
      words: { unhappy: words.unhappy, notAProblem: words.happy },
    };
    return c.json(answer);
  });
