import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ReviewsPage, SORTS, type PublicReview, type Sort } from '../../shared/review.ts';
import { bumpContentVersion } from '../../worker/src/db/sites.ts';
import { reviewsPageStatement } from '../../worker/src/db/submissions.ts';
import { BASE, createSite, ORIGIN } from './helpers.ts';
import { expectNoPrivateData, seedReview } from './public-fixtures.ts';

const T0 = Date.UTC(2026, 2, 1);

async function getPage(site: string, query: Record<string, string>) {
  const res = await SELF.fetch(`${BASE}/v1/sites/${site}/reviews?${new URLSearchParams(query)}`, { headers: { origin: ORIGIN } });
  return { res, body: await res.json() };
}

async function walk(site: string, query: Record<string, string>): Promise<PublicReview[]> {
  const items: PublicReview[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const { res, body } = await getPage(site, { ...query, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    const page = ReviewsPage.parse(body);
    expect(page.items.length).toBeLessThanOrEqual(Number(query.limit ?? 10));
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('did not reach the last page');
}

type Row = { id: string; rating: number; publishedAt: number; helpful: number };
const byKey = (keys: (r: Row) => (number | string)[], dir: 1 | -1) => (a: Row, b: Row) => {
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i += 1) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x !== y) return (x < y ? -1 : 1) * dir;
  }
  return 0;
};
const EXPECTED_ORDER: Record<Sort, (a: Row, b: Row) => number> = {
  newest: byKey((r) => [r.publishedAt, r.id], -1),
  oldest: byKey((r) => [r.publishedAt, r.id], 1),
  highest: byKey((r) => [r.rating, r.publishedAt, r.id], -1),
  lowest: byKey((r) => [r.rating, r.publishedAt, r.id], 1),
  helpful: byKey((r) => [r.helpful, r.publishedAt, r.id], -1),
};

/** 27 reviews whose ratings, times and helpful counts tie in many ways. */
let seeded = 0;
async function seedTies(siteId: string): Promise<Row[]> {
  seeded += 1;
  const rows: Row[] = [];
  for (let i = 0; i < 27; i += 1) {
    const row = { id: `t${seeded}-${String((i * 7) % 27).padStart(3, '0')}`, rating: (i % 5) + 1, publishedAt: T0 + (i % 4) * 1000, helpful: i % 3 };
    await seedReview(siteId, { ...row, subject: 'sku-ties' });
    rows.push(row);
  }
  await seedReview(siteId, { subject: 'sku-ties', status: 'pending' });
  await seedReview(siteId, { subject: 'sku-other' });
  return rows;
}

describe('GET /v1/sites/{site}/reviews', () => {
  it.each(SORTS)('pages through every review exactly once, in order, sorted by %s', async (sort) => {
    const site = await createSite();
    const rows = await seedTies(site.publicKey);
    const items = await walk(site.publicKey, { subject: 'sku-ties', sort, limit: '4' });
    const expected = [...rows].sort(EXPECTED_ORDER[sort]).map((r) => r.id);
    expect(items.map((r) => r.id)).toEqual(expected);
    expect(new Set(items.map((r) => r.id)).size).toBe(27);
  });

  it('serves a cached page until the content version changes, and a helpful vote changes it', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey, { subject: 'sku-cache' });
    const page = async () => {
      const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-cache&sort=helpful`, { headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      return { etag: res.headers.get('etag'), body: ReviewsPage.parse(await res.json()) };
    };
    const first = await page();
    expect(first.body.items.map((r) => r.id)).toEqual([id]);

    // Written behind the route's back, without a version bump: the edge copy still stands.
    const later = await seedReview(site.publicKey, { subject: 'sku-cache', helpful: 5 });
    expect(await page()).toEqual(first);

    await bumpContentVersion(env.DB, site.publicKey).run();
    const fresh = await page();
    expect(fresh.etag).not.toBe(first.etag);
    expect(fresh.body.items.map((r) => r.id)).toEqual([later, id]);

    // A vote bumps the version itself: the next page shows the new count and order.
    for (let i = 0; i < 7; i++) {
      await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews/${id}/helpful`, { method: 'POST', headers: { origin: ORIGIN, 'cf-connecting-ip': `203.0.113.${20 + i}` } });
    }
    const voted = await page();
    expect(voted.body.items.map((r) => [r.id, r.helpful])).toEqual([
      [id, 7],
      [later, 5],
    ]);
  });

  it('filters by stars across pages', async () => {
    const site = await createSite();
    const rows = await seedTies(site.publicKey);
    const items = await walk(site.publicKey, { subject: 'sku-ties', sort: 'newest', stars: '4', limit: '2' });
    expect(items.length).toBe(rows.filter((r) => r.rating === 4).length);
    expect(items.every((r) => r.rating === 4)).toBe(true);
  });

  it('lists the whole site when no subject is given', async () => {
    const site = await createSite();
    await seedReview(site.publicKey, { subject: 'a' });
    await seedReview(site.publicKey, { subject: 'b' });
    await seedReview(site.publicKey, { subject: '' });
    const other = await createSite();
    await seedReview(other.publicKey, { subject: 'a' });
    const items = await walk(site.publicKey, { limit: '2' });
    expect(items).toHaveLength(3);
  });

  it('shows published reviews with their reply and without contact details', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey, { reply: 'Thanks, we fixed it.' });
    await seedReview(site.publicKey, { status: 'pending' });
    const { body } = await getPage(site.publicKey, { subject: 'sku-1' });
    const page = ReviewsPage.parse(body);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id, rating: 5, verified: false, helpful: 0, reply: { body: 'Thanks, we fixed it.' } });
    expect(page.nextCursor).toBeNull();
    expectNoPrivateData(body);
  });

  it.each([
    ['garbage', () => 'not-a-cursor'],
    ['empty', () => ''],
    ['a tampered payload', (c: string) => `${btoa('[1,"x"]').replace(/=+$/, '')}.${c.split('.')[1]}`],
    ['a tampered signature', (c: string) => `${c.slice(0, -2)}${c.endsWith('AA') ? 'BB' : 'AA'}`],
  ])('answers 400 problem to a cursor that is %s', async (_name, mangle) => {
    const site = await createSite();
    for (let i = 0; i < 3; i += 1) await seedReview(site.publicKey);
    const first = ReviewsPage.parse((await getPage(site.publicKey, { subject: 'sku-1', limit: '1' })).body);
    expect(first.nextCursor).not.toBeNull();
    const { res, body } = await getPage(site.publicKey, { subject: 'sku-1', limit: '1', cursor: mangle(first.nextCursor ?? '') });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 400 });
  });

  it('refuses a cursor from another sort or filter', async () => {
    const site = await createSite();
    for (let i = 0; i < 3; i += 1) await seedReview(site.publicKey);
    const first = ReviewsPage.parse((await getPage(site.publicKey, { subject: 'sku-1', limit: '1' })).body);
    const cursor = first.nextCursor ?? '';
    expect((await getPage(site.publicKey, { subject: 'sku-1', limit: '1', sort: 'oldest', cursor })).res.status).toBe(400);
    expect((await getPage(site.publicKey, { subject: 'sku-1', limit: '1', stars: '5', cursor })).res.status).toBe(400);
    expect((await getPage(site.publicKey, { subject: 'sku-2', limit: '1', cursor })).res.status).toBe(400);
  });

  it('answers 400 problem to an unknown sort, a limit over the page size, or an unknown parameter', async () => {
    const site = await createSite();
    const queries: Record<string, string>[] = [{ sort: 'best' }, { limit: '51' }, { stars: '6' }, { page: '2' }];
    for (const query of queries) {
      const { res, body } = await getPage(site.publicKey, query);
      expect(res.status).toBe(400);
      expect(body).toMatchObject({ status: 400, type: 'urn:rebound:problem:validation' });
    }
  });

  // With a subject the per-subject indexes serve; without one (the whole site) the site-wide ones.
  it.each([
    ['sku-ties', 'newest', undefined, 'submissions_pub_newest'],
    ['sku-ties', 'oldest', undefined, 'submissions_pub_newest'],
    ['sku-ties', 'highest', undefined, 'submissions_pub_rating'],
    ['sku-ties', 'lowest', undefined, 'submissions_pub_rating'],
    ['sku-ties', 'helpful', undefined, 'submissions_pub_helpful'],
    ['sku-ties', 'newest', 3, 'submissions_pub_rating'],
    ['', 'newest', undefined, 'submissions_site_newest'],
    ['', 'oldest', undefined, 'submissions_site_newest'],
    ['', 'highest', undefined, 'submissions_site_rating'],
    ['', 'lowest', undefined, 'submissions_site_rating'],
    ['', 'helpful', undefined, 'submissions_site_helpful'],
    ['', 'newest', 3, 'submissions_site_rating'],
  ] as const)('walks a partial index without sorting: subject %j, %s, stars %s', async (subject, sort, stars, index) => {
    const site = await createSite();
    await seedTies(site.publicKey);
    await env.DB.exec('ANALYZE');
    for (const after of [undefined, sort === 'newest' || sort === 'oldest' ? [T0, 'x'] : [3, T0, 'x']]) {
      const { sql, params } = reviewsPageStatement(site.publicKey, { subject, sort, stars, limit: 10, after });
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail).join('\n');
      expect(details).toContain(`USING INDEX ${index}`);
      expect(details).not.toMatch(/TEMP B-TREE|SCAN s\b/);
    }
  });
});

describe('POST /v1/sites/{site}/reviews/{id}/helpful', () => {
  const vote = (site: string, id: string, ip = '203.0.113.9', ua = 'Browser/1') =>
    SELF.fetch(`${BASE}/v1/sites/${site}/reviews/${id}/helpful`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'cf-connecting-ip': ip, 'user-agent': ua },
    });

  it('counts one vote per voter and changes nothing on the second', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey);
    const version = async () =>
      (await env.DB.prepare('SELECT content_version FROM sites WHERE id = ?1').bind(site.publicKey).first<number>('content_version')) ?? -1;
    const before = await version();
    const first = await vote(site.publicKey, id);
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await first.json()).toEqual({ id, helpful: 1, counted: true });
    expect(await version()).toBe(before + 1);

    const again = await vote(site.publicKey, id);
    expect(await again.json()).toEqual({ id, helpful: 1, counted: false });
    expect(await version()).toBe(before + 1);
    // Another address in the same IPv6 /64 is the same voter.
    await vote(site.publicKey, id, '2001:db8:1:2::1');
    expect(await (await vote(site.publicKey, id, '2001:db8:1:2::99')).json()).toMatchObject({ counted: false });

    expect(await (await vote(site.publicKey, id, '203.0.113.10')).json()).toEqual({ id, helpful: 3, counted: true });
    const stored = await env.DB.prepare('SELECT helpful_count FROM submissions WHERE id = ?1').bind(id).first<number>('helpful_count');
    expect(stored).toBe(3);
    const votes = await env.DB.prepare('SELECT voter_hash FROM helpful_votes WHERE submission_id = ?1').bind(id).all<{ voter_hash: string }>();
    expect(votes.results).toHaveLength(3);
    expect(JSON.stringify(votes.results)).not.toMatch(/203\.0\.113|2001:db8/);
  });

  it('counts concurrent votes of one voter once', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey);
    const answers = await Promise.all(Array.from({ length: 10 }, () => vote(site.publicKey, id).then((r) => r.json())));
    expect(answers.filter((a) => (a as { counted: boolean }).counted)).toHaveLength(1);
    const stored = await env.DB.prepare('SELECT helpful_count FROM submissions WHERE id = ?1').bind(id).first<number>('helpful_count');
    expect(stored).toBe(1);
  });

  it.each([
    ['another site', async () => seedReview((await createSite()).publicKey)],
    ['an unpublished review', async (site: string) => seedReview(site, { status: 'pending' })],
    ['an unknown id', async () => 'nope123'],
    ['a malformed id', async () => 'a%27%20OR%201=1'],
  ])('answers 404 problem for a review of %s', async (_name, makeId) => {
    const site = await createSite();
    const id = await makeId(site.publicKey);
    const res = await vote(site.publicKey, id);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM helpful_votes WHERE submission_id = ?1').bind(id).first<number>('n');
    expect(count).toBe(0);
  });
});
