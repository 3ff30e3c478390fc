/**
 * Failure: nothing a shopper sent is lost when parts fail. The recovery consumer failing
 * mid-batch, a lost queue send, a D1 batch that fails halfway, and a merchant webhook endpoint
 * that is down. (The browser going offline mid-submit is in browser/offline.test.ts.)
 */
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { insertIdempotency } from '../../worker/src/db/idempotency.ts';
import { insertSubmission } from '../../worker/src/db/submissions.ts';
import { upsertEndpoint } from '../../worker/src/db/webhooks.ts';
import { handleWebhookBatch, WEBHOOK_MAX_ATTEMPTS } from '../../worker/src/queue/deliver-webhook.ts';
import { createSite, jsonRequest, type TestSite } from '../worker/helpers.ts';
import { clientIp, complaintBody, idemKey } from './bodies.ts';

async function complaint(site: TestSite, email: string): Promise<string> {
  const res = await SELF.fetch(
    jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, complaintBody({ author: { name: 'Sam', email } }), { 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function routingMessage(submissionId: string) {
  const row = await env.DB.prepare('SELECT site_id, case_ref, created_at FROM submissions WHERE id = ?1').bind(submissionId).first<{ site_id: string; case_ref: string; created_at: number }>();
  if (!row) throw new Error('no submission');
  return { v: 1, type: 'route-submission', siteId: row.site_id, submissionId, caseRef: row.case_ref, receivedAt: row.created_at };
}

async function joinedCases(submissionId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE submission_id = ?1 AND type = 'submission'").bind(submissionId).first<{ n: number }>();
  const opened = await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE submission_id = ?1').bind(submissionId).first<{ n: number }>();
  return Math.max(row?.n ?? 0, opened?.n ?? 0);
}

/** `env` whose D1 fails every statement that mentions `poison` (a fault injected into a real database). */
function failingFor(poison: string): Env {
  const wrapStatement = (stmt: D1PreparedStatement, bad: boolean): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        if (prop === 'bind') {
          return (...args: unknown[]) => wrapStatement(target.bind(...args), bad || args.some((a) => typeof a === 'string' && a.includes(poison)));
        }
        if (bad && (prop === 'run' || prop === 'first' || prop === 'all' || prop === 'raw')) {
          return () => Promise.reject(new Error('D1_ERROR: injected failure'));
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const poisoned = new WeakSet<object>();
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = wrapStatement(target.prepare(sql), sql.includes(poison));
          return new Proxy(stmt, {
            get(t, p, r) {
              if (p === 'bind') {
                return (...args: unknown[]) => {
                  const bound = t.bind(...args);
                  if (args.some((a) => typeof a === 'string' && a.includes(poison))) poisoned.add(bound);
                  return bound;
                };
              }
              const v: unknown = Reflect.get(t, p, r);
              return typeof v === 'function' ? v.bind(t) : v;
            },
          });
        };
      }
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          statements.some((s) => poisoned.has(s)) ? Promise.reject(new Error('D1_ERROR: injected batch failure')) : target.batch(statements);
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...env, DB: db };
}

describe('recovery consumer failing mid-batch', () => {
  it('retries only the failed message, acks the rest, writes nothing partial, and loses no case', async () => {
    const site = await createSite();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await complaint(site, `shopper${i}@example.com`));
    const messages = await Promise.all(ids.map(async (id) => ({ id: `m-${id}`, timestamp: new Date(), attempts: 1, body: await routingMessage(id) })));
    const victim = ids[2] ?? '';

    const batch = createMessageBatch('rebound-recovery', messages);
    const ctx = createExecutionContext();
    await worker.queue(batch, failingFor(victim), ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([`m-${victim}`]);
    expect(result.explicitAcks.sort()).toEqual(ids.filter((id) => id !== victim).map((id) => `m-${id}`).sort());
    for (const id of ids) expect(await joinedCases(id)).toBe(id === victim ? 0 : 1);

    // The queue delivers the failed message again (and, at least once, maybe all of them).
    const again = createMessageBatch('rebound-recovery', messages.map((m) => ({ ...m, attempts: 2 })));
    await worker.queue(again, env, createExecutionContext());
    for (const id of ids) expect(await joinedCases(id)).toBe(1);
    const cases = await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(cases?.n).toBe(5);
  });

  it('keeps an unreadable message as a dead letter instead of dropping it, and processes the others', async () => {
    const site = await createSite();
    const id = await complaint(site, 'ok@example.com');
    const batch = createMessageBatch('rebound-recovery', [
      { id: 'm-garbage', timestamp: new Date(), attempts: 1, body: { v: 99, nonsense: true } },
      { id: `m-${id}`, timestamp: new Date(), attempts: 1, body: await routingMessage(id) },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['m-garbage', `m-${id}`].sort());
    const dead = await env.DB.prepare("SELECT body FROM dead_letters WHERE message_id = 'm-garbage'").first<{ body: string }>();
    expect(JSON.parse(dead?.body ?? 'null')).toEqual({ v: 99, nonsense: true });
    expect(await joinedCases(id)).toBe(1);
  });

  it('records a message that exhausted its retries (the dead-letter queue) in D1', async () => {
    const site = await createSite();
    const id = await complaint(site, 'dlq@example.com');
    const body = await routingMessage(id);
    const batch = createMessageBatch('rebound-recovery-dlq', [{ id: `dlq-${id}`, timestamp: new Date(), attempts: 6, body }]);
    await worker.queue(batch, env, createExecutionContext());
    const dead = await env.DB.prepare('SELECT queue, attempts, body FROM dead_letters WHERE message_id = ?1').bind(`dlq-${id}`).first<{ queue: string; attempts: number; body: string }>();
    expect(dead).toMatchObject({ queue: 'rebound-recovery-dlq', attempts: 6 });
    expect(JSON.parse(dead?.body ?? 'null')).toEqual(body);
  });
});

describe('a lost queue send', () => {
  it('is re-sent by the cron outbox sweep and the case opens', { timeout: 30_000 }, async () => {
    const site = await createSite();
    // The submission is stored with its routing, but its message is never delivered here.
    const id = await complaint(site, 'lost@example.com');
    // Let any delivery of the original send settle (batches close after 1 s), then undo it.
    await new Promise((r) => setTimeout(r, 3000));
    await env.DB.batch([
      env.DB.prepare('DELETE FROM case_events WHERE submission_id = ?1 OR case_id IN (SELECT id FROM cases WHERE submission_id = ?1)').bind(id),
      env.DB.prepare('DELETE FROM cases WHERE submission_id = ?1').bind(id),
    ]);
    await env.DB.prepare('UPDATE submissions SET routed_at = NULL WHERE id = ?1').bind(id).run();
    expect(await joinedCases(id)).toBe(0);
    const controller = createScheduledController({ scheduledTime: Date.now() + 10 * 60_000, cron: '*/5 * * * *' });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await expect.poll(() => joinedCases(id), { timeout: 20_000, interval: 250 }).toBe(1);
  });
});

describe('a D1 batch failing halfway', () => {
  it('leaves no partial rows: a submission whose idempotency insert fails is not stored', async () => {
    const site = await createSite();
    const now = Date.now();
    const key = idemKey();
    await insertIdempotency(env.DB, site.publicKey, key, { requestHash: 'h', submissionId: 'first', response: '{}', createdAt: now }).run();
    const id = `atomic-${now}`;
    const statements = [
      insertSubmission(env.DB, {
        id, siteId: site.publicKey, kind: 'review', status: 'pending', subject: '', rating: 5, title: null, body: 'x', category: null, expected: null,
        desiredOutcome: null, authorName: 'A', authorEmail: null, authorPhone: null, orderRef: null, verified: false, lang: 'en', flags: [],
        searchText: 'x', clientHash: null, caseRef: null, routing: null, createdAt: now, publishedAt: null,
      }),
      insertIdempotency(env.DB, site.publicKey, key, { requestHash: 'h2', submissionId: id, response: '{}', createdAt: now }),
    ];
    await expect(env.DB.batch(statements)).rejects.toThrow();
    const row = await env.DB.prepare('SELECT count(*) AS n FROM submissions WHERE id = ?1').bind(id).first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});

describe('a webhook endpoint that is down', () => {
  it(`retries with growing delays, then marks the delivery failed after ${WEBHOOK_MAX_ATTEMPTS} attempts, keeping its payload`, async () => {
    const site = await createSite();
    const now = Date.now();
    await upsertEndpoint(env.DB, { siteId: site.publicKey, url: 'https://merchant.example/hooks', secret: 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=', events: [], enabled: true, at: now }).run();
    await complaint(site, 'hook@example.com');
    const delivery = await env.DB.prepare('SELECT id, payload FROM webhook_deliveries WHERE site_id = ?1 ORDER BY created_at LIMIT 1').bind(site.publicKey).first<{ id: string; payload: string }>();
    expect(delivery).not.toBeNull();
    const body = { v: 1, type: 'deliver-webhook', deliveryId: delivery?.id ?? '', siteId: site.publicKey };
    let calls = 0;
    const down = async () => {
      calls += 1;
      return new Response('unavailable', { status: 503 });
    };
    const delays: number[] = [];
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const batch = createMessageBatch('rebound-webhooks', [{ id: `w-${attempt}`, timestamp: new Date(), attempts: attempt, body }]);
      const ctx = createExecutionContext();
      await handleWebhookBatch(batch, env, now + attempt * 1000, down);
      const result = await getQueueResult(batch, ctx);
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        expect(result.retryMessages).toHaveLength(1);
        delays.push(result.retryMessages[0]?.delaySeconds ?? 0);
      } else {
        expect(result.explicitAcks).toEqual([`w-${attempt}`]);
      }
    }
    expect(calls).toBe(WEBHOOK_MAX_ATTEMPTS);
    expect(delays).toEqual([...delays].sort((x, y) => x - y));
    const row = await env.DB.prepare('SELECT status, attempts, payload FROM webhook_deliveries WHERE id = ?1').bind(delivery?.id).first<{ status: string; attempts: number; payload: string }>();
    expect(row).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, payload: delivery?.payload });
  });

  it('records a webhook message that reached the dead-letter queue', async () => {
    const body = { v: 1, type: 'deliver-webhook', deliveryId: 'msg_x', siteId: 'pk_x' };
    const batch = createMessageBatch('rebound-webhooks-dlq', [{ id: 'wdlq-1', timestamp: new Date(), attempts: 9, body }]);
    await worker.queue(batch, env, createExecutionContext());
    const dead = await env.DB.prepare("SELECT queue, body FROM dead_letters WHERE message_id = 'wdlq-1'").first<{ queue: string; body: string }>();
    expect(dead?.queue).toBe('rebound-webhooks-dlq');
    expect(JSON.parse(dead?.body ?? 'null')).toEqual(body);
  });
});
