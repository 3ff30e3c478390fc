/**
 * The EMAIL queue's consumer: sends one outbox row through the `send_email` binding (Cloudflare
 * Email Service; simulated by `wrangler dev` and the workerd tests, which write each message
 * to a local file). Every check that decides whether the email still goes out is made here, at
 * send time: an unsubscribe, a review written since, a case erased, all stop it.
 *
 * Retries live in D1, not in the queue: a failed send puts the row back to `scheduled` with a
 * backoff (rules/email.ts), visible to staff, and the cron queues it again. The queue's own
 * retry is left for failures of D1 itself.
 */
import * as z from 'zod/mini';
import { SendEmailMessage } from '../../../shared/email.ts';
import { readCase } from '../db/cases.ts';
import {
  claimEmail,
  confirmedOptin,
  finishEmail,
  isSuppressed,
  lastRequestSentAt,
  readEmail,
  releaseClaim,
  requestSent,
  wroteSince,
  type EmailRecord,
} from '../db/emails.ts';
import { readModerated } from '../db/moderation.ts';
import { parseItems, readOrder } from '../db/orders.ts';
import { readSite, type SiteRow } from '../db/sites.ts';
import { recordDeadLetter } from './dead-letter.ts';
import { confirmUrl, unsubscribeUrl } from '../lib/email/links.ts';
import { composeEmail, renderEmail, type RenderInput } from '../lib/email/render.ts';
import { ORDER_LINK_TTL_MS, orderReviewLinks } from '../lib/order-links.ts';
import { signToken } from '../lib/signed.ts';
import { decideDispatch, retryAfterFailure, type DispatchFacts } from '../rules/email.ts';

/** As long as the re-rating link staff's resolution webhook carries (routes/admin-cases.ts). */
const RERATE_TTL_MS = 30 * 24 * 3_600_000;

const EmailData = z.object({
  origin: z.string(),
  name: z.string(),
  ref: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** The customer's tracking page with a token in its query, as the receipt links it. */
function trackUrl(origin: string, siteId: string, ref: string, token: string): string {
  return `${origin}/track/?${new URLSearchParams({ site: siteId, ref, t: token }).toString()}`;
}

type Prepared = { facts: Omit<DispatchFacts, 'kind' | 'mode' | 'suppressed' | 'quietPeriodDays'>; render: Omit<RenderInput, 'kind' | 'lang' | 'siteName' | 'brandColor' | 'template' | 'name' | 'unsubscribeUrl'> };

const NOT_WANTED: Prepared = { facts: { wrote: false, requestSent: false, lastRequestAt: null, stillWanted: false }, render: {} };

/** What the email is about, read now: the facts for the dispatch rule and the parts to render. */
async function gather(db: D1Database, site: SiteRow, row: EmailRecord, data: z.infer<typeof EmailData>, nowMs: number): Promise<Prepared> {
  const none = { wrote: false, requestSent: false, lastRequestAt: null };
  switch (row.kind) {
    case 'review.request':
    case 'review.reminder': {
      const order = row.order_id === null ? null : await readOrder(db, site.id, row.order_id);
      if (!order) return NOT_WANTED;
      const items = parseItems(order.items);
      const links = await orderReviewLinks(site.signingKey, order.link_id, items, order.followup_due_at + ORDER_LINK_TTL_MS);
      return {
        facts: {
          stillWanted: true,
          wrote: await wroteSince(db, site.id, { email: order.customer_email, orderId: order.order_id, since: order.purchased_at }),
          requestSent: row.kind === 'review.reminder' && (await requestSent(db, site.id, order.order_id, row.recipient_hash)),
          lastRequestAt: row.kind === 'review.request' ? await lastRequestSentAt(db, site.id, row.recipient_hash, order.order_id) : null,
        },
        render: { products: items.map((item, i) => ({ name: item.name, url: links[i]?.url ?? null })) },
      };
    }
    case 'case.message':
    case 'case.rerate': {
      const found = row.case_id === null ? null : await readCase(db, site.id, row.case_id);
      if (!found) return NOT_WANTED;
      const token =
        row.kind === 'case.message'
          ? await signToken(site.signingKey, 'track', { ref: found.ref })
          : await signToken(site.signingKey, 'rerate', { ref: found.ref, caseId: found.id }, nowMs + RERATE_TTL_MS);
      return {
        facts: { ...none, stillWanted: true },
        render: { ref: found.ref, quote: row.kind === 'case.message' ? (data.message ?? null) : null, actionUrl: trackUrl(data.origin, site.id, found.ref, token) },
      };
    }
    case 'reply.published': {
      const target = row.submission_id === null ? null : await readModerated(db, site.id, row.submission_id);
      const optin = row.submission_id === null ? null : await confirmedOptin(db, site.id, row.submission_id);
      const reply = target?.item.reply?.body;
      // Only a public reply to a published review is announced.
      if (!reply || !optin || target?.item.status !== 'published') return NOT_WANTED;
      return { facts: { ...none, stillWanted: true }, render: { quote: reply } };
    }
    case 'confirm': {
      if (row.submission_id === null) return NOT_WANTED;
      return {
        facts: { ...none, stillWanted: true },
        render: { actionUrl: await confirmUrl(data.origin, site, row.submission_id, row.recipient_hash, row.lang, nowMs) },
      };
    }
  }
}

/** Sends one email, or records why not. Throws only when D1 itself fails (the queue retries). */
export async function processEmail(env: Env, job: SendEmailMessage, nowMs: number): Promise<void> {
  const row = await readEmail(env.DB, job.siteId, job.id);
  // Erased, or already sent, cancelled or rescheduled by an earlier delivery.
  if (!row || row.state !== 'queued') return;
  if (!(await claimEmail(env.DB, row.id, nowMs))) return;
  const progress = { sent: false };
  try {
    await sendClaimed(env, row, nowMs, progress);
  } catch (err) {
    // D1 failed before the send: free the row so the queue's retry takes it now rather than
    // after the claim expires. After a send the claim is kept: sending twice is worse than late
    // bookkeeping. (A failed send is not this: it is rescheduled with backoff.)
    if (!progress.sent) {
      await releaseClaim(env.DB, row.id)
        .run()
        .catch(() => undefined);
    }
    throw err;
  }
}

async function sendClaimed(env: Env, row: EmailRecord, nowMs: number, progress: { sent: boolean }): Promise<void> {
  const site = await readSite(env.DB, row.site_id);
  let stored: unknown = null;
  try {
    stored = JSON.parse(row.data);
  } catch {
    // unreadable: cancelled below
  }
  const data = EmailData.safeParse(stored);
  if (!site || !data.success) {
    await finishEmail(env.DB, row.id, { state: 'cancelled', reason: site ? 'unreadable email data' : 'the site is gone' }, nowMs).run();
    return;
  }
  const prepared = await gather(env.DB, site, row, data.data, nowMs);
  const decision = decideDispatch(
    {
      kind: row.kind,
      mode: site.settings.emailMode,
      suppressed: await isSuppressed(env.DB, site.id, row.recipient_hash),
      quietPeriodDays: site.settings.quietPeriodDays,
      ...prepared.facts,
    },
    nowMs,
  );
  if (decision.action !== 'send') {
    await finishEmail(env.DB, row.id, { state: decision.action === 'cancel' ? 'cancelled' : 'suppressed', reason: decision.reason }, nowMs).run();
    return;
  }
  const unsubscribe = await unsubscribeUrl(data.data.origin, site, row.recipient_hash, row.lang);
  const rendered = renderEmail({
    kind: row.kind,
    lang: row.lang,
    siteName: site.name,
    brandColor: site.settings.brandColor,
    template: site.settings.emailTemplates[row.kind]?.[row.lang],
    name: data.data.name,
    unsubscribeUrl: unsubscribe,
    ...prepared.render,
  });
  const message = composeEmail(rendered, {
    fromAddress: site.settings.emailFrom ?? env.EMAIL_FROM,
    siteName: site.name,
    to: row.recipient,
    replyTo: site.settings.emailReplyTo ?? null,
    unsubscribeUrl: unsubscribe,
  });
  let messageId: string;
  try {
    messageId = (await env.EMAIL.send(message)).messageId;
    progress.sent = true;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const next = retryAfterFailure(row.attempts + 1, nowMs);
    console.error('email: send failed', row.id, error);
    await finishEmail(env.DB, row.id, next.action === 'retry' ? { state: 'scheduled', dueAt: next.dueAt, error } : { state: 'failed', error }, nowMs).run();
    return;
  }
  await finishEmail(env.DB, row.id, { state: 'sent', messageId }, nowMs).run();
}

/** Messages of a batch are separate rows (and each is claimed), so they are sent side by side. */
export async function handleEmailBatch(batch: MessageBatch<unknown>, env: Env, nowMs: number): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = SendEmailMessage.safeParse(message.body);
      if (!parsed.success) {
        // Never valid, never will be: kept as a dead letter, acknowledged so it blocks nothing.
        console.error('email: invalid message', message.id);
        await recordDeadLetter(env.DB, batch.queue, message, nowMs);
        message.ack();
        return;
      }
      try {
        await processEmail(env, parsed.data, nowMs);
        message.ack();
      } catch (err) {
        console.error('email: will retry', message.id, err);
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
