/**
 * A page whose origin the site did not register gets a problem it can read (so the widget can
 * tell the merchant what to add) and nothing else: no site data, no credentials, no other
 * route made readable. An unknown site key is a different, equally readable problem. Refusals
 * are recorded per site, bounded, without anything about the visitor.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_REFUSED_ORIGINS } from '../../worker/src/db/origins.ts';
import { BASE, createSite, login, ORIGIN, staffRequest } from '../worker/helpers.ts';
import { seedReview } from '../worker/public-fixtures.ts';
import { clientIp } from './bodies.ts';

const STRANGER = 'https://www.shop.example';

function bootstrap(siteId: string, origin?: string) {
  return SELF.fetch(new Request(`${BASE}/v1/sites/${siteId}/widget?subject=sku-1`, { headers: { ...(origin ? { origin } : {}), 'cf-connecting-ip': clientIp() } }));
}

describe('refused origin', () => {
  it('answers an unregistered origin with a readable 403 problem that holds no site data', async () => {
    const site = await createSite();
    await seedReview(site.publicKey, { body: 'A secret-free but private-to-the-list review text' });
    const res = await bootstrap(site.publicKey, STRANGER);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('access-control-allow-origin')).toBe(STRANGER);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary') ?? '').toMatch(/origin/i);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:rebound:problem:origin-not-allowed', status: 403 });
    expect(text).toContain(STRANGER);
    expect(text).toContain(`npm run site -- origins add --site ${site.publicKey} --origin ${STRANGER}`);
    expect(text).not.toMatch(/review text|Test shop|summary|reviews/);
  });

  it('still serves the registered origin, and requests without an Origin (servers, crawlers)', async () => {
    const site = await createSite();
    const own = await bootstrap(site.publicKey, ORIGIN);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await bootstrap(site.publicKey)).status).toBe(200);
  });

  it('makes no other answer readable by the refused origin', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey, {});
    for (const path of [`/reviews?subject=sku-1`, `/ratings?subjects=sku-1`, `/reviews/${id}/helpful`]) {
      const res = await SELF.fetch(new Request(`${BASE}/v1/sites/${site.publicKey}${path}`, { method: path.endsWith('helpful') ? 'POST' : 'GET', headers: { origin: STRANGER, 'cf-connecting-ip': clientIp() } }));
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('answers an unknown site key with a different readable problem', async () => {
    const res = await bootstrap('pk_nosuchsite', STRANGER);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(STRANGER);
    expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:site-not-found' });
  });

  it('records refused origins per site, bounded, for staff to see, and nothing about the visitor', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await bootstrap(site.publicKey, STRANGER);
    await bootstrap(site.publicKey, STRANGER);
    await bootstrap(site.publicKey, 'not an origin');
    const first = await (await SELF.fetch(staffRequest('GET', '/v1/admin/origins', cookie))).json<{ refused: { origin: string; count: number }[] }>();
    // Written at most once a minute per origin and Worker instance: the second refusal is not a second write.
    expect(first.refused).toEqual([expect.objectContaining({ origin: STRANGER, count: 1 })]);
    for (let i = 0; i < MAX_REFUSED_ORIGINS + 10; i++) await bootstrap(site.publicKey, `https://shop${i}.example`);
    // A full list makes room for a page refused today (the oldest goes), so a flood cannot hide it.
    await bootstrap(site.publicKey, 'https://a-fresh.example');
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/origins', cookie));
    expect(res.status).toBe(200);
    const body = await res.json<{ allowed: string[]; refused: { origin: string; count: number }[] }>();
    expect(body.allowed).toEqual([ORIGIN]);
    expect(body.refused).toHaveLength(MAX_REFUSED_ORIGINS);
    expect(body.refused.map((r) => r.origin)).toContain('https://a-fresh.example');
    expect(body.refused.map((r) => r.origin)).not.toContain('not an origin');
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM refused_origins WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(rows?.n).toBe(MAX_REFUSED_ORIGINS);
    const columns = await env.DB.prepare("SELECT name FROM pragma_table_info('refused_origins')").all<{ name: string }>();
    expect(columns.results.map((c) => c.name).sort()).toEqual(['count', 'first_seen', 'last_seen', 'origin', 'site_id']);
    // Another site's staff see none of them.
    const other = await createSite();
    const theirs = await (await SELF.fetch(staffRequest('GET', '/v1/admin/origins', await login(other)))).json<{ refused: unknown[] }>();
    expect(theirs.refused).toEqual([]);
  });
});
