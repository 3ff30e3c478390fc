/**
 * `POST /v1/sites/{site}/submissions`: a review, complaint or story. Exactly-once under retries
 * (Idempotency-Key), verified purchases from signed order tokens, moderation flags, routing of
 * unhappy signals to a recovery case, a `submission.created` webhook, and one atomic batch. The
 * submission row is the outbox of the recovery queue: if the queue send fails the cron re-sends,
 * so the shopper still gets 201.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { OrderTokenData } from '../../../shared/orders.ts';
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
import { insertSubmission, readContactCases, readRecentBodies } from '../db/submissions.ts';
import { insertIdempotency, readIdempotency, requestHash, type IdempotencyRow } from '../db/idempotency.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { claimPhotos, readClaims } from '../db/photos.ts';
import { newCaseRef } from '../lib/case-ref.ts';
import { clientIdentity, dailyClientHash } from '../lib/client.ts';
import { newId } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';
import { signToken, verifyToken } from '../lib/signed.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { contactKey } from '../rules/contact.ts';
import { flagSubmission } from '../rules/flags.ts';
import { guessLang } from '../rules/lang.ts';
import { submissionSearchText } from '../rules/normalize.ts';
import { decideRouting, type RoutingDecision } from '../rules/routing.ts';

const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey });

const HOUR_MS = 3_600_000;

/** The columns every kind fills, from whichever kind arrived. Empty optional text is no text. */
interface Fields {
  rating: number | null;
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
 * The order behind a review's token when the site signed it for this very subject; otherwise
 * null. A bad token is not an error: the review simply is not marked as a verified purchase.
 */
async function verifiedOrder(site: SiteRow, input: SubmissionInput, nowMs: number): Promise<OrderTokenData | null> {
  if (input.kind !== 'review' || !input.orderToken) return null;
  const data = OrderTokenData.safeParse(await verifyToken(site.signingKey, 'order', input.orderToken, nowMs));
  return data.success && data.data.subject === input.subject ? data.data : null;
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
  ctx: { verified: boolean; recentBodies: readonly string[]; priorCases: number; lang: Lang },
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
    { ...text, kind: input.kind, rating: f.rating ?? undefined, category: f.category ?? undefined, lang: ctx.lang },
    { settings: site.settings, priorCases: ctx.priorCases },
  );
  const held = flags.some((flag) => site.settings.holdFlags.includes(flag));
  return { flags, routing, status: site.settings.moderation === 'auto' && !held ? 'published' : 'pending' };
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

/** The receipt the shopper keeps: a ref, a tracking link and a due time only if one was promised. */
async function caseReceipt(c: Context<AppEnv>, site: SiteRow, ref: string, nowMs: number): Promise<CaseReceipt> {
  const token = await signToken(site.signingKey, 'track', { ref });
  const trackUrl = new URL('/track/', c.req.url);
  trackUrl.search = new URLSearchParams({ site: site.id, ref, t: token }).toString();
  const hours = site.settings.responseTimeHours;
  return {
    ref,
    trackUrl: trackUrl.toString(),
    ...(hours !== undefined ? { firstResponseDue: iso(nowMs + hours * HOUR_MS) } : {}),
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
    const order = await verifiedOrder(site, input, now);
    // The merchant already holds a verified buyer's email; keeping it privately lets an unhappy
    // verified review be followed up even when the shopper left the email field empty.
    const email = f.email ?? order?.email ?? null;
    const orderRef = f.orderRef ?? order?.orderId ?? null;
    const contact = contactKey({ email: email ?? undefined, phone: f.phone ?? undefined, orderRef: orderRef ?? undefined });

    const [recentBodies, contactCases] = await Promise.all([
      readRecentBodies(db, site.id),
      readContactCases(db, site.id, contact, email),
    ]);
    const lang = guessLang(input.lang, [f.title, f.body, f.expected, f.desiredOutcome]);
    const { flags, routing, status } = assess(site, input, f, {
      verified: order !== null,
      recentBodies,
      priorCases: contactCases.priorCases,
      lang,
    });
    const caseRef = routing.open ? (contactCases.openRef ?? newCaseRef()) : null;

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
        routing: caseRef ? JSON.stringify(routing) : null,
        createdAt: now,
        publishedAt: status === 'published' ? now : null,
      }),
    ];
    // After the submission row, which the photos' rows refer to.
    if (photoIds.length > 0) statements.push(claimPhotos(db, site.id, id, photoIds));
    if (status === 'published' && f.rating !== null) {
      statements.push(...summaryDelta(db, site.id, input.subject, f.rating, 1, now), bumpContentVersion(db, site.id));
    }

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
      // Lost the race to a concurrent request with the same key: answer as that request did.
      const winner = await readIdempotency(db, site.id, key);
      if (!winner) {
        // Or another review claimed one of the photos in the meantime (claimPhotos fails then).
        await checkPhotos(db, site.id, photoIds);
        throw err;
      }
      return replay(c, winner, hash);
    }

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
