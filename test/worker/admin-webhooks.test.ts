import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { webhookEvent } from '../../worker/src/db/webhooks.ts';
import { createSite, login, staffRequest } from './helpers.ts';
import { auditActions } from './admin-fixtures.ts';

describe('DELETE /v1/admin/webhooks', () => {
  it('removes the endpoint, audited, so no event is queued for it any more; the log stays', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const set = await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://merchant.example/hooks', events: ['case.opened'] }));
    expect(set.status).toBe(201);
    const before = webhookEvent(env.DB, site.publicKey, 'case.opened', { ref: 'RB-TEST2345' }, Date.now());
    expect((await env.DB.batch([before.statement]))[0]?.meta.changes).toBe(1);

    const removed = await SELF.fetch(staffRequest('DELETE', '/v1/admin/webhooks', cookie));
    expect(removed.status).toBe(204);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks', cookie))).status).toBe(404);
    const after = webhookEvent(env.DB, site.publicKey, 'case.opened', { ref: 'RB-TEST2345' }, Date.now());
    expect((await env.DB.batch([after.statement]))[0]?.meta.changes).toBe(0);
    const log = await (await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks/deliveries', cookie))).json<{ items: { id: string }[] }>();
    expect(log.items.map((d) => d.id)).toEqual([before.id]);
    expect(await auditActions(site.publicKey)).toContain('webhooks.remove');
  });

  it('answers 404 when no endpoint is set, and leaves other sites alone', async () => {
    const other = await createSite();
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', await login(other), { url: 'https://other.example/hooks' }));
    const site = await createSite();
    const res = await SELF.fetch(staffRequest('DELETE', '/v1/admin/webhooks', await login(site)));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks', await login(other)))).status).toBe(200);
  });
});

describe('GET /v1/admin/webhooks/deliveries', () => {
  it('names the endpoint on the first page, and null when none is set', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const none = await (await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks/deliveries', cookie))).json<{ endpoint: unknown }>();
    expect(none.endpoint).toBeNull();
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://merchant.example/hooks', events: ['case.opened'] }));
    const set = await (await SELF.fetch(staffRequest('GET', '/v1/admin/webhooks/deliveries', cookie))).json<{ endpoint: Record<string, unknown> }>();
    expect(set.endpoint).toMatchObject({ url: 'https://merchant.example/hooks', events: ['case.opened'], enabled: true });
    expect(set.endpoint).not.toHaveProperty('secret');
  });
});
