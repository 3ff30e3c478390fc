import { createExecutionContext, createMessageBatch, createScheduledController, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { createSite, login, staffRequest } from './helpers.ts';
import { storeRoutedSubmission } from './recovery-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, ctx);
}

async function caseWith(settings: Record<string, unknown> = {}) {
  const site = await createSite({ settings: { escalationOwner: 'Team lead', ...settings } });
  const t0 = Date.now();
  const sub = await storeRoutedSubmission(site.publicKey, { createdAt: t0 });
  const batch = createMessageBatch('rebound-recovery', [{ id: `m-${sub.id}`, timestamp: new Date(), attempts: 1, body: sub.message }]);
  await worker.queue(batch, env, createExecutionContext());
  const row = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(sub.ref).first<{ id: string }>();
  return { site, sub, caseId: row?.id ?? '', t0 };
}

async function caseRow(id: string) {
  return env.DB.prepare('SELECT escalated_at, breached_at, assignee, status FROM cases WHERE id = ?1').bind(id).first<{
    escalated_at: number | null;
    breached_at: number | null;
    assignee: string | null;
    status: string;
  }>();
}

async function eventCount(caseId: string, type: string) {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?1 AND type = ?2').bind(caseId, type).first<{ n: number }>();
  return row?.n ?? 0;
}

describe('cron: escalation and breach', () => {
  it('escalates once at half the first-response time and reassigns once at breach', async () => {
    const { caseId, t0 } = await caseWith();
    await runCronAt(t0 + 11 * HOUR);
    expect((await caseRow(caseId))?.escalated_at).toBeNull();

    await runCronAt(t0 + 12 * HOUR + 1);
    expect((await caseRow(caseId))?.escalated_at).toBe(t0 + 12 * HOUR + 1);
    await runCronAt(t0 + 13 * HOUR);
    expect((await caseRow(caseId))?.escalated_at).toBe(t0 + 12 * HOUR + 1);
    expect(await eventCount(caseId, 'escalated')).toBe(1);
    expect((await caseRow(caseId))?.breached_at).toBeNull();

    await runCronAt(t0 + 24 * HOUR + 1);
    expect(await caseRow(caseId)).toMatchObject({ breached_at: t0 + 24 * HOUR + 1, assignee: 'Team lead' });
    await runCronAt(t0 + 30 * HOUR);
    expect((await caseRow(caseId))?.breached_at).toBe(t0 + 24 * HOUR + 1);
    expect(await eventCount(caseId, 'breached')).toBe(1);
  });

  it('neither escalates nor breaches a case answered in time or waiting on the customer', async () => {
    const answered = await caseWith();
    const waiting = await caseWith();
    const cookieA = await login(answered.site);
    const cookieW = await login(waiting.site);
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${answered.caseId}`, cookieA, { status: 'acknowledged' }));
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${waiting.caseId}`, cookieW, { status: 'awaiting_customer' }));
    await runCronAt(answered.t0 + 30 * HOUR);
    expect(await caseRow(answered.caseId)).toMatchObject({ escalated_at: null, breached_at: null });
    expect(await caseRow(waiting.caseId)).toMatchObject({ escalated_at: null, breached_at: null });
  });

  it('reminds staff of a promised date once, a day before it is due', async () => {
    const { site, caseId, t0 } = await caseWith();
    const cookie = await login(site);
    const promised = new Date(t0 + 3 * DAY).toISOString();
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'in_progress', promisedAt: promised }));
    await runCronAt(t0 + DAY);
    expect(await eventCount(caseId, 'promise_reminder')).toBe(0);
    await runCronAt(t0 + 2 * DAY + 1);
    await runCronAt(t0 + 2 * DAY + HOUR);
    expect(await eventCount(caseId, 'promise_reminder')).toBe(1);
  });
});

describe('cron: outbox sweep', () => {
  it('re-sends a routed submission whose queue send was lost, and its case then appears', async () => {
    const site = await createSite();
    const now = Date.now();
    // Stored by the public route, but the send to the queue never happened.
    const lost = await storeRoutedSubmission(site.publicKey, { createdAt: now - 5 * 60_000 });
    await runCronAt(now);
    let found: unknown = null;
    for (let i = 0; i < 50 && !found; i++) {
      await new Promise((r) => setTimeout(r, 100));
      found = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(lost.ref).first();
    }
    expect(found).not.toBeNull();
  });
});
