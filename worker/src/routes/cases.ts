/**
 * The shopper's side of a recovery case, reached through the signed link they were given:
 * `GET /cases/{ref}?t=` shows status and the public timeline (never staff notes, never contact
 * details); `POST /cases/{ref}/feedback?t=` takes their one re-rating after resolution, which
 * publishes nothing unless the customer chose to update their public review;
 * `POST /cases/{ref}/contact?t=` lets a customer who left no contact add one.
 * A bad, expired or mismatched token answers the same 404 as an unknown ref, so a link never
 * tells anyone whether a case exists.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import { ContactInput, FeedbackInput, type PublicCase, RerateTokenData, TokenQuery, TrackTokenData } from '../../../shared/cases.ts';
import {
  addContactStatements,
  insertRatedEvent,
  insertReviewUpdate,
  rateCaseStatement,
  readCaseOrigin,
  readPendingOrigin,
} from '../db/case-customer.ts';
import { listCaseEvents, readCase, readCaseByOwnRef, type CaseRecord } from '../db/cases.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { readRecentBodies } from '../db/submissions.ts';
import { summaryDelta } from '../db/summaries.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { newId, sha256Hex } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { verifyToken } from '../lib/signed.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { flagSubmission } from '../rules/flags.ts';
import { fold } from '../rules/normalize.ts';
import { canUpdateReview, publicCaseView, updateStatus, updateSummaryMoves, type CaseOrigin } from '../rules/public-case.ts';
import { isRecovered } from '../rules/recovery.ts';
import { trackLinkOpen } from '../rules/track-link.ts';

const REF = /^[A-Za-z0-9-]{1,32}$/;

function notFound(): ProblemError {
  return new ProblemError(404, 'case-not-found', 'There is no case for this link.');
}

type Access = { via: 'track'; tokenHash: string } | { via: 'rerate'; caseId: string };
type Purpose = Access['via'];

/**
 * Which link the shopper holds, if it was signed by this site for this ref, for one of the
 * `purposes` this route accepts, and is unexpired. Only a re-rating link opens `/feedback`.
 */
async function readAccess(c: Context<AppEnv>, ref: string, token: string, purposes: readonly Purpose[] = ['track', 'rerate']): Promise<Access | null> {
  const site = c.get('site');
  const now = c.get('now');
  if (purposes.includes('track')) {
    const track = TrackTokenData.safeParse(await verifyToken(site.signingKey, 'track', token, now));
    if (track.success && track.data.ref === ref) return { via: 'track', tokenHash: await sha256Hex(token) };
  }
  if (purposes.includes('rerate')) {
    const rerate = RerateTokenData.safeParse(await verifyToken(site.signingKey, 'rerate', token, now));
    if (rerate.success && rerate.data.ref === ref) return { via: 'rerate', caseId: rerate.data.caseId };
  }
  return null;
}

/**
 * The case the link opens: by its own ref only (never an alias), a tracking link only while it
 * is the case's current one (staff may rotate it) and until a set time after the case ended
 * (rules/track-link.ts). A case merged into another follows that one's progress, since staff
 * work it there; its timeline stays its own.
 */
async function caseFor(c: Context<AppEnv>, ref: string, access: Access): Promise<CaseRecord | null> {
  const db = c.env.DB;
  const siteId = c.get('site').id;
  const found = await readCaseByOwnRef(db, siteId, ref);
  if (!found) return null;
  if (access.via === 'rerate') return found.id === access.caseId ? found : null;
  if (found.track_token_hash !== access.tokenHash) return null;
  const working = found.merged_into === null ? null : await readCase(db, siteId, found.merged_into);
  const shown: CaseRecord = working
    ? { ...found, status: working.status, first_response_at: working.first_response_at, promised_at: working.promised_at, resolved_at: working.resolved_at, rerated_at: working.rerated_at, closed_at: working.closed_at, updated_at: working.updated_at }
    : found;
  const open = trackLinkOpen(
    { status: shown.status, resolvedAt: shown.resolved_at, reratedAt: shown.rerated_at, closedAt: shown.closed_at, updatedAt: shown.updated_at },
    c.get('now'),
  );
  // Only its own customer's re-rating link lets a case be rated.
  return open ? { ...shown, rerating: working ? null : shown.rerating } : null;
}

function publicView(c: Context<AppEnv>, row: CaseRecord, ref: string, origin: CaseOrigin | null, timeline: PublicCase['timeline']): PublicCase {
  const facts = {
    ref,
    status: row.status,
    createdAt: row.created_at,
    firstResponseAt: row.first_response_at,
    promisedAt: row.promised_at,
    resolvedAt: row.resolved_at,
    rerating: row.rerating,
  };
  return publicCaseView(facts, origin, c.get('site'), timeline);
}

export const caseRoutes = new Hono<AppEnv>()
  .get('/cases/:ref', valid('query', TokenQuery), async function trackCase(c) {
    const ref = c.req.param('ref');
    if (!REF.test(ref)) throw notFound();
    const access = await readAccess(c, ref, c.req.valid('query').t);
    if (!access) throw notFound();
    const site = c.get('site');
    const row = await caseFor(c, ref, access);
    if (!row) {
      // The shopper may open the link before the queue has created the case.
      const pending = await readPendingOrigin(c.env.DB, site.id, ref);
      if (!pending || access.via !== 'track') throw notFound();
      const facts = { ref, status: 'new' as const, createdAt: pending.createdAt, firstResponseAt: null, promisedAt: null, resolvedAt: null, rerating: null };
      const answer = publicCaseView(facts, pending, site, [{ type: 'opened', body: null, at: iso(pending.createdAt) }]);
      return c.json(answer, 200, { 'cache-control': 'no-store' });
    }
    const [events, origin] = await Promise.all([listCaseEvents(c.env.DB, row.id, true), readCaseOrigin(c.env.DB, site.id, row.submission_id)]);
    const timeline = events.map((e) => ({ type: e.type, body: e.body, at: iso(e.created_at) }));
    const view = publicView(c, row, ref, origin, timeline);
    // A tracking link cannot rate (only the re-rating link sent at resolution can), so it does not offer to.
    return c.json(access.via === 'rerate' ? view : { ...view, canRate: false }, 200, { 'cache-control': 'no-store' });
  })
  .post('/cases/:ref/feedback', requireJson, valid('query', TokenQuery), valid('json', FeedbackInput), async function rateCase(c) {
    const ref = c.req.param('ref');
    if (!REF.test(ref)) throw notFound();
    const access = await readAccess(c, ref, c.req.valid('query').t, ['rerate']);
    if (!access) throw notFound();
    const row = await caseFor(c, ref, access);
    if (!row) throw notFound();
    const { rating, comment, updateReview } = c.req.valid('json');
    if (row.rerating !== null) throw new ProblemError(409, 'already-rated', 'This case has already been rated.');
    if (row.status !== 'resolved') throw new ProblemError(409, 'not-resolved', 'The case can be rated once it is resolved.');

    const now = c.get('now');
    const site = c.get('site');
    const db = c.env.DB;
    const origin = await readCaseOrigin(db, site.id, row.submission_id);
    // Only the customer's explicit choice publishes anything, and only over a review that is public.
    if (updateReview && (!origin || !canUpdateReview(origin))) {
      throw new ProblemError(409, 'cannot-update-review', 'Only a published review can be updated; your rating can still be sent without it.');
    }
    const status = isRecovered(row.original_rating, rating) ? 'recovered' : 'not_recovered';
    const statements = [
      rateCaseStatement(db, row.id, rating, status, now),
      insertRatedEvent(db, { caseId: row.id, ratedAt: now, rating, type: 'rerated', public: true, body: `${rating}` }),
    ];
    // Without consent the comment is for the shop only: a private note on the case, never a review.
    if (comment) statements.push(insertRatedEvent(db, { caseId: row.id, ratedAt: now, rating, type: 'rerate_comment', public: false, body: comment }));

    let revisionId: string | null = null;
    if (updateReview && origin) {
      revisionId = `sub_${newId(now)}`;
      const body = comment ?? '';
      const flags = flagSubmission(
        { body, authorName: '' },
        { blockedWords: site.settings.blockedWords, verified: origin.verified, kind: 'review', recentBodies: body ? await readRecentBodies(db, site.id) : [] },
      );
      const published = updateStatus(flags, site.settings) === 'published';
      statements.push(
        insertReviewUpdate(db, {
          id: revisionId,
          caseId: row.id,
          ratedAt: now,
          rating,
          body,
          searchText: fold(body),
          status: published ? 'published' : 'pending',
          flags,
          originalId: origin.id,
          createdAt: now,
        }),
      );
      if (published) {
        // Guarded on the update row existing: it exists only if this request rated the case.
        const guard = { submissionId: revisionId, version: 0 };
        for (const move of updateSummaryMoves(origin, { rating }, true)) {
          statements.push(...summaryDelta(db, site.id, origin.subject, move.rating, move.delta, now, guard));
        }
        statements.push(bumpContentVersion(db, site.id));
      }
    }
    const hooks =
      status === 'recovered'
        ? [webhookEvent(db, site.id, 'case.recovered', { caseId: row.id, ref: row.ref, rating, originalRating: row.original_rating }, now)]
        : [];
    const [update] = await batchWithWebhooks(c.env, statements, hooks);
    if ((update?.meta.changes ?? 0) === 0) throw new ProblemError(409, 'already-rated', 'This case has already been rated.');
    return c.json({ ref, status, rating, revisionId }, 201);
  })
  .post('/cases/:ref/contact', requireJson, valid('query', TokenQuery), valid('json', ContactInput), async function addContact(c) {
    const ref = c.req.param('ref');
    if (!REF.test(ref)) throw notFound();
    const access = await readAccess(c, ref, c.req.valid('query').t);
    // Only the tracking link the submitter was given adds a way to reach them.
    if (!access || access.via !== 'track') throw notFound();
    const row = await caseFor(c, ref, access);
    if (!row) throw notFound();
    const { email, phone } = c.req.valid('json');
    const db = c.env.DB;
    const site = c.get('site');
    const origin = await readCaseOrigin(db, site.id, row.submission_id);
    if (!origin) throw notFound();
    if (origin.hasContact) throw new ProblemError(409, 'contact-known', 'The shop already has a way to reach you for this case.');
    await db.batch(addContactStatements(db, { siteId: site.id, caseId: row.id, submissionId: origin.id, email: email ?? null, phone: phone ?? null, nowMs: c.get('now') }));
    return c.json({ ref, hasContact: true }, 201);
  });
