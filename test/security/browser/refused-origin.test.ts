/**
 * A merchant page whose origin the site did not register: the shopper sees the neutral
 * "could not be loaded" message, and the merchant finds in the browser console exactly which
 * origin to add and the command that adds it. A wrong site key says so instead.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../../browser/browser.ts';
import { merchantHtml, openPage, serveMerchant } from '../../browser/widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const browser = useBrowser();
const UNLISTED = 'http://unlisted-shop.test';

async function shownText(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate(() => document.querySelector('rb-feedback')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

describe('a page on an origin the site did not register', () => {
  it('shows the shopper a neutral message and tells the merchant, in the console, the origin and the command', async () => {
    const { context, page, errors } = await openPage(browser());
    const url = await serveMerchant(context, UNLISTED, '/product', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-1' } }));
    await page.goto(url);
    await page.locator('rb-feedback [role="alert"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => errors.find((e) => e.startsWith('Rebound:')) ?? '', { timeout: 10_000 }).toContain('not allowed');
    const shown = await shownText(page);
    expect(shown).toContain('Reviews could not be loaded.');
    // The shopper is not shown the merchant's instructions.
    expect(shown).not.toMatch(/origin|npm|console/i);
    const message = errors.find((e) => e.startsWith('Rebound:')) ?? '';
    expect(message).toContain(`this page's origin ${UNLISTED} is not allowed for site ${siteId}`);
    expect(message).toContain(`npm run site -- origins add --site ${siteId} --origin ${UNLISTED}`);
    expect(message).toContain('Install → Allowed origins');
    // The readable refusal replaced the CORS error: nothing else went to the console.
    expect(errors.filter((e) => !e.startsWith('Rebound:') && !/403|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('says the site key is wrong when it is, and not that the origin is', async () => {
    const { context, page, errors } = await openPage(browser());
    const url = await serveMerchant(context, UNLISTED, '/wrong-key', merchantHtml(baseUrl, 'pk_no_such_site', { attrs: { subject: 'sku-1' } }));
    await page.goto(url);
    await page.locator('rb-feedback [role="alert"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => errors.find((e) => e.startsWith('Rebound:')) ?? '', { timeout: 10_000 }).toContain('no site with the key "pk_no_such_site"');
    expect(await shownText(page)).toContain('Reviews could not be loaded.');
    await context.close();
  });
});
