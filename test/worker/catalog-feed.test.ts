import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import yotpo from '../fixtures/imports/yotpo.csv?raw';
import type { FeedsList } from '../../shared/feeds.ts';
import { FEED_ORDER } from '../../worker/src/rules/feed-xml.ts';
import { BASE, createSite, login, staffRequest } from './helpers.ts';
import { importFile } from './catalog-fixtures.ts';
import { seedReview as seedPublished, type ReviewSeed } from './public-fixtures.ts';

/** A review in any status, verified or not (the shared seed knows published and pending). */
async function seedReview(siteId: string, seed: Omit<ReviewSeed, 'status'> & { status?: string; verified?: boolean }): Promise<string> {
  const { status = 'published', verified = false, ...rest } = seed;
  const id = await seedPublished(siteId, rest);
  await env.DB.prepare('UPDATE submissions SET status = ?2, verified = ?3 WHERE id = ?1').bind(id, status, verified ? 1 : 0).run();
  return id;
}
import { child, findAll, orderProblems, parseXml } from './xml-check.ts';

async function feedUrl(cookie: string): Promise<string> {
  const res = await SELF.fetch(staffRequest('GET', '/v1/admin/feeds', cookie));
  expect(res.status).toBe(200);
  const list = await res.json<FeedsList>();
  return list.feeds[0]?.url ?? '';
}

describe('Google Product Reviews feed', () => {
  it('serves well-formed XML in schema order with every published product review, spam marked, contacts masked', async () => {
    const site = await createSite({ name: 'Tea & Co <Shop>' });
    const cookie = await login(site);
    await SELF.fetch(staffRequest('PUT', '/v1/admin/products/sku-1', cookie, { name: 'Kettle', url: 'https://shop.example/kettle', gtin: '4006381333931', mpn: 'K-1', sku: 'SKU-K1', brand: 'Acme' }));
    const published = [];
    for (const rating of [1, 2, 5]) published.push(await seedReview(site.publicKey, { rating, subject: 'sku-1', body: `Rated ${rating}. Write to me at tom@example.com or 0912 345 6789, see https://spam.example` }));
    const spam = await seedReview(site.publicKey, { rating: 5, subject: 'sku-1', status: 'spam', body: 'Buy followers' });
    await seedReview(site.publicKey, { rating: 4, subject: 'sku-1', status: 'pending' });
    await seedReview(site.publicKey, { rating: 4, subject: 'sku-1', status: 'rejected' });
    await seedReview(site.publicKey, { rating: 3, subject: '' }); // a store review, not a product review
    await importFile(cookie, 'yotpo', yotpo);

    const res = await SELF.fetch(await feedUrl(cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(orderProblems(feed, FEED_ORDER)).toEqual([]);
    expect(child(feed, 'version')?.text).toBe('2.4');
    expect(child(child(feed, 'publisher'), 'name')?.text).toBe('Tea & Co <Shop>');

    const reviews = findAll(feed, 'review');
    const ids = reviews.map((r) => child(r, 'review_id')?.text);
    // 3 published + 1 spam of our own, 2 published + 1 hidden of the import: the hidden one is out.
    expect(ids).toEqual(expect.arrayContaining([...published, spam]));
    expect(reviews).toHaveLength(6);
    const byId = new Map(reviews.map((r) => [child(r, 'review_id')?.text, r]));
    expect(child(byId.get(spam), 'is_spam')?.text).toBe('true');
    expect(child(byId.get(published[0]), 'is_spam')?.text).toBe('false');
    expect(child(child(byId.get(published[0]), 'ratings'), 'overall')?.attrs).toEqual({ min: '1', max: '5' });
    const product = child(child(byId.get(published[0]), 'products'), 'product');
    expect(child(product, 'product_name')?.text).toBe('Kettle');
    expect(findAll(product ?? feed, 'gtin').map((g) => g.text)).toEqual(['4006381333931']);
    expect(findAll(product ?? feed, 'brand').map((g) => g.text)).toEqual(['Acme']);
    // Contact details never leave: not the seeded email, phone or link, and no author emails.
    expect(xml).not.toMatch(/tom@example\.com|0912 345 6789|spam\.example|@example\.com/);
    expect(child(byId.get(published[0]), 'content')?.text).toBe('Rated 1. Write to me at […] or […], see […]');
    // Imported reviews keep their original date; a review without a catalogue product names its subject.
    const imported = reviews.find((r) => child(r, 'review_timestamp')?.text === '2020-02-14T20:00:00.000Z');
    expect(child(child(child(imported ?? feed, 'products'), 'product'), 'product_name')?.text).toBe('hp-200');
    expect(child(imported, 'collection_method')?.text).toBe('unsolicited');
  });

  it('marks reviews from signed order links as verified, post-fulfilment', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const id = await seedReview(site.publicKey, { subject: 'sku-1', verified: true });
    const feed = parseXml(await (await SELF.fetch(await feedUrl(cookie))).text());
    const review = findAll(feed, 'review').find((r) => child(r, 'review_id')?.text === id);
    expect(child(review, 'is_verified_purchase')?.text).toBe('true');
    expect(child(review, 'collection_method')?.text).toBe('post_fulfillment');
  });

  it('streams a feed of many pages, and answers from the cache until the content changes', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const rows = Array.from({ length: 2300 }, (_, i) => `f-${i},sku-${i % 3},${(i % 5) + 1},,Body ${i},Buyer ${i},,2024-01-01T00:00:00Z`);
    await importFile(cookie, 'generic', `id,subject,rating,title,body,name,email,date\n${rows.join('\n')}\n`);

    const url = await feedUrl(cookie);
    const first = await SELF.fetch(url);
    expect(first.headers.get('x-rebound-cache')).toBe('miss');
    const feed = parseXml(await first.text());
    expect(findAll(feed, 'review')).toHaveLength(2300);
    expect(new Set(findAll(feed, 'review_id').map((e) => e.text)).size).toBe(2300);
    const again = await SELF.fetch(url);
    expect(again.headers.get('x-rebound-cache')).toBe('hit');
    await again.arrayBuffer();

    await SELF.fetch(staffRequest('PUT', '/v1/admin/products/sku-0', cookie, { name: 'Renamed', url: 'https://shop.example/0' }));
    const changed = await SELF.fetch(url);
    expect(changed.headers.get('x-rebound-cache')).toBe('miss');
    expect(await changed.text()).toContain('<product_name>Renamed</product_name>');
  }, 60_000);

  it('retires the old URL when the key is rotated, and audits the rotation', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const old = await feedUrl(cookie);
    expect(await feedUrl(cookie)).toBe(old);
    const rotated = await SELF.fetch(staffRequest('POST', '/v1/admin/feeds/rotate', cookie));
    const next = (await rotated.json<FeedsList>()).feeds[0]?.url ?? '';
    expect(next).not.toBe(old);
    const gone = await SELF.fetch(old);
    expect(gone.status).toBe(404);
    await gone.arrayBuffer();
    const fresh = await SELF.fetch(next);
    expect(fresh.status).toBe(200);
    parseXml(await fresh.text());
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'feed.rotate'`).bind(site.publicKey).first<{ n: number }>();
    expect(audit?.n).toBe(1);
  });

  it('answers 404 for an unknown or malformed key', async () => {
    for (const key of ['x', 'a'.repeat(32), '../../etc']) {
      const res = await SELF.fetch(`${BASE}/v1/feeds/${key}/google-product-reviews.xml`);
      expect(res.status).toBe(404);
    }
  });
});
