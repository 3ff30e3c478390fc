/**
 * The connection drops mid-submit: the request reaches the Worker and is stored, but the answer
 * never reaches the shopper. The widget keeps the submission in its outbox and sends it again
 * with the same Idempotency-Key when back online: one submission, one case, nothing lost.
 */
import type { Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../../browser/browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from '../../browser/widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();

describe('the browser going offline mid-submit', () => {
  for (const when of ['after the Worker stored it', 'before it left the browser'] as const) {
    it(`loses nothing and stores one complaint when the answer is lost ${when}`, { timeout: 120_000 }, async () => {
      const { context, page } = await openPage(browser());
      const url = await serveMerchant(context, merchantOrigin, `/offline-mid-${when.length}`, merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-offline-mid' } }));
      const keys: string[] = [];
      let dropped = false;
      await context.route(`${baseUrl}/v1/sites/*/submissions`, async (route: Route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.continue();
        keys.push((await request.headerValue('idempotency-key')) ?? '');
        if (dropped) return route.continue();
        dropped = true;
        if (when === 'after the Worker stored it') await route.fetch();
        await context.setOffline(true);
        return route.abort('internetdisconnected');
      });
      await page.goto(url);
      await widgetReady(page);
      const widget = page.locator('rb-feedback');
      const text = marker('midflight ');
      await widget.getByRole('tab', { name: 'Report a problem' }).click();
      await widget.getByLabel('What is it about?').selectOption('delivery');
      await widget.getByLabel('What happened?').fill(`${text} the box was crushed`);
      await widget.getByLabel('Your name').fill('Mid Flight');
      await widget.locator('#f-author-email').fill(`midflight-${Date.now()}@example.com`);
      await widget.getByRole('button', { name: 'Send' }).click();
      await widget.locator('[part="confirmation"]').waitFor({ timeout: 20_000 });

      await context.setOffline(false);
      await page.reload();
      await widgetReady(page);
      await expect
        .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rb-outbox:')).length), { timeout: 30_000 })
        .toBe(0);

      const staff = await staffApi(baseUrl, staffToken);
      await expect.poll(async () => (await staff.submissions(`status=pending&q=${encodeURIComponent(text.trim())}`)).items.length, { timeout: 15_000 }).toBe(1);
      const [item] = (await staff.submissions(`status=pending&q=${encodeURIComponent(text.trim())}`)).items;
      expect(item).toMatchObject({ kind: 'complaint' });
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(new Set(keys).size).toBe(1);
      await context.close();
    });
  }
});
