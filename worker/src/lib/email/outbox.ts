/**
 * What each event writes to the email outbox. Routes call one function here and put the
 * statements it returns into their own batch, so an email exists exactly when its cause
 * committed; `sendSoon` then puts what is due now on the queue (the cron would within minutes).
 */
import type { SendEmailMessage } from '../../../../shared/email.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { confirmedOptin, insertEmail, insertOptin, queueWritten, readCustomer, type PendingEmail } from '../../db/emails.ts';
import { readSite, type SiteRow } from '../../db/sites.ts';
import { reviewEmailPlan, reviewRequestDueAt } from '../../rules/email.ts';
import { addressHash } from './address.ts';

/** The review request of a registered order and its reminder. */
export async function reviewEmails(
  db: D1Database,
  site: SiteRow,
  o: { orderId: string; email: string; name: string; lang: Lang | null; purchasedAt: number; deliveredAt: number | null },
  origin: string,
  nowMs: number,
): Promise<PendingEmail[]> {
  const hash = await addressHash(site.signingKey, o.email);
  const dueAt = reviewRequestDueAt({ purchasedAt: o.purchasedAt, deliveredAt: o.deliveredAt, delayDays: site.settings.followupDelayDays });
  return reviewEmailPlan(dueAt, site.settings.reviewReminderDays).map((p) =>
    insertEmail(
      db,
      {
        siteId: site.id,
        kind: p.kind,
        eventKey: `order:${o.orderId}`,
        recipient: o.email,
        recipientHash: hash,
        lang: o.lang ?? site.settings.defaultLang,
        data: { origin, name: o.name },
        orderId: o.orderId,
        dueAt: p.dueAt,
      },
      nowMs,
    ),
  );
}

/**
 * The customer's copy of a public staff message on a case, with the tracking link. `stamp` is the
 * case's new `updated_at`: the email is written only if that change won.
 */
export async function caseMessageEmail(
  db: D1Database,
  site: SiteRow,
  c: { id: string; ref: string; submissionId: string },
  message: string,
  origin: string,
  stamp: number,
): Promise<PendingEmail[]> {
  const customer = await readCustomer(db, site.id, c.submissionId);
  if (!customer?.email) return [];
  return [
    insertEmail(
      db,
      {
        siteId: site.id,
        kind: 'case.message',
        eventKey: `case:${c.id}:${stamp}`,
        recipient: customer.email,
        recipientHash: await addressHash(site.signingKey, customer.email),
        lang: customer.lang,
        data: { origin, name: customer.name, ref: c.ref, message },
        caseId: c.id,
        dueAt: stamp,
        caseStamp: stamp,
      },
      stamp,
    ),
  ];
}

/** The one re-rating invitation after a case is resolved (one per case, however often it is resolved). */
export async function caseRerateEmail(
  db: D1Database,
  site: SiteRow,
  c: { id: string; ref: string; submissionId: string },
  origin: string,
  stamp: number,
): Promise<PendingEmail[]> {
  const customer = await readCustomer(db, site.id, c.submissionId);
  if (!customer?.email) return [];
  return [
    insertEmail(
      db,
      {
        siteId: site.id,
        kind: 'case.rerate',
        eventKey: `case:${c.id}:rerate`,
        recipient: customer.email,
        recipientHash: await addressHash(site.signingKey, customer.email),
        lang: customer.lang,
        data: { origin, name: customer.name, ref: c.ref },
        caseId: c.id,
        dueAt: stamp,
        caseStamp: stamp,
      },
      stamp,
    ),
  ];
}

/** A reviewer asked to hear about replies: the opt-in waits for the address to be confirmed. */
export async function replyOptinStatements(
  db: D1Database,
  site: SiteRow,
  s: { submissionId: string; email: string; name: string; lang: Lang },
  origin: string,
  nowMs: number,
): Promise<{ statements: D1PreparedStatement[]; emails: PendingEmail[] }> {
  const hash = await addressHash(site.signingKey, s.email);
  const email = insertEmail(
    db,
    {
      siteId: site.id,
      kind: 'confirm',
      eventKey: `submission:${s.submissionId}`,
      recipient: s.email,
      recipientHash: hash,
      lang: s.lang,
      data: { origin, name: s.name },
      submissionId: s.submissionId,
      dueAt: nowMs,
    },
    nowMs,
  );
  return { statements: [insertOptin(db, { siteId: site.id, submissionId: s.submissionId, hash }, nowMs)], emails: [email] };
}

/**
 * The notice of a published reply, once per submission, if its author confirmed they want it.
 * Whether the reply is still there is checked again when it is sent.
 */
export function replyNoticeEmail(
  db: D1Database,
  site: SiteRow,
  optin: { email: string; name: string; lang: Lang; hash: string },
  submissionId: string,
  origin: string,
  nowMs: number,
): PendingEmail[] {
  return [
    insertEmail(
      db,
      {
        siteId: site.id,
        kind: 'reply.published',
        eventKey: `submission:${submissionId}`,
        recipient: optin.email,
        recipientHash: optin.hash,
        lang: optin.lang,
        data: { origin, name: optin.name },
        submissionId,
        dueAt: nowMs,
      },
      nowMs,
    ),
  ];
}

/**
 * Puts the given emails on the EMAIL queue when they are due now and were written. A failed send
 * is only logged: the rows stay scheduled and the cron queues them.
 */
export async function sendSoon(env: Env, emails: readonly PendingEmail[], nowMs: number): Promise<void> {
  const due = emails.filter((e) => e.dueAt <= nowMs);
  if (due.length === 0) return;
  try {
    const queued = await queueWritten(env.DB, due.map((e) => e.id), nowMs);
    const sites = new Map(due.map((e) => [e.id, e.siteId]));
    const messages = queued.map((id) => {
      const body: SendEmailMessage = { v: 1, type: 'send-email', id, siteId: sites.get(id) ?? '' };
      return { body, contentType: 'json' as const };
    });
    if (messages.length > 0) await env.EMAIL_QUEUE.sendBatch(messages);
  } catch (err) {
    console.error('email: queueing failed; the cron will send', err);
  }
}

/**
 * The customer's emails from one staff change of a case: the public message, and the re-rating
 * invitation when the change resolves it. The route adds the statements to its batch; each is
 * written only if the change won (`stamp` is the case's new `updated_at`).
 */
export async function caseUpdateEmails(
  db: D1Database,
  siteId: string,
  c: { id: string; ref: string; submissionId: string },
  change: { message?: string | null | undefined; resolved: boolean },
  origin: string,
  stamp: number,
): Promise<PendingEmail[]> {
  if (!change.message && !change.resolved) return [];
  const site = await readSite(db, siteId);
  if (!site) return [];
  return [
    ...(change.message ? await caseMessageEmail(db, site, c, change.message, origin, stamp) : []),
    ...(change.resolved ? await caseRerateEmail(db, site, c, origin, stamp) : []),
  ];
}

/** The reply notice for a submission whose author confirmed they want one; [] otherwise. */
export async function replyNotices(db: D1Database, siteId: string, submissionId: string, origin: string, nowMs: number): Promise<PendingEmail[]> {
  const optin = await confirmedOptin(db, siteId, submissionId);
  const site = optin ? await readSite(db, siteId) : null;
  return optin && site ? replyNoticeEmail(db, site, optin, submissionId, origin, nowMs) : [];
}
