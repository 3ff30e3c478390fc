/** The cron runs over every site at once, so every suite that drives it lives here, run in order. */
import { createExecutionContext, createMessageBatch, createScheduledController, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { createSite, login, staffRequest } from './helpers.ts';
import { order, orderRequest, runCronAt, storeRoutedSubmission } from './recovery-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
    const { site, caseId, t0 } = await caseWith();
    const cookie = await login(site);
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'http://127.0.0.1:9/hooks', events: ['case.escalated'] }));
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
    const hooks = await env.DB.prepare(`SELECT payload FROM webhook_deliveries WHERE site_id = ?1 AND event = 'case.escalated' ORDER BY created_at`)
      .bind(site.publicKey)
      .all<{ payload: string }>();
    expect(hooks.results.map((h) => (JSON.parse(h.payload) as { data: { level: string } }).data.level)).toEqual(['half-sla', 'breach']);
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
    let found: unknown = null;
    for (let i = 0; i < 50 && !found; i++) {
      if (i % 10 === 0) await runCronAt(now);
      await new Promise((r) => setTimeout(r, 100));
      found = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(lost.ref).first();
    }
    expect(found).not.toBeNull();
  });
});


describe('follow-ups', () => {
  it('sends followup.due after the delay, once, and not twice to one customer within the quiet period', async () => {
    const site = await createSite({ settings: { followupDelayDays: 30, quietPeriodDays: 90 } });
    const cookie = await login(site);
    // A local address that refuses connections: nothing leaves the machine.
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'http://127.0.0.1:9/hooks', events: ['followup.due'] }));
    const t0 = Date.now();
    await SELF.fetch(orderRequest(site, site.secretKey, order('F-1', 'same@example.com', t0)));
    await SELF.fetch(orderRequest(site, site.secretKey, order('F-2', 'SAME@example.com', t0 + DAY)));
    await SELF.fetch(orderRequest(site, site.secretKey, order('F-3', 'else@example.com', t0)));

    await runCronAt(t0 + 29 * DAY);
    const deliveries = () =>
      env.DB.prepare(`SELECT payload FROM webhook_deliveries WHERE site_id = ?1 AND event = 'followup.due' ORDER BY payload`).bind(site.publicKey).all<{ payload: string }>();
    expect((await deliveries()).results).toHaveLength(0);

    await runCronAt(t0 + 32 * DAY);
    await runCronAt(t0 + 33 * DAY);
    const sent = (await deliveries()).results.map((d) => JSON.parse(d.payload) as { data: { orderId: string; items: { token: string }[] } });
    expect(sent.map((p) => p.data.orderId).sort()).toEqual(['F-1', 'F-3']);
    expect(sent[0]?.data.items).toHaveLength(2);
    const outcomes = await env.DB.prepare('SELECT order_id, followup_outcome FROM orders WHERE site_id = ?1 ORDER BY order_id').bind(site.publicKey).all();
    expect(outcomes.results).toEqual([
      { order_id: 'F-1', followup_outcome: 'sent' },
      { order_id: 'F-2', followup_outcome: 'quiet' },
      { order_id: 'F-3', followup_outcome: 'sent' },
    ]);
  });
});

describe('cron: backlog', () => {
  it('drains a backlog larger than one batch in a single scheduled run', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey, { createdAt: Date.now() });
    const now = Date.now() + 400 * DAY;
    const inserts = Array.from({ length: 120 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO cases (id, site_id, ref, priority, contact_key, submission_id, reason, track_token_hash, created_at, updated_at, due_at, first_response_due)
         VALUES (?1, ?2, ?3, 'P2', ?4, ?5, 'complaint', 'h', ?6, ?6, ?7, ?7)`,
      ).bind(`backlog-${i}`, site.publicKey, `RB-BACKLOG${String(i).padStart(3, '0')}`, `email:backlog${i}@example.com`, sub.id, now - 10 * DAY, now - DAY),
    );
    await env.DB.batch(inserts);

    // One run, as Cloudflare would schedule it; no re-running by the test.
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '*/5 * * * *' }), env, createExecutionContext());

    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM cases WHERE site_id = ?1 AND id LIKE 'backlog-%' AND breached_at IS NULL")
      .bind(site.publicKey)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
