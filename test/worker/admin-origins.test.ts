/**
 * `/v1/admin/origins` as the console's Install page uses it: staff allow an origin the widget
 * was refused on, and the page then loads; bad origins are refused with a field error and write
 * nothing; the last origin stays; every change is audited and only touches the staff's own site.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, login, ORIGIN, staffRequest } from './helpers.ts';
import { contentVersion } from './admin-fixtures.ts';

const NEW = 'https://www.shop.example';

function bootstrap(siteId: string, origin: string) {
  return SELF.fetch(new Request(`${BASE}/v1/sites/${siteId}/widget?subject=sku-1`, { headers: { origin, 'cf-connecting-ip': '198.18.7.7' } }));
}

async function origins(cookie: string) {
  const res = await SELF.fetch(staffRequest('GET', '/v1/admin/origins', cookie));
  expect(res.status).toBe(200);
  return res.json<{ site: string; allowed: string[]; seen: { origin: string; lastSeen: string }[]; refused: { origin: string }[] }>();
}

async function storedOrigins(siteId: string): Promise<string[]> {
  const row = await env.DB.prepare('SELECT origins FROM sites WHERE id = ?1').bind(siteId).first<{ origins: string }>();
  return JSON.parse(row?.origins ?? '[]') as string[];
}

describe('admin origins', () => {
  it('allows a refused origin: it leaves the refused list, is audited, and the widget then loads there', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await bootstrap(site.publicKey, NEW)).status).toBe(403);
    expect((await origins(cookie)).refused.map((r) => r.origin)).toContain(NEW);
    const v0 = await contentVersion(site.publicKey);

    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin: 'https://WWW.Shop.example/' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ site: site.publicKey, allowed: [ORIGIN, NEW], seen: [], refused: [] });
    expect(await storedOrigins(site.publicKey)).toEqual([ORIGIN, NEW]);
    expect(await contentVersion(site.publicKey)).toBe(v0 + 1);
    const audit = await env.DB.prepare("SELECT target, before, after FROM audit_log WHERE site_id = ?1 AND action = 'origins.add'").bind(site.publicKey).all<Record<string, string>>();
    expect(audit.results).toEqual([{ target: NEW, before: JSON.stringify({ origins: [ORIGIN] }), after: JSON.stringify({ origins: [ORIGIN, NEW] }) }]);
    expect((await bootstrap(site.publicKey, NEW)).status).toBe(200);
  });

  it('says when the widget last loaded on each allowed origin, and forgets an origin once removed', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin: NEW }))).status).toBe(200);
    expect((await origins(cookie)).seen).toEqual([]);
    const before = Date.now();
    expect((await bootstrap(site.publicKey, NEW)).status).toBe(200);
    const seen = (await origins(cookie)).seen;
    expect(seen.map((s) => s.origin)).toEqual([NEW]);
    expect(Date.parse(seen[0]?.lastSeen ?? '')).toBeGreaterThanOrEqual(before - 1000);

    const res = await SELF.fetch(staffRequest('DELETE', `/v1/admin/origins?origin=${encodeURIComponent(NEW)}`, cookie));
    expect(res.status).toBe(200);
    expect((await res.json<{ seen: unknown[] }>()).seen).toEqual([]);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM seen_origins WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it('adding an origin twice keeps one copy and one audit entry', async () => {
    const site = await createSite();
    const cookie = await login(site);
    for (let i = 0; i < 2; i++) expect((await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin: NEW }))).status).toBe(200);
    expect(await storedOrigins(site.publicKey)).toEqual([ORIGIN, NEW]);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'origins.add'").bind(site.publicKey).first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it.each([
    ['shop.example', 'not_origin'],
    ['https://shop.example/products', 'has_path'],
    ['http://shop.example', 'insecure'],
  ])('refuses %s with a 422 naming the field (%s) and writes nothing', async (origin, code) => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 422, errors: [{ path: 'origin', code }] });
    expect(await storedOrigins(site.publicKey)).toEqual([ORIGIN]);
  });

  it('refuses a body that is not the schema, and an unauthenticated request', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin: NEW, extra: 1 }))).status).toBe(422);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/origins', cookie, { origin: 'x'.repeat(400) }))).status).toBe(422);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/origins', '', { origin: NEW }))).status).toBe(401);
    expect(await storedOrigins(site.publicKey)).toEqual([ORIGIN]);
  });

  it('removes an origin (audited) but never the last one', async () => {
    const site = await createSite({ origins: [ORIGIN, NEW, 'http://legacy.example'] });
    const cookie = await login(site);
    // An origin an older, looser rule let in can still be removed.
    let res = await SELF.fetch(staffRequest('DELETE', `/v1/admin/origins?origin=${encodeURIComponent('http://legacy.example')}`, cookie));
    expect(res.status).toBe(200);
    res = await SELF.fetch(staffRequest('DELETE', `/v1/admin/origins?origin=${encodeURIComponent(NEW)}`, cookie));
    expect(res.status).toBe(200);
    expect((await res.json<{ allowed: string[] }>()).allowed).toEqual([ORIGIN]);
    expect((await bootstrap(site.publicKey, NEW)).status).toBe(403);
    const last = await SELF.fetch(staffRequest('DELETE', `/v1/admin/origins?origin=${encodeURIComponent(ORIGIN)}`, cookie));
    expect(last.status).toBe(409);
    expect(await last.json()).toMatchObject({ type: 'urn:rebound:problem:last-origin' });
    expect(await storedOrigins(site.publicKey)).toEqual([ORIGIN]);
    const removed = await env.DB.prepare("SELECT target FROM audit_log WHERE site_id = ?1 AND action = 'origins.remove' ORDER BY id").bind(site.publicKey).all<{ target: string }>();
    expect(removed.results.map((r) => r.target)).toEqual(['http://legacy.example', NEW]);
    expect((await SELF.fetch(staffRequest('DELETE', '/v1/admin/origins?origin=nope', cookie))).status).toBe(422);
  });

  it("changes only the staff's own site", async () => {
    const mine = await createSite();
    const theirs = await createSite();
    await SELF.fetch(staffRequest('POST', '/v1/admin/origins', await login(mine), { origin: NEW }));
    expect(await storedOrigins(theirs.publicKey)).toEqual([ORIGIN]);
    expect((await origins(await login(theirs))).allowed).toEqual([ORIGIN]);
  });
});
