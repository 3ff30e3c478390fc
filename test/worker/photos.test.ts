/**
 * Review photos end to end in workerd, with the real D1 and the local R2 bucket: uploads decided
 * by bytes, metadata removed at rest and when served, refusals that store nothing, claiming by
 * a review, visibility by moderation, hiding, the "with photos" filter and erasure.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  cameraJpeg,
  contains,
  GPS_RATIONALS,
  HTML,
  JPEG_4x3,
  PNG_4x3,
  pngHeader,
  SECRET_SERIAL,
  SVG,
  WEBP_4x3,
  XMP_GPS,
} from '../../worker/src/lib/image/fixtures.ts';
import { sweepUnclaimedPhotos, UNCLAIMED_PHOTO_TTL_MS } from '../../worker/src/cron-photos.ts';
import { BASE, createSite, jsonRequest, login, ORIGIN, staffRequest, type TestSite } from './helpers.ts';
import type { FeedsList } from '../../shared/feeds.ts';
import { FEED_ORDER } from '../../worker/src/rules/feed-xml.ts';
import { child, findAll, orderProblems, parseXml } from './xml-check.ts';

let keys = 0;
const newKey = () => `photo-key-${Date.now().toString(36)}-${(keys += 1)}`;

function upload(site: TestSite, bytes: Uint8Array, type: string, options: { key?: string; thumbOf?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const query = options.thumbOf ? `?thumbOf=${options.thumbOf}` : '';
  return SELF.fetch(
    new Request(`${BASE}/v1/sites/${site.publicKey}/uploads${query}`, {
      method: 'POST',
      headers: { 'content-type': type, 'idempotency-key': options.key ?? newKey(), origin: ORIGIN, ...options.headers },
      body: bytes,
    }),
  );
}

async function uploaded(site: TestSite, bytes: Uint8Array, type = 'image/jpeg'): Promise<{ id: string; width: number; height: number }> {
  const res = await upload(site, bytes, type);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

function review(site: TestSite, photos: string[], extra: Record<string, unknown> = {}): Promise<Response> {
  return SELF.fetch(
    jsonRequest(
      'POST',
      `/v1/sites/${site.publicKey}/submissions`,
      { kind: 'review', rating: 5, body: 'Lovely teapot, see the photos', author: { name: 'Sara', email: 'sara@example.com' }, subject: 'sku-1', photos, ...extra },
      { 'idempotency-key': newKey() },
    ),
  );
}

async function stored(site: TestSite): Promise<{ objects: string[]; rows: number }> {
  const listed = await env.PHOTOS.list({ prefix: `${site.publicKey}/` });
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM photos WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
  return { objects: listed.objects.map((o) => o.key), rows: row?.n ?? 0 };
}

async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

async function approve(site: TestSite, id: string): Promise<void> {
  const cookie = await login(site);
  const res = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, cookie, { decision: 'approve' }));
  expect(res.status).toBe(200);
}

describe('uploads', () => {
  it('stores a camera JPEG without its GPS, serial, XMP or comments, and serves it without them', async () => {
    const site = await createSite();
    const photo = cameraJpeg();
    expect(contains(photo, SECRET_SERIAL) && contains(photo, GPS_RATIONALS)).toBe(true);
    const created = await uploaded(site, photo);
    expect(created).toMatchObject({ width: 4, height: 3 });

    const { objects } = await stored(site);
    expect(objects).toHaveLength(1);
    const object = await env.PHOTOS.get(objects[0] ?? '');
    const atRest = new Uint8Array(await object!.arrayBuffer());
    for (const secret of [SECRET_SERIAL, GPS_RATIONALS, XMP_GPS, 'Exif']) expect(contains(atRest, secret)).toBe(false);

    const res = await review(site, [created.id]);
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: string }>();
    await approve(site, id);
    const page = await (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1`, { headers: { origin: ORIGIN } })).json<{
      items: { id: string; photos: { id: string; thumb: { url: string; width: number }; full: { url: string; width: number; height: number } }[] }[];
    }>();
    const shown = page.items.find((r) => r.id === id)?.photos ?? [];
    expect(shown).toHaveLength(1);
    expect(shown[0]?.full).toMatchObject({ width: 4, height: 3 });
    const served = await SELF.fetch(shown[0]!.full.url);
    expect(served.status).toBe(200);
    const body = await bytesOf(served);
    for (const secret of [SECRET_SERIAL, GPS_RATIONALS, XMP_GPS, 'Exif']) expect(contains(body, secret)).toBe(false);
    expect([...body]).toEqual([...atRest]);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = served.headers.get('etag') ?? '';
    expect(shown[0]!.full.url).toContain(`v=${etag.replace(/"/g, '')}`);
    expect((await SELF.fetch(shown[0]!.full.url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // A URL made for other bytes is not answered with these.
    expect((await SELF.fetch(shown[0]!.full.url.replace(/v=[0-9a-f]+/, 'v=0123456789abcdef'))).status).toBe(404);
  });

  it.each([
    ['an SVG', SVG, 'image/svg+xml', 415],
    ['an SVG declared as a PNG', SVG, 'image/png', 415],
    ['an HTML file renamed .jpg', HTML, 'image/jpeg', 415],
    ['a JPEG with a script after its end', new Uint8Array([...JPEG_4x3, ...new TextEncoder().encode('<script>alert(1)</script>')]), 'image/jpeg', 415],
    ['a truncated JPEG', JPEG_4x3.subarray(0, 300), 'image/jpeg', 415],
    ['a 50,000 × 50,000 PNG header', pngHeader(50_000, 50_000), 'image/png', 422],
  ])('refuses %s with a clear problem and stores nothing', async (_name, bytes, type, status) => {
    const site = await createSite();
    const res = await upload(site, bytes, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json<{ detail: string }>();
    expect(problem.detail).toMatch(status === 415 ? /image\/jpeg, image\/png, image\/webp/ : /10000 pixels|megapixels/);
    expect(await stored(site)).toEqual({ objects: [], rows: 0 });
  });

  it('refuses a body over 8 MB with 413, by Content-Length and by what was streamed', async () => {
    const site = await createSite();
    const big = new Uint8Array(8 * 1024 * 1024 + 1);
    big.set(JPEG_4x3);
    expect((await upload(site, big, 'image/jpeg')).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 9; i++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/sites/${site.publicKey}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', 'idempotency-key': newKey(), origin: ORIGIN },
        body: chunked,
        // @ts-expect-error workerd needs duplex for a streamed request body; the DOM types lack it here
        duplex: 'half',
      }),
    );
    expect(res.status).toBe(413);
    expect(await stored(site)).toEqual({ objects: [], rows: 0 });
  });

  it('refuses a declared type that is not an accepted image before reading the body', async () => {
    const site = await createSite();
    const res = await upload(site, JPEG_4x3, 'text/html');
    expect(res.status).toBe(415);
    expect((await res.json<{ detail: string }>()).detail).toContain('image/webp');
  });

  it('replays a retry with the same key and bytes, and refuses the key for other bytes', async () => {
    const site = await createSite();
    const key = newKey();
    const first = await upload(site, PNG_4x3, 'image/png', { key });
    const again = await upload(site, PNG_4x3, 'image/png', { key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await upload(site, WEBP_4x3, 'image/webp', { key });
    expect(other.status).toBe(422);
    expect((await stored(site)).rows).toBe(1);
  });

  it('stores a thumbnail beside the original once, and serves it as the thumb', async () => {
    const site = await createSite();
    const full = await uploaded(site, JPEG_4x3);
    const thumb = await upload(site, PNG_4x3, 'image/png', { thumbOf: full.id });
    expect(thumb.status).toBe(201);
    expect((await upload(site, WEBP_4x3, 'image/webp', { thumbOf: full.id })).status).toBe(409);
    expect((await stored(site)).objects).toHaveLength(2);
    const { id } = await (await review(site, [full.id])).json<{ id: string }>();
    await approve(site, id);
    const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/photos/${full.id}?size=thumb`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...(await bytesOf(res))]).toEqual([...PNG_4x3]);
  });
});

describe('reviews with photos', () => {
  it('refuses unknown, foreign, already claimed, duplicated and too many photos, and stores no review', async () => {
    const site = await createSite();
    const other = await createSite();
    const foreign = await uploaded(other, JPEG_4x3);
    const mine = await uploaded(site, JPEG_4x3);
    expect((await review(site, [foreign.id])).status).toBe(422);
    expect((await review(site, ['nosuchphoto123'])).status).toBe(422);
    expect((await review(site, [mine.id, mine.id])).status).toBe(422);
    expect((await review(site, ['aaaaaaaa1', 'aaaaaaaa2', 'aaaaaaaa3', 'aaaaaaaa4', 'aaaaaaaa5', 'aaaaaaaa6'])).status).toBe(422);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(count?.n).toBe(0);
    expect((await review(site, [mine.id])).status).toBe(201);
    const second = await review(site, [mine.id]);
    expect(second.status).toBe(422);
    expect((await second.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('photos.0');
  });

  it('shows a pending review’s photos to staff only, and hides one photo without the review', async () => {
    const site = await createSite();
    const a = await uploaded(site, JPEG_4x3);
    const b = await uploaded(site, PNG_4x3, 'image/png');
    const { id } = await (await review(site, [a.id, b.id])).json<{ id: string }>();
    expect((await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/photos/${a.id}`)).status).toBe(404);

    const cookie = await login(site);
    const list = await (await SELF.fetch(staffRequest('GET', `/v1/admin/photos?submission=${id}`, cookie))).json<{ items: { id: string; full: { url: string } }[] }>();
    expect(list.items.map((p) => p.id)).toEqual([a.id, b.id]);
    const staffView = await SELF.fetch(staffRequest('GET', new URL(list.items[0]!.full.url).pathname + new URL(list.items[0]!.full.url).search, cookie));
    expect(staffView.status).toBe(200);
    expect(staffView.headers.get('cache-control')).toBe('private, no-store');
    expect((await SELF.fetch(`${BASE}/v1/admin/photos/${a.id}`)).status).toBe(401);

    await approve(site, id);
    const hide = await SELF.fetch(staffRequest('POST', `/v1/admin/photos/${a.id}/hidden`, cookie, { hidden: true }));
    expect(hide.status).toBe(200);
    const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE site_id = ?1 AND action LIKE 'photo.%'`).bind(site.publicKey).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['photo.hide']);
    expect((await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/photos/${a.id}`)).status).toBe(404);
    expect((await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/photos/${b.id}`)).status).toBe(200);
    const boot = await (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/widget?subject=sku-1`, { headers: { origin: ORIGIN } })).json<{
      reviews: { items: { id: string; photos: { id: string }[] }[] };
    }>();
    expect(boot.reviews.items.find((r) => r.id === id)?.photos.map((p) => p.id)).toEqual([b.id]);
  });

  it('lists only reviews with visible photos under ?photos=1', async () => {
    const site = await createSite();
    const photo = await uploaded(site, JPEG_4x3);
    const withPhoto = await (await review(site, [photo.id])).json<{ id: string }>();
    const without = await (await review(site, [], { body: 'No pictures, but a fine teapot' })).json<{ id: string }>();
    await approve(site, withPhoto.id);
    await approve(site, without.id);
    const all = await (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1`, { headers: { origin: ORIGIN } })).json<{ items: { id: string }[] }>();
    expect(all.items.map((r) => r.id).sort()).toEqual([withPhoto.id, without.id].sort());
    const only = await (await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1&photos=1`, { headers: { origin: ORIGIN } })).json<{ items: { id: string }[] }>();
    expect(only.items.map((r) => r.id)).toEqual([withPhoto.id]);
  });

  it('erasing a shopper deletes their photos from R2 and D1, and the export lists photos', async () => {
    const site = await createSite();
    const photo = await uploaded(site, cameraJpeg());
    await upload(site, PNG_4x3, 'image/png', { thumbOf: photo.id });
    const { id } = await (await review(site, [photo.id])).json<{ id: string }>();
    const cookie = await login(site);
    const exported = await (await SELF.fetch(staffRequest('GET', '/v1/admin/export?format=json', cookie))).json<{ id: string; photos: { id: string }[] }[]>();
    expect(exported.find((s) => s.id === id)?.photos.map((p) => p.id)).toEqual([photo.id]);
    expect((await stored(site)).objects).toHaveLength(2);
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: 'sara@example.com' }));
    expect(res.status).toBe(200);
    expect(await stored(site)).toEqual({ objects: [], rows: 0 });
  });
});

describe('photos in the Google feed', () => {
  /** Each review's `<reviewer_image>` URLs, by review id, from the site's feed as Merchant Center reads it. */
  async function feedImages(cookie: string): Promise<{ images: Map<string, string[]>; order: string[] }> {
    const list = await (await SELF.fetch(staffRequest('GET', '/v1/admin/feeds', cookie))).json<FeedsList>();
    const res = await SELF.fetch(list.feeds[0]?.url ?? '');
    expect(res.status).toBe(200);
    const feed = parseXml(await res.text());
    const images = new Map(
      findAll(feed, 'review').map((r) => [child(r, 'review_id')?.text ?? '', findAll(r, 'reviewer_image').map((i) => child(i, 'url')?.text ?? '')]),
    );
    return { images, order: orderProblems(feed, FEED_ORDER) };
  }

  it('lists the visible photos of published reviews as absolute full-size URLs, never hidden or pending ones', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const a = await uploaded(site, JPEG_4x3);
    const b = await uploaded(site, PNG_4x3, 'image/png');
    const c = await uploaded(site, WEBP_4x3, 'image/webp');
    const published = await (await review(site, [a.id, b.id])).json<{ id: string }>();
    const pending = await (await review(site, [c.id], { body: 'Still waiting for moderation, with a photo' })).json<{ id: string }>();
    await approve(site, published.id);

    const before = await feedImages(cookie);
    expect(before.order).toEqual([]);
    expect(before.images.has(pending.id)).toBe(false);
    const urls = before.images.get(published.id) ?? [];
    expect(urls.map((u) => new URL(u).pathname)).toEqual([a.id, b.id].map((id) => `/v1/sites/${site.publicKey}/photos/${id}`));
    for (const u of urls) {
      expect(new URL(u).origin).toBe(BASE);
      expect(new URL(u).searchParams.get('size')).toBe('full');
      const served = await SELF.fetch(u);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/^image\//);
    }
    expect([...before.images.values()].flat().join(' ')).not.toContain(c.id);

    // Hiding a photo moves the site's content version on, so the cached feed is not served again.
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/photos/${a.id}/hidden`, cookie, { hidden: true }))).status).toBe(200);
    const after = await feedImages(cookie);
    expect((after.images.get(published.id) ?? []).map((u) => new URL(u).pathname)).toEqual([`/v1/sites/${site.publicKey}/photos/${b.id}`]);
    expect(after.order).toEqual([]);
  });
});

describe('unclaimed uploads', () => {
  it('are deleted a day after upload, objects and rows; claimed ones stay', async () => {
    const site = await createSite();
    const left = await uploaded(site, JPEG_4x3);
    await upload(site, PNG_4x3, 'image/png', { thumbOf: left.id });
    const kept = await uploaded(site, PNG_4x3, 'image/png');
    expect((await review(site, [kept.id])).status).toBe(201);
    const fresh = await uploaded(site, WEBP_4x3, 'image/webp');
    const now = Date.now() + UNCLAIMED_PHOTO_TTL_MS;
    await env.DB.prepare('UPDATE photos SET created_at = ?2 WHERE id = ?1').bind(fresh.id, now - 1000).run();
    // Other suites' leftovers may be swept too; this site's rows are what this test checks.
    while ((await sweepUnclaimedPhotos(env, now + 1, 50)) === 50);
    const ids = (await env.DB.prepare('SELECT id FROM photos WHERE site_id = ?1').bind(site.publicKey).all<{ id: string }>()).results.map((r) => r.id);
    expect(ids.sort()).toEqual([kept.id, fresh.id].sort());
    const objects = (await stored(site)).objects;
    expect(objects).toHaveLength(2);
    expect(objects.some((k) => k.includes(left.id))).toBe(false);
  });
});
