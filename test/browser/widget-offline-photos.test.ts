/**
 * Issue 16's "offline-safe like the rest", in Chromium, English and Persian: a photo attached
 * while offline is kept (downsized bytes in IndexedDB, the review in the outbox); the page is
 * reloaded while still offline; back online, the photo is uploaded once, the review arrives
 * carrying it, and the browser keeps neither the review nor the photo's bytes.
 */
import { describe, expect, inject, it } from 'vitest';
import { cameraJpeg } from '../../worker/src/lib/image/fixtures.ts';
import { fill, formatNumber } from '../../shared/format.ts';
import { photosEn } from '../../widget/src/i18n/photos-en.ts';
import { photosFa } from '../../widget/src/i18n/photos-fa.ts';
import { useBrowser } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();

/** The staff API's photos of one submission (pending ones included). */
async function staffPhotos(submissionId: string): Promise<{ id: string }[]> {
  const login = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${baseUrl}/v1/admin/photos?submission=${submissionId}`, { headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items;
}

describe('photos attached offline', () => {
  for (const lang of ['en', 'fa'] as const) {
    it(`keeps the photo in IndexedDB through an offline reload, uploads it once back online, then empties the storage (${lang})`, async () => {
      const subject = marker('sku-offline-photo-');
      const { context, page, errors } = await openPage(browser());
      const url = await serveMerchant(context, merchantOrigin, `/offline-photo-${lang}`, merchantHtml(baseUrl, siteId, { attrs: { subject }, lang }));
      // Every full-size upload attempt's Idempotency-Key (thumbnails carry ?thumbOf=).
      const uploadKeys: string[] = [];
      context.on('request', (r) => {
        if (r.method() === 'POST' && /\/uploads$/.test(new URL(r.url()).pathname) && !r.url().includes('thumbOf')) uploadKeys.push(r.headers()['idempotency-key'] ?? '');
      });
      await page.goto(url);
      await widgetReady(page);
      const widget = page.locator('rb-feedback');
      const text = `${subject} kettle with a dent, see photo`;
      await widget.locator('#tab-review').click();
      await widget.locator('label[for="r-3"]').click();
      await widget.locator('textarea[name="body"]').fill(text);
      await widget.locator('input[name="author.name"]').fill(lang === 'fa' ? 'نگار' : 'Negar');

      await context.setOffline(true);
      const picker = widget.locator('rb-photo-picker');
      await picker.locator('input[type="file"]').setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(cameraJpeg()) });
      const s = lang === 'fa' ? photosFa : photosEn;
      await picker.getByText(fill(s.photoKept, { n: formatNumber(1, lang) })).waitFor({ timeout: 15_000 });
      const send = widget.locator('[part="send"]');
      await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
      await send.click();
      await widget.locator('[part="confirmation"]').waitFor();

      const kept = () =>
        page.evaluate(async () => {
          if (!(await indexedDB.databases()).some((d) => d.name === 'rebound-photos')) return -1;
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open('rebound-photos');
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          try {
            if (!db.objectStoreNames.contains('photos')) return 0;
            return await new Promise<number>((resolve, reject) => {
              const req = db.transaction('photos').objectStore('photos').count();
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            });
          } finally {
            db.close();
          }
        });
      expect(await kept()).toBe(1);
      const outbox = () => page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('rb-outbox:')));
      expect((await outbox())[0]?.[1]).toContain(subject);

      // Reloaded while still offline: the shop's page itself cannot load, and nothing is lost.
      await page.reload().catch(() => undefined);
      await context.setOffline(false);
      await page.goto(url);
      await widgetReady(page);
      await expect.poll(async () => (await outbox()).length, { timeout: 20_000 }).toBe(0);
      // The emptied database is deleted as a whole: no photo bytes stay in the shopper's browser.
      await expect.poll(kept, { timeout: 10_000 }).toBe(-1);

      const staff = await staffApi(baseUrl, staffToken);
      const queue = await staff.submissions(`q=${encodeURIComponent(subject)}`);
      expect(queue.items).toHaveLength(1);
      const photos = await staffPhotos(queue.items[0]?.id ?? '');
      expect(photos).toHaveLength(1);
      // Tried offline at pick time and again on delivery: one photo, one key, stored once.
      expect(new Set(uploadKeys).size).toBe(1);
      expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e))).toEqual([]);
      await context.close();
    });
  }
});
