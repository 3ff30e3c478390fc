import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../worker/src/lib/signed.ts';
import { createSite } from './helpers.ts';
import { order, orderRequest } from './recovery-fixtures.ts';

async function orderCount(siteId: string) {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM orders WHERE site_id = ?1').bind(siteId).first<{ n: number }>();
  return row?.n ?? 0;
}


describe('orders', () => {
  it('registers an order once and answers with a signed review link per item', async () => {
    const site = await createSite();
    const body = order('A-1', 'Reza@Example.com', Date.now());
    const res = await SELF.fetch(orderRequest(site, site.secretKey, body));
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { created: boolean; links: { subject: string; token: string; url: string | null }[] };
    expect(answer.links.map((l) => l.subject)).toEqual(['sku-1', 'sku-2']);
    const url = new URL(answer.links[0]?.url ?? '');
    expect(url.searchParams.get('color')).toBe('red');
    expect(url.searchParams.get('rb_order')).toBe(answer.links[0]?.token);
    expect(answer.links[1]?.url).toBeNull();
    const key = (await env.DB.prepare('SELECT signing_key FROM sites WHERE id = ?1').bind(site.publicKey).first<{ signing_key: string }>())?.signing_key ?? '';
    const link = (await env.DB.prepare('SELECT link_id FROM orders WHERE site_id = ?1 AND order_id = ?2').bind(site.publicKey, 'A-1').first<{ link_id: string }>())?.link_id;
    // Ids only: the order's opaque link id and the product, never the buyer's email or the order number.
    expect(await verifyToken(key, 'order', answer.links[0]?.token ?? '', Date.now())).toEqual({ link, subject: 'sku-1' });

    const again = await SELF.fetch(orderRequest(site, site.secretKey, { ...body, customer: { name: 'Other', email: 'other@example.com' } }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, links: answer.links });
    expect(await orderCount(site.publicKey)).toBe(1);
  });

  it("refuses a missing key, a wrong key and another site's valid key, and writes nothing", async () => {
    const site = await createSite();
    const other = await createSite();
    for (const secret of [null, 'sk_wrongwrongwrongwrong', other.secretKey, site.staffToken]) {
      const res = await SELF.fetch(orderRequest(site, secret, order('B-1', 'x@example.com', Date.now())));
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await orderCount(site.publicKey)).toBe(0);
    expect(await orderCount(other.publicKey)).toBe(0);
  });

  it('rejects an invalid body with 422 once the key is right', async () => {
    const site = await createSite();
    const res = await SELF.fetch(orderRequest(site, site.secretKey, { orderId: 'C-1', customer: { name: 'R', email: 'nope' }, items: [], purchasedAt: 'yesterday' }));
    expect(res.status).toBe(422);
    expect(await orderCount(site.publicKey)).toBe(0);
  });
});
