import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Ratings } from '../../shared/ratings.ts';
import { BASE, createSite, ORIGIN } from './helpers.ts';
import { seedReview } from './public-fixtures.ts';

function ratings(site: string, subjects: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/sites/${site}/ratings?subjects=${encodeURIComponent(subjects)}`, { headers: { origin: ORIGIN, ...headers } });
}

describe('GET /v1/sites/{site}/ratings', () => {
  it('answers count and average for every subject asked, zero for subjects without reviews', async () => {
    const site = await createSite();
    for (const rating of [5, 4, 5]) await seedReview(site.publicKey, { subject: 'sku-a', rating });
    await seedReview(site.publicKey, { subject: 'sku-b', rating: 2 });
    await seedReview(site.publicKey, { subject: 'sku-b', rating: 3, status: 'pending' });
    const res = await ratings(site.publicKey, 'sku-b,sku-a,sku-none,sku-a');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(Ratings.parse(await res.json())).toEqual({
      ratings: { 'sku-a': { count: 3, average: 4.7 }, 'sku-b': { count: 1, average: 2 }, 'sku-none': { count: 0, average: null } },
    });
  });

  it('answers 304 to a matching ETag', async () => {
    const site = await createSite();
    await seedReview(site.publicKey, { subject: 'sku-a', rating: 5 });
    const first = await ratings(site.publicKey, 'sku-a');
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await ratings(site.publicKey, 'sku-a', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('refuses no subjects, more than 50, or a subject outside the alphabet, with 400', async () => {
    const site = await createSite();
    for (const subjects of ['', ',,', Array.from({ length: 51 }, (_, i) => `s${i}`).join(','), 'ok,bad subject']) {
      const res = await ratings(site.publicKey, subjects);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await ratings(site.publicKey, Array.from({ length: 50 }, (_, i) => `s${i}`).join(','))).status).toBe(200);
  });

  it('refuses an origin the site does not allow', async () => {
    const site = await createSite();
    const res = await ratings(site.publicKey, 'sku-a', { origin: 'https://elsewhere.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
