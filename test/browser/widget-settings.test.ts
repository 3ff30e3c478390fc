/**
 * What the merchant sets reaches the shopper: a promised response time is shown after a
 * complaint (and only then; see widget-forms for the site without one), overridden strings
 * replace the widget's own, the brand colour becomes the accent, and the `kinds` attribute
 * narrows the tabs. The demo site's settings are restored afterwards.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
let browser: Browser;
let staff: Awaited<ReturnType<typeof staffApi>>;
let original: Awaited<ReturnType<Awaited<ReturnType<typeof staffApi>>['settings']>>;

beforeAll(async () => {
  browser = await launch();
  staff = await staffApi(baseUrl, staffToken);
  original = await staff.settings();
  await staff.putSettings({
    origins: original.origins,
    settings: {
      ...original.settings,
      responseTimeHours: 48,
      brandColor: '#0f766e',
      strings: { en: { tab_story: 'Share an idea', heading: 'What buyers say' } },
    },
  });
});
afterAll(async () => {
  await staff?.putSettings(original);
  await browser?.close();
});

describe('widget with merchant settings', () => {
  it('shows the promised response time after a complaint, the overridden strings and the brand colour', async () => {
    const { context, page, errors } = await openPage(browser);
    const url = await serveMerchant(context, merchantOrigin, '/settings', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-settings' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    expect(await widget.locator('[part="base"]').getAttribute('aria-label')).toBe('What buyers say');
    expect(await widget.getByRole('tab', { name: 'Share an idea' }).count()).toBe(1);

    await widget.getByRole('tab', { name: 'Report a problem' }).click();
    expect(await widget.locator('[part="send"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)');
    await widget.getByLabel('What is it about?').selectOption('product');
    await widget.getByLabel('What happened?').fill(`${marker('promise ')} the kettle leaks`);
    await widget.getByLabel('Your name').fill('Nima');
    await widget.locator('#f-author-email').fill('nima.settings@example.com');
    await widget.getByRole('button', { name: 'Send' }).click();
    const done = widget.locator('[part="confirmation"]');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/We will respond by .*20\d\d/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers only the tabs named in the kinds attribute', async () => {
    const { context, page } = await openPage(browser);
    const url = await serveMerchant(context, merchantOrigin, '/kinds', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-settings', kinds: 'complaint' } }));
    await page.goto(url);
    await widgetReady(page);
    expect(await page.locator('rb-feedback [role="tab"]').allInnerTexts()).toEqual(['Report a problem']);
    await context.close();
  });
});
