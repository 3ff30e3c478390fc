/**
 * Consumer of `route-submission`: opens or joins the recovery case of a submission the public
 * route decided to route. Idempotent: a redelivered message, or one delivered again after a crash
 * between the D1 write and the ack, finds `routed_at` set (or the unique join index refuses a
 * second timeline entry) and changes nothing.
 */
import * as z from 'zod/mini';
import { RouteSubmissionMessage } from '../../../shared/queue.ts';
import { Priority } from '../../../shared/cases.ts';
import { readSite } from '../db/sites.ts';
import {
  findOpenCaseByContact,
  insertCase,
  insertCaseEvent,
  insertCaseRef,
  isOpenStatus,
  markRouted,
  readCaseByRef,
  readSubmissionForRouting,
  type CaseRecord,
} from '../db/cases.ts';
import { batchWithWebhooks, webhookEvent } from '../db/webhooks.ts';
import { contactKey } from '../rules/contact.ts';
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

const PRIORITY_RANK = { P1: 1, P2: 2, P3: 3 } as const;

export type RouteOutcome = 'opened' | 'joined' | 'already-routed' | 'not-routed' | 'gone';

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

  // A submission with no contact at all cannot be matched to anyone: it gets its own case.
  const key = contactKey({ email: sub.author_email ?? undefined, phone: sub.author_phone ?? undefined, orderRef: sub.order_ref ?? undefined }) ?? `submission:${sub.id}`;
  const byRef = await readCaseByRef(env.DB, job.siteId, job.caseRef);
  const existing: CaseRecord | null = byRef && isOpenStatus(byRef.status) ? byRef : await findOpenCaseByContact(env.DB, job.siteId, key);

  if (existing) {
    const statements = [
      insertCaseEvent(env.DB, { caseId: existing.id, type: 'submission', public: false, submissionId: sub.id, body: routing.reason, at: nowMs }),
      markRouted(env.DB, sub.id, nowMs),
    ];
    if (job.caseRef !== existing.ref) statements.push(insertCaseRef(env.DB, job.caseRef, existing.id, nowMs));
    if (PRIORITY_RANK[routing.priority] < PRIORITY_RANK[existing.priority]) {
      statements.push(
        env.DB.prepare('UPDATE cases SET priority = ?2, updated_at = ?3 WHERE id = ?1').bind(existing.id, routing.priority, nowMs),
      );
    }
    await env.DB.batch(statements);
    return 'joined';
  }

  const caseId = `case_${newId(nowMs)}`;
  // The ref the shopper was told may name a case that closed while this message waited: the new
  // case gets a fresh ref, and the told one becomes its alias so their link shows the new case.
  const ref = byRef ? newCaseRef() : job.caseRef;
  const { firstResponseDue, planDue } = dueTimes(job.receivedAt, routing.priority, site.settings.sla);
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
