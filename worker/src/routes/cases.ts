/**
 * The shopper's side of a recovery case, reached through the signed link they were given:
 * `GET /cases/{ref}?t=` shows status and the public timeline (never staff notes, never contact
 * details); `POST /cases/{ref}/feedback?t=` takes their one re-rating after resolution.
 * A bad, expired or mismatched token answers the same 404 as an unknown ref, so a link never
 * tells anyone whether a case exists.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import { FeedbackInput, type PublicCase, RerateTokenData, TokenQuery, TrackTokenData } from '../../../shared/cases.ts';
import { listCaseEvents, readCase, readCaseByOwnRef, readUnroutedSubmissionAt, type CaseRecord } from '../db/cases.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { newId, sha256Hex } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { verifyToken } from '../lib/signed.ts';
import { iso, isoOrNull } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { fold } from '../rules/normalize.ts';
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

const HOUR_MS = 3_600_000;

function publicView(row: CaseRecord, ref: string, timeline: PublicCase['timeline'], responseTimeHours: number | undefined): PublicCase {
  // The merchant's promise, as on the receipt; never the internal per-priority target, which
  // would tell a stranger whether the contact details they typed had complained before.
  const promised = responseTimeHours === undefined ? null : row.created_at + responseTimeHours * HOUR_MS;
  return {
    ref,
    status: row.status,
    openedAt: iso(row.created_at),
    firstResponseDue: isoOrNull(row.first_response_at === null ? promised : null),
    promisedAt: isoOrNull(row.promised_at),
    resolvedAt: isoOrNull(row.resolved_at),
    canRate: row.status === 'resolved' && row.rerating === null,
    rerating: row.rerating,
    timeline,
  };
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
      const pendingAt = access.via === 'track' ? await readUnroutedSubmissionAt(c.env.DB, site.id, ref) : null;
      if (pendingAt === null) throw notFound();
      const pending = { created_at: pendingAt };
      const answer: PublicCase = {
        ref,
        status: 'new',
        openedAt: iso(pending.created_at),
        firstResponseDue: null,
        promisedAt: null,
        resolvedAt: null,
        canRate: false,
        rerating: null,
        timeline: [{ type: 'opened', body: null, at: iso(pending.created_at) }],
      };
      return c.json(answer, 200, { 'cache-control': 'no-store' });
    }
    // The case's own public events only: every submitter has a case of their own, so these are
    // what they sent and what staff addressed to them, even after staff merged it elsewhere.
    const events = await listCaseEvents(c.env.DB, row.id, true);
    const timeline = events.map((e) => ({ type: e.type, body: e.body, at: iso(e.created_at) }));
    const view = publicView(row, ref, timeline, site.settings.responseTimeHours);
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
    const { rating, comment } = c.req.valid('json');
    if (row.rerating !== null) throw new ProblemError(409, 'already-rated', 'This case has already been rated.');
    if (row.status !== 'resolved') throw new ProblemError(409, 'not-resolved', 'The case can be rated once it is resolved.');

    const now = c.get('now');
    const site = c.get('site');
    const db = c.env.DB;
    const status = isRecovered(row.original_rating, rating) ? 'recovered' : 'not_recovered';
    // Everything after the update happens only if this request is the one that rated the case.
    const won = `EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND rerated_at = ?2 AND rerating = ?3)`;
    const revisionId = comment ? `sub_${newId(now)}` : null;
    const statements = [
      db
        .prepare(
          `UPDATE cases SET rerating = ?2, status = ?3, rerated_at = ?4, updated_at = ?4
           WHERE id = ?1 AND status = 'resolved' AND rerating IS NULL`,
        )
        .bind(row.id, rating, status, now),
      db
        .prepare(
          `INSERT INTO case_events (case_id, type, public, body, created_at) SELECT ?1, 'rerated', 1, ?4, ?2 WHERE ${won}`,
        )
        .bind(row.id, now, rating, `${rating}`),
    ];
    if (revisionId && comment) {
      // The comment is a new pending revision of their review; moderation decides as for any review.
      statements.push(
        db
          .prepare(
            `INSERT INTO submissions (id, site_id, kind, status, subject, rating, body, author_name, author_email,
               author_phone, order_ref, verified, lang, search_text, revises_id, created_at)
             SELECT ?4, s.site_id, 'review', 'pending', s.subject, ?3, ?5, s.author_name, s.author_email,
               s.author_phone, s.order_ref, s.verified, s.lang, ?6, s.id, ?2
             FROM submissions s WHERE s.id = ?7 AND ${won}`,
          )
          .bind(row.id, now, rating, revisionId, comment, fold(comment), row.submission_id),
      );
    }
    const hooks =
      status === 'recovered'
        ? [webhookEvent(db, site.id, 'case.recovered', { caseId: row.id, ref: row.ref, rating, originalRating: row.original_rating }, now)]
        : [];
    const [update] = await batchWithWebhooks(c.env, statements, hooks);
    if ((update?.meta.changes ?? 0) === 0) throw new ProblemError(409, 'already-rated', 'This case has already been rated.');
    return c.json({ ref, status, rating, revisionId }, 201);
  });
