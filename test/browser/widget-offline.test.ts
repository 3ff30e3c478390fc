/**
 * Nothing lost, nothing twice: a review sent while offline is kept in the outbox with its
 * Idempotency-Key, survives a reload, is delivered once the shopper is back online, and leaves
 * no personal data in the page's storage afterwards.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();

describe('widget offline', () => {
  it('keeps a review sent offline, delivers it exactly once after going online and reloading, then forgets it', async () => {
    const { context, page, errors } = await openPage(browser());
    const url = await serveMerchant(context, merchantOrigin, '/offline', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-offline' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    const text = marker('offline ');
    await widget.getByRole('tab', { name: 'Write a review' }).click();
    await widget.locator('label[for="r-2"]').click();
    await widget.getByLabel('Your review').fill(`${text} the lid does not close`);
    await widget.getByLabel('Your name').fill('Offline Olga');
    await widget.getByLabel('Email').fill('olga.offline@example.com');

    await context.setOffline(true);
    await widget.getByRole('button', { name: 'Send' }).click();
    const done = widget.locator('[part="confirmation"]');
    await done.waitFor();
    expect(await done.innerText()).toContain('will be sent when you are back online');
    const kept = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('rb-outbox:')));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.[1]).toContain(text);

    // Back online, and the shopper reloads at once: the old page's retry and the new page's
    // may both go out; the shared Idempotency-Key makes them one submission.
    await context.setOffline(false);
    await page.reload();
    await widgetReady(page);
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rb-outbox:')).length), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => widget.locator('.status').innerText(), { timeout: 10_000 }).toContain('has been sent');

    const staff = await staffApi(baseUrl, staffToken);
    const queue = await staff.submissions(`q=${encodeURIComponent(text)}`);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ kind: 'review', rating: 2 });

    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).not.toContain('olga.offline@example.com');
    expect(storage).not.toContain(text);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('loads the reviews by itself once the browser is back online, after they could not load', async () => {
    const { context, page, errors } = await openPage(browser());
    let refused = 0;
    // The page came from the shopper's cache; the reviews need the network, which is gone.
    await context.route(
      (u) => u.pathname.endsWith('/widget') && u.searchParams.get('subject') === 'sku-offline-boot',
      (route) => (refused++ === 0 ? route.abort('internetdisconnected') : route.fallback()),
    );
    const url = await serveMerchant(context, merchantOrigin, '/offline-boot', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-offline-boot' } }));
    await page.goto(url);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('alert').filter({ hasText: 'Reviews could not be loaded.' }).waitFor();
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await widgetReady(page);
    expect(refused).toBe(2);
    expect(await widget.getByRole('alert').count()).toBe(0);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
