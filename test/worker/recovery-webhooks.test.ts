import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../worker/src/index.ts';
import { webhookEvent } from '../../worker/src/db/webhooks.ts';
import { handleWebhookBatch, processJob, WEBHOOK_MAX_ATTEMPTS } from '../../worker/src/queue/deliver-webhook.ts';
import { createSite, login, productionFetch, staffRequest } from './helpers.ts';

/**
 * An independent Standard Webhooks verifier, as a merchant would write it from the spec:
 * the secret after `whsec_` is base64; the signed content is `id.timestamp.body`; the header
 * holds space-separated `v1,<base64>` signatures; timestamps older than 5 minutes are refused.
 */
async function verifyStandardWebhook(secret: string, headers: Headers, body: string, nowSeconds: number): Promise<boolean> {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const keyBytes = Uint8Array.from(atob(secret.slice('whsec_'.length)), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  for (const candidate of signatures.split(' ')) {
    const [version, sig] = candidate.split(',');
    if (version !== 'v1' || !sig) continue;
    const sigBytes = Uint8Array.from(atob(sig), (c) => c.charCodeAt(0));
    if (await crypto.subtle.verify('HMAC', key, sigBytes, new TextEncoder().encode(`${id}.${timestamp}.${body}`))) return true;
  }
  return false;
}

async function siteWithEndpoint(events?: string[]) {
  const site = await createSite();
  const cookie = await login(site);
  const res = await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://merchant.example/hooks', ...(events ? { events } : {}) }));
  expect(res.status).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  return { site, cookie, secret };
}

async function storedEvent(siteId: string, event: 'case.opened' | 'followup.due' = 'case.opened') {
  const pending = webhookEvent(env.DB, siteId, event, { caseId: 'case_1', ref: 'RB-TEST2345' }, Date.now());
  const [result] = await env.DB.batch([pending.statement]);
  return { id: pending.id, written: (result?.meta.changes ?? 0) > 0 };
}

describe('webhook delivery', () => {
  it('signs each delivery so an independent Standard Webhooks verifier accepts it, and logs it delivered', async () => {
    const { site, cookie, secret } = await siteWithEndpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const { id } = await storedEvent(site.publicKey);
    const seen: Request[] = [];
    const outcome = await processJob(env, { v: 1, type: 'deliver-webhook', deliveryId: id, siteId: site.publicKey }, 1, Date.now(), async (req) => {
      seen.push(req);
      return new Response('ok');
    });
    expect(outcome).toEqual({ outcome: 'delivered' });
    const req = seen[0];
    if (!req) throw new Error('nothing was sent');
    expect(req.url).toBe('https://merchant.example/hooks');
    const body = await req.text();
    expect(req.headers.get('webhook-id')).toBe(id);
    expect(await verifyStandardWebhook(secret, req.headers, body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await verifyStandardWebhook(secret, req.headers, body.replace('RB-TEST2345', 'RB-TEST2346'), Math.floor(Date.now() / 1000))).toBe(false);
    expect(await verifyStandardWebhook(`whsec_${btoa('another secret entirely')}`, req.headers, body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(body)).toMatchObject({ type: 'case.opened', data: { ref: 'RB-TEST2345' } });

    const log = (await (await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks/deliveries', cookie))).json()) as { items: { id: string; status: string; attempts: number }[] };
    expect(log.items).toEqual([expect.objectContaining({ id, status: 'delivered', attempts: 1 })]);
  });

  it('retries a failing endpoint and marks the delivery failed after the last attempt', async () => {
    const { site } = await siteWithEndpoint();
    const { id } = await storedEvent(site.publicKey);
    const job = { v: 1 as const, type: 'deliver-webhook' as const, deliveryId: id, siteId: site.publicKey };
    const failing = async () => new Response('down', { status: 503 });
    expect(await processJob(env, job, 1, Date.now(), failing)).toEqual({ outcome: 'retry', delaySeconds: 30 });
    expect((await processJob(env, job, WEBHOOK_MAX_ATTEMPTS, Date.now(), failing)).outcome).toBe('failed');
    expect((await processJob(env, job, WEBHOOK_MAX_ATTEMPTS + 1, Date.now(), failing)).outcome).toBe('skipped');
    const row = await env.DB.prepare('SELECT status, attempts, last_status FROM webhook_deliveries WHERE id = ?1').bind(id).first();
    expect(row).toEqual({ status: 'failed', attempts: 2, last_status: 503 });
  });

  it('writes no delivery for a site without an endpoint or for an event the endpoint did not choose', async () => {
    const bare = await createSite();
    expect((await storedEvent(bare.publicKey)).written).toBe(false);
    const { site } = await siteWithEndpoint(['followup.due']);
    expect((await storedEvent(site.publicKey, 'case.opened')).written).toBe(false);
    expect((await storedEvent(site.publicKey, 'followup.due')).written).toBe(true);
  });

  it("acks a message for another site's delivery without sending anything", async () => {
    const { site } = await siteWithEndpoint();
    const other = await createSite();
    const { id } = await storedEvent(site.publicKey);
    const batch = createMessageBatch('rebound-webhooks', [
      { id: 'w1', timestamp: new Date(), attempts: 1, body: { v: 1, type: 'deliver-webhook', deliveryId: id, siteId: other.publicKey } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['w1']);
    const row = await env.DB.prepare('SELECT status, attempts FROM webhook_deliveries WHERE id = ?1').bind(id).first();
    expect(row).toEqual({ status: 'pending', attempts: 0 });
  });

  it('keeps the secret on a plain update and shows a new one only when rotated', async () => {
    const { cookie } = await siteWithEndpoint();
    const plain = (await (await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://merchant.example/v2' }))).json()) as { secret?: string };
    expect(plain.secret).toBeUndefined();
    const rotated = (await (await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://merchant.example/v2', rotateSecret: true }))).json()) as { secret?: string };
    expect(rotated.secret).toMatch(/^whsec_/);
  });

  it('refuses a plain-http endpoint in production (payloads carry contact details) and keeps the old one', async () => {
    const { site, cookie } = await siteWithEndpoint();
    const res = await productionFetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'http://merchant.example/hooks' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string; code: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'url', code: 'https_required' })]);
    const stored = await env.DB.prepare('SELECT url FROM webhook_endpoints WHERE site_id = ?1').bind(site.publicKey).first();
    expect(stored).toEqual({ url: 'https://merchant.example/hooks' });
  });

  it('lets local development (ALLOW_LOCAL_WEBHOOKS) use a plain-http receiver on this machine', async () => {
    const { cookie } = await siteWithEndpoint();
    for (const url of ['http://localhost:8787/hooks', 'http://127.0.0.1:9/hooks', 'http://[::1]:3000/hooks']) {
      expect((await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url }))).status).toBe(200);
      expect((await productionFetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url }))).status).toBe(422);
    }
  });
});

describe('webhook answers (Standard Webhooks)', () => {
  const jobFor = (siteId: string, deliveryId: string) => ({ v: 1 as const, type: 'deliver-webhook' as const, deliveryId, siteId });

  it('disables the endpoint when it answers 410 Gone, and sends nothing more', async () => {
    const { site, cookie } = await siteWithEndpoint();
    const { id } = await storedEvent(site.publicKey);
    const { id: next } = await storedEvent(site.publicKey);
    let calls = 0;
    const gone = async () => {
      calls += 1;
      return new Response('gone', { status: 410 });
    };
    expect(await processJob(env, jobFor(site.publicKey, id), 1, Date.now(), gone)).toEqual({ outcome: 'disabled' });
    const endpoint = (await (await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks', cookie))).json()) as { enabled: boolean };
    expect(endpoint.enabled).toBe(false);
    expect(await env.DB.prepare('SELECT status, last_status FROM webhook_deliveries WHERE id = ?1').bind(id).first()).toEqual({ status: 'failed', last_status: 410 });
    expect((await processJob(env, jobFor(site.publicKey, next), 1, Date.now(), gone)).outcome).toBe('failed');
    expect(calls).toBe(1);
    // A disabled endpoint writes no new deliveries either.
    expect((await storedEvent(site.publicKey)).written).toBe(false);
  });

  it.each([
    [429, '120', 120],
    [503, 'Wed, 21 Oct 2099 07:28:00 GMT', 3600],
    [502, '5', 5],
    [504, null, 30],
  ])('backs off on %i honouring Retry-After %j (waits %i s)', async (status, retryAfter, wait) => {
    const { site } = await siteWithEndpoint();
    const { id } = await storedEvent(site.publicKey);
    const busy = async () => new Response('later', { status, headers: retryAfter === null ? {} : { 'retry-after': retryAfter } });
    expect(await processJob(env, jobFor(site.publicKey, id), 1, Date.now(), busy)).toEqual({ outcome: 'retry', delaySeconds: wait });
    // Through the consumer, the queue is told to wait that long.
    const batch = createMessageBatch('rebound-webhooks', [{ id: `b-${status}`, timestamp: new Date(), attempts: 2, body: jobFor(site.publicKey, id) }]);
    const message = batch.messages[0];
    if (!message) throw new Error('no message');
    const retry = vi.spyOn(message, 'retry');
    await handleWebhookBatch(batch, env, Date.now(), busy);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: retryAfter === null ? 60 : wait });
  });

  it('lets staff replay a failed delivery once, audited, and refuses what cannot be replayed', async () => {
    const { site, cookie } = await siteWithEndpoint();
    const { id } = await storedEvent(site.publicKey);
    const job = jobFor(site.publicKey, id);
    await processJob(env, job, WEBHOOK_MAX_ATTEMPTS, Date.now(), async () => new Response('down', { status: 500 }));
    const replay = () => SELF.fetch(staffRequest('POST', `/v1/admin/webhooks/deliveries/${id}/replay`, cookie));
    const res = await replay();
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ id, status: 'pending', lastError: null });
    expect((await replay()).status).toBe(409);
    expect(await processJob(env, job, 1, Date.now(), async () => new Response('ok'))).toEqual({ outcome: 'delivered' });
    const audit = await env.DB.prepare("SELECT actor, target FROM audit_log WHERE site_id = ?1 AND action = 'webhooks.replay'").bind(site.publicKey).all();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ target: id });
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/webhooks/deliveries/msg_nope/replay', cookie))).status).toBe(404);
    // Another site's staff cannot replay it.
    const other = await createSite();
    const otherCookie = await login(other);
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/webhooks/deliveries/${id}/replay`, otherCookie))).status).toBe(404);
  });
});
