/**
 * The cron trigger, with `controller.scheduledTime` as the clock so every decision in a run
 * uses one instant (and tests can inject it). Each step is bounded so a run stays short; what
 * is left over is picked up five minutes later.
 *  1. escalation at half the first-response time, unanswered (flag, event, `case.escalated`);
 *  2. breach: reassign to the site's escalation owner and mark breached;
 *  3. reminders of promised dates a day before they are due;
 *  4. outbox sweeps: submissions whose queue send was lost, webhooks never announced;
 *  5. follow-ups of registered orders, never twice to one customer within the quiet period;
 *  6. photos uploaded a day ago and never attached to a review are deleted (cron-photos.ts).
 * Each case is changed once per step: the update is conditional on the flag being unset.
 */
import { insertCaseEvent, listUnrouted } from './db/cases.ts';
import { listBreachCandidates, listEscalationCandidates, listPromisesToRemind, markBreached, markEscalated, markPromiseReminded } from './db/deadlines.ts';
import { lastFollowupAt, listDueFollowups, markFollowup, parseItems, touchFollowupContact } from './db/orders.ts';
import { readSite, type SiteRow } from './db/sites.ts';
import { batchWithWebhooks, listStalledDeliveries, webhookEvent, webhookMessage } from './db/webhooks.ts';
import type { RouteSubmissionMessage } from '../../shared/queue.ts';
import { ORDER_LINK_TTL_MS, orderReviewLinks } from './lib/order-links.ts';
import { iso } from './lib/time.ts';
import { slaState } from './rules/sla.ts';
import { queueDueEmails } from './cron-email.ts';
import { sweepUnclaimedPhotos } from './cron-photos.ts';
import { runRetention } from './retention.ts';

/** How many items a step handles per batch. */
export const CRON_BATCH = 50;
/** At most this many batches per step in one run, and this much time for the whole run. */
export const CRON_MAX_ROUNDS = 10;
export const CRON_BUDGET_MS = 15_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A routed submission with no case after this long lost its queue send. */
export const OUTBOX_GRACE_MS = 2 * MINUTE;
export const PROMISE_REMINDER_MS = DAY;

function siteCache(db: D1Database) {
  const sites = new Map<string, Promise<SiteRow | null>>();
  return (id: string) => {
    let site = sites.get(id);
    if (!site) {
      site = readSite(db, id);
      sites.set(id, site);
    }
    return site;
  };
}

/** Unanswered cases past half their first-response window (the window net of pauses). */
async function escalate(env: Env, now: number): Promise<number> {
  const candidates = await listEscalationCandidates(env.DB, now, CRON_BATCH);
  // The SQL picks candidates through an index; the SLA rules make the decision.
  const due = candidates.filter((c) => slaState(c, now).escalate);
  for (const c of due) {
    await batchWithWebhooks(
      env,
      [
        markEscalated(env.DB, c.id, now),
        insertCaseEvent(env.DB, { caseId: c.id, type: 'escalated', public: false, body: 'no response at half the SLA', actor: 'system', at: now }),
      ],
      [
        webhookEvent(env.DB, c.siteId, 'case.escalated', {
          caseId: c.id,
          ref: c.ref,
          priority: c.priority,
          level: 'half-sla',
          firstResponseDue: c.firstResponseDue === null ? null : iso(c.firstResponseDue),
        }, now),
      ],
    );
  }
  return candidates.length;
}

/** Open cases past their next deadline (not while awaiting the customer). */
async function breach(env: Env, now: number, site: (id: string) => Promise<SiteRow | null>): Promise<number> {
  const candidates = await listBreachCandidates(env.DB, now, CRON_BATCH);
  for (const c of candidates) {
    const owner = (await site(c.siteId))?.settings.escalationOwner ?? null;
    await batchWithWebhooks(
      env,
      [
        markBreached(env.DB, c.id, owner, now),
        insertCaseEvent(env.DB, { caseId: c.id, type: 'breached', public: false, body: owner ? `reassigned to ${owner}` : null, actor: 'system', at: now }),
      ],
      [webhookEvent(env.DB, c.siteId, 'case.escalated', { caseId: c.id, ref: c.ref, priority: c.priority, level: 'breach', assignee: owner ?? c.assignee }, now)],
    );
  }
  return candidates.length;
}

async function remindPromises(env: Env, now: number): Promise<number> {
  const candidates = await listPromisesToRemind(env.DB, now + PROMISE_REMINDER_MS, CRON_BATCH);
  for (const c of candidates) {
    await batchWithWebhooks(
      env,
      [
        markPromiseReminded(env.DB, c.id, now),
        insertCaseEvent(env.DB, { caseId: c.id, type: 'promise_reminder', public: false, body: iso(c.promisedAt ?? now), actor: 'system', at: now }),
      ],
      [webhookEvent(env.DB, c.siteId, 'case.promise_due', { caseId: c.id, ref: c.ref, promisedAt: iso(c.promisedAt ?? now), assignee: c.assignee }, now)],
    );
  }
  return candidates.length;
}

/** Re-sends the route message of submissions whose case never appeared. Processing is idempotent. */
async function sweepOutbox(env: Env, now: number): Promise<number> {
  const rows = await listUnrouted(env.DB, now - OUTBOX_GRACE_MS, CRON_BATCH);
  if (rows.length === 0) return 0;
  const messages = rows.flatMap((s) => {
    if (!s.case_ref) return [];
    const body: RouteSubmissionMessage = { v: 1, type: 'route-submission', siteId: s.site_id, submissionId: s.id, caseRef: s.case_ref, receivedAt: s.created_at };
    return [{ body, contentType: 'json' as const }];
  });
  if (messages.length > 0) await env.RECOVERY.sendBatch(messages);
  return messages.length;
}

async function sweepWebhooks(env: Env, now: number): Promise<number> {
  const stalled = await listStalledDeliveries(env.DB, now - 5 * MINUTE, CRON_BATCH);
  if (stalled.length > 0) {
    await env.WEBHOOKS.sendBatch(stalled.map((d) => ({ body: webhookMessage({ id: d.id, siteId: d.site_id }), contentType: 'json' as const })));
  }
  return stalled.length;
}

async function followUps(env: Env, now: number, site: (id: string) => Promise<SiteRow | null>): Promise<number> {
  const due = await listDueFollowups(env.DB, now, CRON_BATCH);
  for (const order of due) {
    const s = await site(order.site_id);
    if (!s) continue;
    const last = await lastFollowupAt(env.DB, order.site_id, order.customer_email);
    if (last !== null && now - last < s.settings.quietPeriodDays * DAY) {
      await markFollowup(env.DB, order, 'quiet', now).run();
      continue;
    }
    const items = parseItems(order.items);
    const links = await orderReviewLinks(s.signingKey, order.link_id, items, order.followup_due_at + ORDER_LINK_TTL_MS);
    // With emailMode 'rebound' Rebound's own review request is the follow-up: no webhook.
    await batchWithWebhooks(
      env,
      [markFollowup(env.DB, order, 'sent', now), touchFollowupContact(env.DB, order.site_id, order.customer_email, now)],
      s.settings.emailMode === 'rebound' ? [] : [
        webhookEvent(env.DB, order.site_id, 'followup.due', {
          orderId: order.order_id,
          customer: { name: order.customer_name, email: order.customer_email },
          purchasedAt: iso(order.purchased_at),
          items: items.map((item, i) => ({ subject: item.subject, name: item.name, token: links[i]?.token ?? null, url: links[i]?.url ?? null })),
        }, now),
      ],
    );
  }
  return due.length;
}

export interface CronReport {
  escalated: number;
  breached: number;
  reminded: number;
  resent: number;
  webhooksResent: number;
  followups: number;
  emails: number;
  photosSwept: number;
}

/** One run at `now`. Steps run one after another; a failing step does not stop the others. */
export async function runCron(env: Env, now: number): Promise<CronReport> {
  const site = siteCache(env.DB);
  const report: CronReport = { escalated: 0, breached: 0, reminded: 0, resent: 0, webhooksResent: 0, followups: 0, emails: 0, photosSwept: 0 };
  const steps: [keyof CronReport, () => Promise<number>][] = [
    ['escalated', () => escalate(env, now)],
    ['breached', () => breach(env, now, site)],
    ['reminded', () => remindPromises(env, now)],
    ['resent', () => sweepOutbox(env, now)],
    ['webhooksResent', () => sweepWebhooks(env, now)],
    ['followups', () => followUps(env, now, site)],
    ['emails', () => queueDueEmails(env, now)],
    ['photosSwept', () => sweepUnclaimedPhotos(env, now, CRON_BATCH)],
  ];
  // A backlog (after an outage, or a burst of complaints) drains within the run: a step that
  // came back with a full batch goes again, up to a few rounds and a wall-clock budget that keeps
  // the whole run well inside the cron's limits. The budget bounds work; it decides nothing.
  const started = Date.now();
  for (const [name, step] of steps) {
    try {
      for (let round = 0; round < CRON_MAX_ROUNDS; round += 1) {
        const taken = await step();
        report[name] += taken;
        if (taken < CRON_BATCH || Date.now() - started > CRON_BUDGET_MS) break;
      }
    } catch (err) {
      console.error(`cron: ${name} failed`, err);
    }
  }
  return report;
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  await runCron(env, controller.scheduledTime);
  await runRetention(env, controller.scheduledTime);
}
