import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WidgetBootstrap } from '../../shared/site.ts';
import { bumpContentVersion, readSite, SITE_MEMO_MS, writeSiteConfig } from '../../worker/src/db/sites.ts';
import { BASE, createSite, freshWindow, ORIGIN } from './helpers.ts';
import { expectNoPrivateData, seedReview } from './public-fixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bootstrap(site: string, query = 'subject=sku-1', headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/sites/${site}/widget?${query}`, { headers: { origin: ORIGIN, ...headers } });
}

describe('GET /v1/sites/{site}/widget', () => {
  it('answers the public settings, the summary and the first page of newest reviews with replies', async () => {
    const site = await createSite({
      name: 'Kettle shop',
      settings: { responseTimeHours: 24, brandColor: '#112233', turnstileSiteKey: '0xPUBLIC', turnstileSecretKey: '0xSECRET', blockedWords: ['hidden-word'] },
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await seedReview(site.publicKey, { rating: (i % 5) + 1, reply: i === 11 ? 'Thank you!' : undefined }));
    await seedReview(site.publicKey, { status: 'pending' });
    await seedReview(site.publicKey, { subject: 'sku-other' });

    const res = await bootstrap(site.publicKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    const json: unknown = await res.json();
    const body = WidgetBootstrap.parse(json);
    expect(body.site).toEqual({
      id: site.publicKey,
      name: 'Kettle shop',
      locales: ['en', 'fa'],
      defaultLang: 'en',
      theme: 'auto',
      kinds: ['review', 'complaint', 'story'],
      brandColor: '#112233',
      responseTimeHours: 24,
      strings: {},
      turnstileSiteKey: '0xPUBLIC',
    });
    expect(body.subject).toBe('sku-1');
    expect(body.summary).toEqual({ count: 12, average: 2.8, distribution: [3, 3, 2, 2, 2] });
    expect(body.reviews.items.map((r) => r.id)).toEqual(ids.slice(2).reverse());
    expect(body.reviews.items[0]?.reply?.body).toBe('Thank you!');
    expect(body.reviews.nextCursor).not.toBeNull();
    expectNoPrivateData(json);
    expect(JSON.stringify(json)).not.toMatch(/0xSECRET|hidden-word|holdFlags|blockedWords/);
  });

  it('continues from its cursor on the reviews endpoint', async () => {
    const site = await createSite();
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await seedReview(site.publicKey));
    const first = WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json());
    const next = await SELF.fetch(
      `${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1&cursor=${encodeURIComponent(first.reviews.nextCursor ?? '')}`,
    );
    expect(next.status).toBe(200);
    expect(((await next.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
  });

  it('answers an empty site with an empty summary', async () => {
    const site = await createSite({ settings: { kinds: ['complaint'] } });
    const body = WidgetBootstrap.parse(await (await bootstrap(site.publicKey, '')).json());
    expect(body).toMatchObject({
      subject: '',
      summary: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
      reviews: { items: [], nextCursor: null },
      site: { kinds: ['complaint'], responseTimeHours: null, turnstileSiteKey: null },
    });
  });

  it('serves the cached copy until the content version changes', async () => {
    const site = await createSite();
    await seedReview(site.publicKey);
    const first = await bootstrap(site.publicKey);
    const etag = first.headers.get('etag');
    expect(WidgetBootstrap.parse(await first.json()).summary.count).toBe(1);

    // Written behind the route's back, without a version bump: the edge copy still stands.
    await seedReview(site.publicKey);
    const cached = await bootstrap(site.publicKey);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(WidgetBootstrap.parse(await cached.json()).summary.count).toBe(1);

    await bumpContentVersion(env.DB, site.publicKey).run();
    const fresh = await bootstrap(site.publicKey);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    const body = WidgetBootstrap.parse(await fresh.json());
    expect(body.summary.count).toBe(2);
    expect(body.reviews.items).toHaveLength(2);
  });

  it('shows a settings change made elsewhere within SITE_MEMO_MS, without a version bump', async () => {
    const site = await createSite();
    await bootstrap(site.publicKey);
    // Raw SQL, as another isolate's write looks from here: nothing tells this isolate's memo.
    await env.DB.prepare(`UPDATE sites SET settings = '{"brandColor":"#abcdef"}' WHERE id = ?1`).bind(site.publicKey).run();
    await sleep(SITE_MEMO_MS);
    const body = WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json());
    expect(body.site.brandColor).toBe('#abcdef');
  });

  it('shows a publish made elsewhere within SITE_MEMO_MS', async () => {
    const site = await createSite();
    await seedReview(site.publicKey);
    expect(WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json()).summary.count).toBe(1);
    await seedReview(site.publicKey);
    await env.DB.prepare('UPDATE sites SET content_version = content_version + 1 WHERE id = ?1').bind(site.publicKey).run();
    await sleep(SITE_MEMO_MS);
    const body = WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json());
    expect(body.summary.count).toBe(2);
    expect(body.reviews.items).toHaveLength(2);
  });

  it("shows this isolate's own settings save on the very next read", async () => {
    const site = await createSite();
    const before = WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json());
    const row = await readSite(env.DB, site.publicKey);
    if (!row) throw new Error('the site was not created');
    await writeSiteConfig(env.DB, site.publicKey, { name: 'Renamed shop', origins: row.origins, settings: row.settings }).run();
    const after = WidgetBootstrap.parse(await (await bootstrap(site.publicKey)).json());
    expect(before.site.name).not.toBe('Renamed shop');
    expect(after.site.name).toBe('Renamed shop');
  });

  it('limits a client to 300 bootstraps a minute even when every answer is already held', async () => {
    await freshWindow();
    const site = await createSite();
    const client = { 'cf-connecting-ip': '198.51.100.77', 'user-agent': `bootstrap-flood/${crypto.randomUUID()}` };
    const statuses = await Promise.all(Array.from({ length: 300 }, async () => (await bootstrap(site.publicKey, 'subject=sku-1', client)).status));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const over = await bootstrap(site.publicKey, 'subject=sku-1', client);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    // A new User-Agent is the same network: still limited. Another network is served.
    expect((await bootstrap(site.publicKey, 'subject=sku-1', { ...client, 'user-agent': 'another shopper' })).status).toBe(429);
    expect((await bootstrap(site.publicKey, 'subject=sku-1', { ...client, 'cf-connecting-ip': '198.51.100.79' })).status).toBe(200);
    // freshWindow() may wait up to 12 s for a new limiter minute, and 300 requests take a few
    // seconds on a busy machine: the default 5 s timeout made this fail by the clock, not the limit.
  }, 60_000);

  it('refuses to build a bootstrap for a client whose reads are spent elsewhere', async () => {
    await freshWindow();
    const site = await createSite();
    const client = { origin: ORIGIN, 'cf-connecting-ip': '198.51.100.78', 'user-agent': `reader/${crypto.randomUUID()}` };
    const reads = await Promise.all(
      Array.from({ length: 300 }, async () => (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1`, { headers: client })).status),
    );
    expect(reads.filter((s) => s !== 200)).toEqual([]);
    // Nothing is cached for this subject yet, so answering means reading D1: the shared limit applies.
    expect((await bootstrap(site.publicKey, 'subject=never-read', client)).status).toBe(429);
  }, 60_000);

  it('answers 304 without a body when the ETag still matches', async () => {
    const site = await createSite();
    await seedReview(site.publicKey);
    const etag = (await bootstrap(site.publicKey)).headers.get('etag') ?? '';
    const res = await bootstrap(site.publicKey, 'subject=sku-1', { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await res.text()).toBe('');
    expect((await bootstrap(site.publicKey, 'subject=sku-1', { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('keeps subjects apart in the cache', async () => {
    const site = await createSite();
    await seedReview(site.publicKey, { subject: 'a' });
    const a = WidgetBootstrap.parse(await (await bootstrap(site.publicKey, 'subject=a')).json());
    const b = WidgetBootstrap.parse(await (await bootstrap(site.publicKey, 'subject=b')).json());
    expect(a.reviews.items).toHaveLength(1);
    expect(b.reviews.items).toHaveLength(0);
  });

  it('gives each allowed origin its own CORS header on a cached answer, and a foreign origin only a refusal', async () => {
    const other = 'https://other-shop.example';
    const site = await createSite({ origins: [ORIGIN, other] });
    const a = await bootstrap(site.publicKey, 'subject=sku-1', { origin: ORIGIN });
    const b = await bootstrap(site.publicKey, 'subject=sku-1', { origin: other });
    const evil = await bootstrap(site.publicKey, 'subject=sku-1', { origin: 'https://evil.example' });
    expect(a.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(b.headers.get('access-control-allow-origin')).toBe(other);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    // The foreign origin may read that it was refused (so the widget can say why), not the answer.
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ type: 'urn:rebound:problem:origin-not-allowed' });
    expect(evil.headers.get('etag')).toBeNull();
    expect(b.headers.get('vary')).toMatch(/origin/i);
  });

  it('answers 400 problem to a malformed subject or an unknown parameter, and 404 to an unknown site', async () => {
    const site = await createSite();
    for (const query of ['subject=a%20b', 'subject=sku-1&x=1', 'lang=de']) {
      const res = await bootstrap(site.publicKey, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await bootstrap('pk_missing')).status).toBe(404);
  });
});
