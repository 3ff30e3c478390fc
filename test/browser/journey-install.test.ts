/**
 * Issue 14, the merchant's install journey, at 1280 and 360 px in English and Persian: open
 * Install in the console, copy the snippet (right host, right site key), paste it into a page
 * on an origin the site does not allow and see the widget refused, find that origin in the
 * console as refused, press Allow, and see the same page load its reviews.
 *
 * The suite shares one `wrangler dev` and the demo site `pk_demo` with every browser suite, so
 * each run uses a made-up origin of its own and removes it again at the end; nothing else of
 * the site is changed. axe runs on the Install page with the page's CSP lifted (as in
 * admin-a11y.test.ts); a separate run keeps the CSP and expects no console error.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, watchErrors } from './browser.ts';
import { logIn, marker } from './admin-fixtures.ts';
import { serveMerchant, shopperIp, widgetReady } from './widget-fixtures.ts';
import { axe, withoutCsp } from './axe.ts';


const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const browser = useBrowser();

/** Every origin a run allowed, removed again after the suite even if a run failed midway. */
const added = new Set<string>();

afterAll(async () => {
  if (added.size === 0) return;
  const res = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  for (const origin of added) {
    const gone = await fetch(`${baseUrl}/v1/admin/origins?origin=${encodeURIComponent(origin)}`, {
      method: 'DELETE',
      headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    });
    expect(gone.status).toBe(200);
  }
});

const TEXT = {
  en: { nav: 'Install', copy: 'Copy snippet', copied: 'Copied.', tried: 'tried to load the widget. Allow it?', allow: (o: string) => `Allow ${o}`, allowedNow: 'is allowed now.', failed: 'Reviews could not be loaded.' },
  fa: { nav: 'نصب', copy: 'کپی قطعه‌کد', copied: 'کپی شد.', tried: 'خواست ابزارک را بارگذاری کند. اجازه می‌دهید؟', allow: (o: string) => `اجازه به ${o}`, allowedNow: 'اکنون مجاز است.', failed: 'نظرها بارگذاری نشد.' },
} as const;

/** The merchant's page: exactly the copied snippet, in the page's language. */
function pageWith(snippet: string, lang: 'en' | 'fa'): string {
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'fa' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>A new shop</title></head>
<body><main><h1>Teapot</h1>
${snippet}
</main></body></html>`;
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('install journey', () => {
  for (const width of [1280, 360] as const) {
    for (const lang of ['en', 'fa'] as const) {
      it(`copies the snippet, sees a page refused, allows it and sees it load, at ${width} px in ${lang}`, async () => {
        const t = TEXT[lang];
        const origin = `https://${marker('install-')}.example`;
        const context = await browser().newContext({
          viewport: { width, height: 900 },
          extraHTTPHeaders: { 'cf-connecting-ip': shopperIp() },
        });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
        await withoutCsp(context, baseUrl);
        const page = await context.newPage();

        // 1. Install, from the console's navigation.
        await logIn(page, baseUrl, staffToken, lang);
        await page.getByRole('link', { name: t.nav, exact: true }).click();
        const install = page.locator('rb-admin-install');
        await install.locator('#snippet').waitFor();
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'fa' ? 'rtl' : 'ltr');

        // 2. Copy: the notice shows beside the button, and the clipboard holds this host and key.
        await install.getByRole('button', { name: t.copy }).click();
        await expect.poll(() => install.locator('[data-said="snippet"]').textContent().then((s) => s?.trim())).toBe(t.copied);
        const snippet = await page.evaluate(() => navigator.clipboard.readText());
        expect(snippet).toContain(`<script type="module" src="${baseUrl}/widget.js" data-site="${siteId}" async></script>`);
        expect(snippet).toContain('<rb-feedback subject="sku-123"></rb-feedback>');
        expect(snippet).not.toContain(origin);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await axe(page), 'Install page').toEqual([]);

        // 3. The merchant pastes it into a page on an origin the site does not allow yet.
        const shop = await context.newPage();
        const shopErrors = watchErrors(shop);
        const url = await serveMerchant(context, origin, '/teapot', pageWith(snippet, lang));
        await shop.goto(url);
        await expect
          .poll(() => shop.evaluate(() => document.querySelector('rb-feedback')?.shadowRoot?.textContent ?? ''), { timeout: 20_000 })
          .toContain(t.failed);
        await expect.poll(() => shopErrors.join('\n')).toContain(`this page's origin ${origin} is not allowed for site ${siteId}`);

        // 4. The console lists it as refused, with an Allow button.
        const row = install.locator(`section[aria-labelledby="refused-title"] li[data-origin="${origin}"]`);
        await expect
          .poll(
            async () => {
              await page.reload();
              await install.locator('#snippet').waitFor();
              return row.count();
            },
            { timeout: 20_000 },
          )
          .toBe(1);
        expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain(`${origin} ${t.tried}`);
        if (lang === 'fa') expect(await row.locator('.when').textContent()).toMatch(/[۰-۹]/);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await axe(page), 'Install page with a refused origin').toEqual([]);

        // 5. Allow: the row leaves the refused list, the origin joins the allowed ones, a notice says so.
        added.add(origin);
        await install.getByRole('button', { name: t.allow(origin), exact: true }).click();
        await install.locator(`section[aria-labelledby="allowed-title"] li[data-origin="${origin}"]`).waitFor();
        expect(await row.count()).toBe(0);
        expect(await install.locator('[data-said="refused"]').textContent()).toContain(t.allowedNow);

        // 6. The same page now loads its reviews.
        await expect
          .poll(
            async () => {
              await shop.reload();
              try {
                await widgetReady(shop);
                return true;
              } catch {
                return false;
              }
            },
            { timeout: 30_000, intervals: [500] },
          )
          .toBe(true);
        await context.close();
      });
    }
  }

  it('runs the Install page under the strict CSP without a console error', async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken, 'fa');
    await page.evaluate(() => (location.hash = '#/install'));
    await page.locator('rb-admin-install #snippet').waitFor();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await context.close();
  });
});
