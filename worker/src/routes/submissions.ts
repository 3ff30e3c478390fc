/**
 * `POST /v1/sites/{site}/submissions`: a review, complaint or story. Exactly-once under retries
 * (Idempotency-Key), verified purchases from signed order tokens, moderation flags, routing of
 * unhappy signals to a recovery case, a `submission.created` webhook, and one atomic batch. The
 * submission row is the outbox of the recovery queue: if the queue send fails the cron re-sends,
 * so the shopper still gets 201.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { LegacyOrderTokenData, OrderTokenData } from '../../../shared/orders.ts';
import type { RouteSubmissionMessage } from '../../../shared/queue.ts';
import {
  IdempotencyKey,
  SubmissionInput,
  type CaseReceipt,
  type ComplaintCategory,
  type Lang,
  type SubmissionCreated,
  type SubmissionStatus,
} from '../../../shared/submission.ts';
import type { Flag } from '../../../shared/site.ts';
import type { AppEnv } from '../types.ts';
import { bumpContentVersion, type SiteRow } from '../db/sites.ts';
import { summaryDelta } from '../db/summaries.ts';
import { countPriorCases, insertSubmission, readRecentBodies } from '../db/submissions.ts';
import { claimVerifiedReview, isVerifiedClaimTaken, readOrder, readOrderByLink, verifiedReviewExists } from '../db/orders.ts';
import { insertIdempotency, readIdempotency, requestHash, type IdempotencyRow } from '../db/idempotency.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { claimPhotos, readClaims } from '../db/photos.ts';
import { newCaseRef } from '../lib/case-ref.ts';
import { clientIdentity, dailyClientHash } from '../lib/client.ts';
import { newId } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { signToken, verifyToken } from '../lib/signed.ts';
import { replyOptinStatements, sendSoon } from '../lib/email/outbox.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { contactKey } from '../rules/contact.ts';
import { flagSubmission, holdsForStaff } from '../rules/flags.ts';
import { guessLang } from '../rules/lang.ts';
import { submissionSearchText } from '../rules/normalize.ts';
import { promisedResponseDue } from '../rules/public-case.ts';
import { decideRouting, type RoutingDecision } from '../rules/routing.ts';
import type { LearnedModel } from '../rules/learn.ts';
import { readLearnedFor } from '../db/learning.ts';

const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey });

/** The columns every kind fills, from whichever kind arrived. Empty optional text is no text. */
interface Fields {
  rating: number | null;
  feeling: number | null;
  title: string | null;
  body: string;
  category: ComplaintCategory | null;
  expected: string | null;
  desiredOutcome: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  orderRef: string | null;
}

function fieldsOf(input: SubmissionInput): Fields {
  switch (input.kind) {
    case 'review':
      return {
        rating: input.rating,
        feeling: null,
        title: input.title || null,
        body: input.body,
        category: null,
        expected: input.expected || null,
        desiredOutcome: null,
        name: input.author.name,
        email: input.author.email ?? null,
        phone: null,
        orderRef: null,
      };
    case 'complaint':
      return {
        rating: null,
        feeling: null,
        title: null,
        body: input.body,
        category: input.category,
        expected: input.expected || null,
        desiredOutcome: input.desiredOutcome || null,
        name: input.author.name,
        email: input.author.email ?? null,
        phone: input.author.phone ?? null,
        orderRef: input.orderRef || null,
      };
    case 'story':
      return {
        rating: null,
        feeling: input.feeling ?? null,
        title: input.title || null,
        body: input.body,
        category: null,
        expected: null,
        desiredOutcome: null,
        name: input.author.name,
        email: input.author.email ?? null,
        phone: null,
        orderRef: null,
      };
  }
}

/**
 * The order behind a review's token when the site signed it for this very subject and the link
 * has not yet made a verified review of it; otherwise null. Not an error either way: the review
 * is kept, just not marked as from a verified buyer (one verified review per order and product).
 */
async function verifiedOrder(db: D1Database, site: SiteRow, input: SubmissionInput, nowMs: number): Promise<{ linkId: string; orderId: string; email: string } | null> {
  if (input.kind !== 'review' || !input.orderToken) return null;
  const data: unknown = await verifyToken(site.signingKey, 'order', input.orderToken, nowMs);
  const current = OrderTokenData.safeParse(data);
  const legacy = current.success ? null : LegacyOrderTokenData.safeParse(data);
  const subject = current.success ? current.data.subject : legacy?.success ? legacy.data.subject : null;
  if (subject !== input.subject) return null;
  const order = current.success
    ? await readOrderByLink(db, site.id, current.data.link)
    : legacy?.success
      ? await readOrder(db, site.id, legacy.data.orderId)
      : null;
  if (!order || (await verifiedReviewExists(db, site.id, order.link_id, subject))) return null;
  return { linkId: order.link_id, orderId: order.order_id, email: order.customer_email };
}

interface Assessment {
  flags: Flag[];
  routing: RoutingDecision;
  status: SubmissionStatus;
}

/**
 * The decisions about one submission, from the pure rules: its moderation flags, whether it
 * opens a recovery case, and whether it publishes at once. Publishing depends on content flags
 * and the site's moderation mode only, never on the rating or on routing.
 */
function assess(
  site: SiteRow,
  input: SubmissionInput,
  f: Fields,
  ctx: { verified: boolean; recentBodies: readonly string[]; priorCases: number; lang: Lang; learned?: LearnedModel },
): Assessment {
  const text = { title: f.title ?? undefined, body: f.body, expected: f.expected ?? undefined, desiredOutcome: f.desiredOutcome ?? undefined };
  const flags = flagSubmission(
    { ...text, authorName: f.name },
    {
      blockedWords: site.settings.blockedWords,
      verified: ctx.verified,
      kind: input.kind,
      recentBodies: ctx.recentBodies,
      honeypot: input.meta?.hp,
      elapsedMs: input.meta?.elapsedMs,
    },
  );
  const routing = decideRouting(
    { ...text, kind: input.kind, rating: f.rating ?? undefined, feeling: f.feeling ?? undefined, category: f.category ?? undefined, lang: ctx.lang },
    { settings: site.settings, priorCases: ctx.priorCases, learned: ctx.learned },
  );
  const held = holdsForStaff(flags, site.settings);
  // A complaint is never public: it waits for staff (handled or spam) whatever the moderation mode.
  const publishable = input.kind !== 'complaint' && site.settings.moderation === 'auto' && !held;
  return { flags, routing, status: publishable ? 'published' : 'pending' };
}

/** Replays the first answer given under this key, or refuses a key reused for another body. */
function replay(c: Context<AppEnv>, row: IdempotencyRow, hash: string): Response {
  if (row.requestHash !== hash) {
    throw new ProblemError(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used for a different submission. Use a new key for new content.',
    );
  }
  return c.body(row.response, 201, { 'content-type': 'application/json; charset=utf-8', 'idempotency-replayed': 'true' });
}

/**
 * Refuses a review whose photos are not all this site's uploads, free to claim. Another review's
 * photo reads the same as an unknown id, so ids cannot be probed across reviews.
 */
async function checkPhotos(db: D1Database, siteId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const claims = await readClaims(db, siteId, ids);
  const errors = ids.flatMap((id, i) =>
    claims.get(id) === null ? [] : [{ path: `photos.${i}`, code: 'photo_unavailable', message: 'is not an upload of this site that is free to attach' }],
  );
  if (errors.length > 0) throw new ProblemError(422, 'photo-unavailable', 'Upload each photo first; a photo can belong to one review only.', errors);
}

/**
 * The receipt the shopper keeps: a ref, a tracking link and a due time only if one was promised.
 * Nothing in it depends on other cases (nor on priority), so it tells no one whether a person
 * with these contact details has complained before.
 */
async function caseReceipt(c: Context<AppEnv>, site: SiteRow, ref: string, nowMs: number): Promise<CaseReceipt> {
  const token = await signToken(site.signingKey, 'track', { ref });
  const trackUrl = new URL('/track/', c.req.url);
  trackUrl.search = new URLSearchParams({ site: site.id, ref, t: token }).toString();
  // The one promise, as the tracking page shows it (rules/public-case.ts).
  const due = promisedResponseDue(nowMs, site.settings.responseTimeHours);
  return {
    ref,
    trackUrl: trackUrl.toString(),
    ...(due !== null ? { firstResponseDue: iso(due) } : {}),
  };
}

export const submissionRoutes = new Hono<AppEnv>().post(
  '/submissions',
  requireJson,
  valid('header', IdempotencyHeader),
  valid('json', SubmissionInput),
  async function createSubmission(c) {
    const site = c.get('site');
    const now = c.get('now');
    const db = c.env.DB;
    const input = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];

    // The hash covers what the shopper said, not the anti-abuse signals: a retry may carry a
    // fresh Turnstile token or a longer elapsed time and is still the same submission.
    const { meta: _signals, ...content } = input;
    const hash = await requestHash(content);
    const earlier = await readIdempotency(db, site.id, key);
    if (earlier) return replay(c, earlier, hash);

    const photoIds = input.kind === 'review' ? (input.photos ?? []) : [];
    await checkPhotos(db, site.id, photoIds);

    const f = fieldsOf(input);
    const order = await verifiedOrder(db, site, input, now);
    // The merchant already holds a verified buyer's email; keeping it privately lets an unhappy
    // verified review be followed up even when the shopper left the email field empty.
    const email = f.email ?? order?.email ?? null;
    const orderRef = f.orderRef ?? order?.orderId ?? null;
    const contact = contactKey({ email: email ?? undefined, phone: f.phone ?? undefined, orderRef: orderRef ?? undefined });

    const [recentBodies, priorCases, learned] = await Promise.all([
      readRecentBodies(db, site.id),
      countPriorCases(db, site.id, contact),
      readLearnedFor(db, site.id, [f.title, f.body, f.expected, f.desiredOutcome].filter(Boolean).join('. ')),
    ]);
    const lang = guessLang(input.lang, [f.title, f.body, f.expected, f.desiredOutcome]);
    const { flags, routing, status } = assess(site, input, f, {
      verified: order !== null,
      recentBodies,
      priorCases,
      lang,
      learned,
    });
    // Every routed submission has a ref of its own, whatever contact details were typed: the
    // receipt never names, or hints at, a case someone else's submission started.
    const caseRef = routing.open ? newCaseRef() : null;

    const id = newId(now);
    const answer: SubmissionCreated = {
      id,
      kind: input.kind,
      status,
      ...(caseRef ? { case: await caseReceipt(c, site, caseRef, now) } : {}),
    };
    const response = JSON.stringify(answer);

    const statements = [
      // First: if a concurrent retry already claimed the key, the whole batch fails here.
      insertIdempotency(db, site.id, key, { requestHash: hash, submissionId: id, response, createdAt: now }),
      insertSubmission(db, {
        id,
        siteId: site.id,
        kind: input.kind,
        status,
        subject: input.subject,
        rating: f.rating,
        feeling: f.feeling,
        title: f.title,
        body: f.body,
        category: f.category,
        expected: f.expected,
        desiredOutcome: f.desiredOutcome,
        authorName: f.name,
        authorEmail: email,
        authorPhone: f.phone,
        orderRef,
        verified: order !== null,
        lang,
        flags,
        searchText: submissionSearchText(f),
        clientHash: await dailyClientHash(site.signingKey, clientIdentity(c.req.raw.headers), now),
        caseRef,
        routing: caseRef || routing.uncertain ? JSON.stringify(routing) : null,
        needsLook: routing.uncertain,
        createdAt: now,
        publishedAt: status === 'published' ? now : null,
      }),
    ];
    // The D1 index keeps it to one verified review per order link and product, even in a race.
    if (order) statements.push(claimVerifiedReview(db, id, order.linkId));
    // After the submission row, which the photos' rows refer to.
    if (photoIds.length > 0) statements.push(claimPhotos(db, site.id, id, photoIds));
    if (status === 'published' && f.rating !== null) {
      statements.push(...summaryDelta(db, site.id, input.subject, f.rating, 1, now), bumpContentVersion(db, site.id));
    }

    // Only a typed address is asked to confirm; nothing is sent to it until it is confirmed.
    const optin = input.kind === 'review' && input.notifyReplies && f.email ? await replyOptinStatements(db, site, { submissionId: id, email: f.email, name: f.name, lang }, new URL(c.req.url).origin, now) : null;
    if (optin) statements.push(...optin.statements, ...optin.emails.map((e) => e.statement));

    // The merchant's own systems hear of it too; contact details stay in the moderation API.
    const created = webhookEvent(
      db,
      site.id,
      'submission.created',
      {
        id,
        kind: input.kind,
        status,
        subject: input.subject,
        rating: f.rating,
        title: f.title,
        body: f.body,
        category: f.category,
        lang,
        verified: order !== null,
        flags,
        caseRef,
        createdAt: iso(now),
      },
      now,
    );

    try {
      await batchWithWebhooks(c.env, statements, [created]);
    } catch (err) {
      // Another review took this order link's verified place a moment ago: this one is stored
      // anyway, as an unverified review (the second pass finds the link used).
      if (order && isVerifiedClaimTaken(err)) return createSubmission(c);
      // Lost the race to a concurrent request with the same key: answer as that request did.
      const winner = await readIdempotency(db, site.id, key);
      if (!winner) {
        // Or another review claimed one of the photos in the meantime (claimPhotos fails then).
        await checkPhotos(db, site.id, photoIds);
        throw err;
      }
      return replay(c, winner, hash);
    }
    if (optin) await sendSoon(c.env, optin.emails, now);

    if (caseRef) {
      const message: RouteSubmissionMessage = { v: 1, type: 'route-submission', siteId: site.id, submissionId: id, caseRef, receivedAt: now };
      try {
        await c.env.RECOVERY.send(message);
      } catch (err) {
        console.error('recovery queue send failed; the outbox sweep will resend', { submissionId: id, err });
      }
    }
    return c.body(response, 201, { 'content-type': 'application/json; charset=utf-8' });
  },
);
