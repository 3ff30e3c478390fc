/**
 * The cron's email step: moves due outbox rows onto the EMAIL queue, a bounded batch per call.
 * `runCron` calls it again while batches come back full, up to `CRON_MAX_ROUNDS` and its time
 * budget, so one run queues at most `EMAIL_BATCH * CRON_MAX_ROUNDS` emails and a backlog (10,000
 * review requests falling due the same day) drains over consecutive runs instead of at once.
 * Rows queued earlier whose message never produced a send (a lost message, a consumer that
 * died) are queued again first; the consumer's claim keeps a redelivered row from being sent twice.
 */
import type { SendEmailMessage } from '../../shared/email.ts';
import { CLAIM_MS, listDueEmails, listStalledEmails, markQueued } from './db/emails.ts';

/** Emails queued per call: one `sendBatch` (the Queues limit is 100 messages). */
export const EMAIL_BATCH = 100;

export async function queueDueEmails(env: Env, now: number): Promise<number> {
  const stalled = await listStalledEmails(env.DB, now - CLAIM_MS, EMAIL_BATCH);
  const due = stalled.length < EMAIL_BATCH ? await listDueEmails(env.DB, now, EMAIL_BATCH - stalled.length) : [];
  const rows = [...stalled, ...due];
  if (rows.length === 0) return 0;
  // Marked first: if the send then fails, the rows look stalled and the next run sends them.
  await markQueued(env.DB, rows.map((r) => r.id), now).run();
  await env.EMAIL_QUEUE.sendBatch(
    rows.map((r) => {
      const body: SendEmailMessage = { v: 1, type: 'send-email', id: r.id, siteId: r.site_id };
      return { body, contentType: 'json' as const };
    }),
  );
  // Counted against CRON_BATCH by runCron: a full batch here means "call again".
  return rows.length;
}
