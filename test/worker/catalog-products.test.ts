import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Product, ProductsPage } from '../../shared/products.ts';
import { BASE, createSite, login, staffRequest, type TestSite } from './helpers.ts';

function putProduct(site: TestSite, subject: string, body: unknown, secret: string | null = site.secretKey): Request {
  return new Request(`${BASE}/v1/sites/${site.publicKey}/products/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: JSON.stringify(body),
  });
}

function putCsv(site: TestSite, csv: string, type = 'text/csv; charset=utf-8'): Request {
  return new Request(`${BASE}/v1/sites/${site.publicKey}/products`, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${site.secretKey}` },
    body: csv,
  });
}

async function productCount(siteId: string): Promise<number> {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM products WHERE site_id = ?1').bind(siteId).first<{ n: number }>())?.n ?? 0;
}

async function contentVersion(siteId: string): Promise<number> {
  return (await env.DB.prepare('SELECT content_version AS v FROM sites WHERE id = ?1').bind(siteId).first<{ v: number }>())?.v ?? -1;
}

const MUG = { name: 'Blue mug', url: 'https://shop.example/mug', imageUrl: 'https://cdn.example/mug.jpg', gtin: '4006381333931', mpn: 'M-1', sku: 'SKU-1', brand: 'Acme' };

describe('product catalogue, with the secret key', () => {
  it('creates a product, then replaces it, bumping the content version each time', async () => {
    const site = await createSite();
    const v0 = await contentVersion(site.publicKey);
    const created = await SELF.fetch(putProduct(site, 'cat/mug#1', MUG));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ created: true, product: { subject: 'cat/mug#1', ...MUG } });
    const replaced = await SELF.fetch(putProduct(site, 'cat/mug#1', { name: 'لیوان آبی', url: 'https://shop.example/fa/mug' }));
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ created: false, product: { name: 'لیوان آبی', gtin: null, brand: null } });
    expect(await productCount(site.publicKey)).toBe(1);
    expect(await contentVersion(site.publicKey)).toBe(v0 + 2);
  });

  it("refuses a missing key, another site's key and a staff token, and writes nothing", async () => {
    const site = await createSite();
    const other = await createSite();
    for (const secret of [null, other.secretKey, site.staffToken]) {
      expect((await SELF.fetch(putProduct(site, 'mug', MUG, secret))).status).toBe(401);
    }
    expect(await productCount(site.publicKey)).toBe(0);
  });

  it.each([
    ['a javascript: url', { ...MUG, url: 'javascript:alert(1)' }, 'url'],
    ['a data: image', { ...MUG, imageUrl: 'data:image/png;base64,AAAA' }, 'imageUrl'],
    ['a GTIN with a wrong check digit', { ...MUG, gtin: '4006381333932' }, 'gtin'],
    ['an empty name', { ...MUG, name: '  ' }, 'name'],
  ])('rejects %s with 422 naming the field', async (_name, body, field) => {
    const site = await createSite();
    const res = await SELF.fetch(putProduct(site, 'mug', body));
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toContain(field);
    expect(await productCount(site.publicKey)).toBe(0);
  });

  it('rejects a subject outside the subject alphabet with 400', async () => {
    const site = await createSite();
    expect((await SELF.fetch(putProduct(site, 'bad subject!', MUG))).status).toBe(400);
  });

  it('takes many products as CSV (BOM, CRLF, quotes, Persian) and counts created and updated', async () => {
    const site = await createSite();
    await SELF.fetch(putProduct(site, 'sku-1', MUG));
    const csv = '\uFEFFsubject,name,url,image_url,gtin,mpn,sku,brand\r\nsku-1,"Mug, large",https://shop.example/mug,,,,,\r\nsku-2,"لیوان ""ویژه""",https://shop.example/fa,,036000291452,,,آکمه\r\n';
    const res = await SELF.fetch(putCsv(site, csv));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rows: 2, created: 1, updated: 1 });
    const row = await env.DB.prepare('SELECT name, gtin, brand FROM products WHERE site_id = ?1 AND subject = ?2').bind(site.publicKey, 'sku-2').first();
    expect(row).toEqual({ name: 'لیوان "ویژه"', gtin: '036000291452', brand: 'آکمه' });
  });

  it('writes nothing from a CSV with one bad row, and names the row and field', async () => {
    const site = await createSite();
    const res = await SELF.fetch(putCsv(site, 'subject,name,url,gtin\na,A,https://x.example,\nb,B,https://x.example,123\n'));
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('rows[3].gtin');
    expect(await productCount(site.publicKey)).toBe(0);
  });

  it('refuses a CSV body that is not text/csv or not UTF-8', async () => {
    const site = await createSite();
    expect((await SELF.fetch(putCsv(site, 'subject,name,url\n', 'application/json'))).status).toBe(415);
    const latin = new Request(`${BASE}/v1/sites/${site.publicKey}/products`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${site.secretKey}` },
      body: new Uint8Array([0x73, 0x2c, 0xe9, 0xff, 0x0a]),
    });
    expect((await SELF.fetch(latin)).status).toBe(422);
  });
});

describe('product catalogue, staff', () => {
  it('lists products by subject in keyset pages, filters by prefix, and never shows another site', async () => {
    const site = await createSite();
    const other = await createSite();
    await SELF.fetch(putCsv(site, `subject,name,url\n${['b-2', 'a-1', 'b-1', 'c-1'].map((s) => `${s},${s},https://x.example/${s}`).join('\n')}\n`));
    await SELF.fetch(putCsv(other, 'subject,name,url\na-0,Other,https://y.example\n'));
    const cookie = await login(site);
    const first = await (await SELF.fetch(staffRequest('GET', '/v1/admin/products?limit=2', cookie))).json<ProductsPage>();
    expect(first.items.map((p) => p.subject)).toEqual(['a-1', 'b-1']);
    const second = await (await SELF.fetch(staffRequest('GET', `/v1/admin/products?limit=2&cursor=${first.nextCursor}`, cookie))).json<ProductsPage>();
    expect(second.items.map((p) => p.subject)).toEqual(['b-2', 'c-1']);
    expect(second.nextCursor).toBeNull();
    const filtered = await (await SELF.fetch(staffRequest('GET', '/v1/admin/products?q=b-', cookie))).json<ProductsPage>();
    expect(filtered.items.map((p) => p.subject)).toEqual(['b-1', 'b-2']);
  });

  it('edits and deletes a product, each change in the audit log', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const put = await SELF.fetch(staffRequest('PUT', '/v1/admin/products/mug', cookie, MUG));
    expect(put.status).toBe(201);
    const edited = await SELF.fetch(staffRequest('PUT', '/v1/admin/products/mug', cookie, { ...MUG, name: 'Red mug' }));
    expect((await edited.json<{ product: Product }>()).product.name).toBe('Red mug');
    expect((await SELF.fetch(staffRequest('DELETE', '/v1/admin/products/mug', cookie))).status).toBe(200);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/products/mug', cookie))).status).toBe(404);
    const { results } = await env.DB.prepare('SELECT action FROM audit_log WHERE site_id = ?1 AND target = ?2 ORDER BY id').bind(site.publicKey, 'mug').all<{ action: string }>();
    expect(results.map((r) => r.action)).toEqual(['product.put', 'product.put', 'product.delete']);
  });

  it('refuses staff changes without a session or from another site', async () => {
    const site = await createSite();
    expect((await SELF.fetch(new Request(`${BASE}/v1/admin/products`))).status).toBe(401);
    const cookie = await login(site);
    const crossSite = new Request(`${BASE}/v1/admin/products/mug`, {
      method: 'PUT',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(MUG),
    });
    expect((await SELF.fetch(crossSite)).status).toBe(403);
  });
});

describe('product catalogue in the widget bootstrap', () => {
  it('carries the product behind the subject (for JSON-LD), and none for the whole site', async () => {
    const site = await createSite();
    await SELF.fetch(putProduct(site, 'sku-1', MUG));
    const boot = async (subject: string) =>
      (await (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/widget?subject=${subject}`, { headers: { origin: site.origin } })).json<{ product?: unknown }>()).product;
    expect(await boot('sku-1')).toEqual({ name: MUG.name, url: MUG.url, imageUrl: MUG.imageUrl, gtin: MUG.gtin, mpn: MUG.mpn, sku: MUG.sku, brand: MUG.brand });
    expect(await boot('sku-2')).toBeNull();
    expect(await boot('')).toBeNull();
    // A catalogue change is a content change: the cached bootstrap moves on.
    await SELF.fetch(putProduct(site, 'sku-1', { ...MUG, name: 'Renamed mug' }));
    expect(await boot('sku-1')).toMatchObject({ name: 'Renamed mug' });
  });
});
