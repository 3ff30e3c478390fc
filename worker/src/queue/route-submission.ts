/**
 * Consumer of `route-submission`: opens the recovery case of a submission the public route
 * decided to route, under the ref the shopper was told. Every routed submission gets a case of
 * its own: contact details typed into a form are unverified, so a match with another open case
 * (same email, phone or order number) is only recorded as a "probably the same customer" link
 * for staff, who may merge. A stranger's submission never joins, reprioritises or writes to
 * another customer's case. Idempotent: a redelivered message, or one delivered again after a
 * crash between the D1 write and the ack, finds `routed_at` set and changes nothing.
 */
import * as z from 'zod/mini';
import { RouteSubmissionMessage } from '../../../shared/queue.ts';
import { Priority } from '../../../shared/cases.ts';
import { readSite } from '../db/sites.ts';
import { insertCase, insertCaseEvent, insertCaseRef, markRouted, readCaseByRef, readSubmissionForRouting } from '../db/cases.ts';
import { findLinkCandidates, insertCaseLink } from '../db/case-links.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { contactKeys, linkReasons } from '../rules/contact.ts';
import { dueTimes } from '../rules/sla.ts';
import { newId, sha256Hex } from '../lib/crypto.ts';
import { signToken } from '../lib/signed.ts';
import { iso } from '../lib/time.ts';
import { newCaseRef } from '../lib/case-ref.ts';
import { recordDeadLetter } from './dead-letter.ts';

/** The routing decision the submission route stored on the submission. */
const StoredRouting = z.object({
  open: z.boolean(),
  priority: z.nullable(Priority),
  reason: z.string(),
  score: z.nullable(z.number()),
  method: z.nullable(z.string()),
});

export type RouteOutcome = 'opened' | 'already-routed' | 'not-routed' | 'gone';

/** A message that can never succeed: recorded as a dead letter and acked, not retried. */
export class PoisonMessage extends Error {
  override name = 'PoisonMessage';
}

/** Does the work of one message. Throws on a transient failure so the caller retries. */
export async function processJob(env: Env, job: RouteSubmissionMessage, nowMs: number): Promise<RouteOutcome> {
  const sub = await readSubmissionForRouting(env.DB, job.siteId, job.submissionId);
  // Erased (or never stored): nothing is left to route.
  if (!sub) return 'gone';
  if (sub.routed_at !== null) return 'already-routed';
  const site = await readSite(env.DB, job.siteId);
  if (!site) return 'gone';

  let routing: z.infer<typeof StoredRouting> | null = null;
  try {
    const parsed = StoredRouting.safeParse(JSON.parse(sub.routing ?? 'null'));
    routing = parsed.success ? parsed.data : null;
  } catch {
    routing = null;
  }
  if (!routing) throw new PoisonMessage(`submission ${sub.id} has no readable routing decision`);
  if (!routing.open || !routing.priority) {
    await markRouted(env.DB, sub.id, nowMs).run();
    return 'not-routed';
  }

  const contact = { email: sub.author_email ?? undefined, phone: sub.author_phone ?? undefined, orderRef: sub.order_ref ?? undefined };
  const keys = contactKeys(contact);
  // A submission with no contact at all cannot be matched to anyone.
  const key = keys[0] ?? `submission:${sub.id}`;
  const caseId = `case_${newId(nowMs)}`;
  // The told ref is fresh for every submission. Should it already name a case (a message sent
  // before every submission had its own ref), the new case gets a fresh ref; the told one stays
  // an alias for staff's search only, since a tracking link opens a case by its own ref.
  const taken = await readCaseByRef(env.DB, job.siteId, job.caseRef);
  const ref = taken ? newCaseRef() : job.caseRef;
  const candidates = await findLinkCandidates(env.DB, site.id, { excludeId: caseId, keys, orderRef: sub.order_ref });
  const links = candidates.flatMap((other) => {
    const reasons = linkReasons(keys, { contactKey: other.contact_key, orderRef: other.order_ref });
    return reasons.length ? [insertCaseLink(env.DB, { siteId: site.id, caseId, otherCaseId: other.id, reasons, at: nowMs })] : [];
  });

  const { firstResponseDue, planDue } = dueTimes(job.receivedAt, routing.priority, site.settings.sla);
  // The same token the shopper's receipt carries (signing is deterministic): its hash is the key.
  const trackToken = await signToken(site.signingKey, 'track', { ref });
  const opened = webhookEvent(
    env.DB,
    site.id,
    'case.opened',
    { caseId, ref, priority: routing.priority, reason: routing.reason, submissionId: sub.id, firstResponseDue: iso(firstResponseDue) },
    nowMs,
  );
  await batchWithWebhooks(
    env,
    [
      insertCase(env.DB, {
        id: caseId,
        siteId: site.id,
        ref,
        priority: routing.priority,
        contactKey: key,
        orderRef: sub.order_ref,
        submissionId: sub.id,
        reason: routing.reason,
        score: routing.score,
        method: routing.method,
        trackTokenHash: await sha256Hex(trackToken),
        firstResponseDue,
        planDue,
        originalRating: sub.rating,
        // The case is open, for the shopper and for every SLA and metric, from when they submitted.
        createdAt: job.receivedAt,
      }),
      insertCaseEvent(env.DB, { caseId, type: 'opened', public: true, body: null, at: job.receivedAt }),
      ...(ref !== job.caseRef ? [insertCaseRef(env.DB, job.caseRef, caseId, nowMs)] : []),
      insertCaseEvent(env.DB, { caseId, type: 'submission', public: false, submissionId: sub.id, body: routing.reason, at: nowMs }),
      ...links,
      markRouted(env.DB, sub.id, nowMs),
    ],
    [opened],
  );
  return 'opened';
}

/** Backoff for a failed attempt: 10 s, 20 s, 40 s ... capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function handleRecoveryBatch(batch: MessageBatch<unknown>, env: Env, nowMs: number): Promise<void> {
  for (const message of batch.messages) {
    const parsed = RouteSubmissionMessage.safeParse(message.body);
    if (!parsed.success) {
      console.error('recovery: invalid message, dead-lettered', message.id);
      await recordDeadLetter(env.DB, batch.queue, message, nowMs);
      message.ack();
      continue;
    }
    try {
      await processJob(env, parsed.data, nowMs);
      message.ack();
    } catch (err) {
      if (err instanceof PoisonMessage) {
        console.error('recovery: poison message, dead-lettered', message.id, err.message);
        await recordDeadLetter(env.DB, batch.queue, message, nowMs);
        // Kept in dead_letters for staff; marked routed so the outbox sweep stops re-sending it.
        await markRouted(env.DB, parsed.data.submissionId, nowMs).run();
        message.ack();
        continue;
      }
      console.error('recovery: will retry', message.id, err);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
