/**
 * The acceptance path of issue 17 for one platform, through the real console and widget: a
 * merchant previews a Yotpo export (nothing saved), imports it with progress, sees the reviews
 * in the widget with their original dates and replies, and importing again adds nothing.
 * (Every platform's fixture is imported in test/worker/catalog-imports.test.ts.)
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, logIn } from './admin-fixtures.ts';
import { merchantHtml, openPage, serveMerchant, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const merchantOrigin = inject('merchantOrigin');

const browser = useBrowser();

describe('importing reviews from the console', () => {
  it('previews, imports with progress, shows them in the widget with dates and replies, and adds nothing the second time', async () => {
    const file = await readFile(new URL('../fixtures/imports/yotpo.csv', import.meta.url));
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    await page.goto(`${baseUrl}/admin/#/imports`);
    const view = page.locator('rb-admin-imports');
    await view.locator('form').waitFor();

    const choose = async () => {
      await view.locator('select[name="source"]').selectOption('yotpo');
      await view.locator('input[type="file"]').setInputFiles({ name: 'yotpo.csv', mimeType: 'text/csv', buffer: file });
      await view.getByRole('button', { name: 'Preview' }).click();
      await view.locator('[data-count="rows"]').waitFor();
    };
    await choose();
    expect(await view.locator('[data-count="rows"]').textContent()).toBe('3');
    expect(await view.locator('[data-count="valid"]').textContent()).toBe('3');
    expect(await view.locator('[data-count="duplicates"]').textContent()).toBe('0');

    await view.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => view.locator('[data-progress]').textContent(), { timeout: 20_000 }).toBe('3 of 3 rows');
    expect(await deepText(view)).toContain('3 reviews added');

    // The same file again: every row is already there, and the import button stays off.
    await page.reload();
    await view.locator('form').waitFor();
    await choose();
    expect(await view.locator('[data-count="duplicates"]').textContent()).toBe('3');
    expect(await view.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    // The shopper's side: the published ones, with their original dates and the store's reply.
    const shop = await openPage(browser());
    const url = await serveMerchant(shop.context, merchantOrigin, '/imported', merchantHtml(baseUrl, siteId, { attrs: { subject: 'hp-200' } }));
    await shop.page.goto(url);
    await widgetReady(shop.page);
    const widget = shop.page.locator('rb-feedback');
    await expect.poll(() => deepText(widget)).toContain('Marcus Lee');
    const text = await deepText(widget);
    expect(text).toContain('سارا محمدی');
    expect(text).toContain('We will pass the note about the case on.');
    expect(text).not.toContain('Kim Tran'); // unpublished in Yotpo, hidden here
    const dates = await widget.evaluate((el) => Array.from(el.shadowRoot?.querySelectorAll('time[datetime]') ?? [], (t) => t.getAttribute('datetime')));
    expect(dates).toEqual(expect.arrayContaining(['2020-02-14T20:00:00.000Z', '2020-03-01T11:11:11.000Z']));
    expect(shop.errors).toEqual([]);
    await shop.context.close();
  });

  it('adds and edits a product in the catalogue page, and its feed address serves it', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    await page.goto(`${baseUrl}/admin/#/products`);
    const view = page.locator('rb-admin-products');
    const form = view.locator('form.edit');
    await form.waitFor();
    await form.locator('input[name="subject"]').fill('hp-200');
    await form.locator('input[name="name"]').fill('هدفون HP-200');
    await form.locator('input[name="url"]').fill('https://shop.example/hp-200');
    await form.locator('input[name="gtin"]').fill('4006381333932');
    await form.getByRole('button', { name: 'Save' }).click();
    // A wrong check digit is refused, next to its field, and nothing is saved.
    await expect.poll(() => deepText(form)).toContain('check digit');
    await form.locator('input[name="gtin"]').fill('4006381333931');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => view.locator('[data-notice="save"]').textContent()).toContain('Saved hp-200');
    await expect.poll(() => deepText(view.locator('table'))).toContain('هدفون HP-200');

    const feedUrl = await view.locator('#feed-url').inputValue();
    const xml = await (await fetch(feedUrl)).text();
    expect(xml).toContain('<product_name>هدفون HP-200</product_name>');
    expect(xml).toContain('<gtin>4006381333931</gtin>');
    // The one refused save shows as the browser's own log line for a 422; nothing else went wrong.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  });

  it('writes product JSON-LD from the catalogue for a product subject, and none for the whole site', async () => {
    // hp-200 has imported reviews and, from the test above, a catalogue entry.
    const shop = await openPage(browser());
    const product = await serveMerchant(shop.context, merchantOrigin, '/jsonld-product', merchantHtml(baseUrl, siteId, { attrs: { subject: 'hp-200', seo: '' } }));
    await shop.page.goto(product);
    const ld = shop.page.locator('rb-feedback > script[type="application/ld+json"]');
    await ld.waitFor({ state: 'attached', timeout: 20_000 });
    const data = JSON.parse((await ld.textContent()) ?? '{}');
    expect(data).toMatchObject({ '@type': 'Product', name: 'هدفون HP-200', gtin: '4006381333931', url: 'https://shop.example/hp-200', aggregateRating: { reviewCount: 2 } });

    const site = await serveMerchant(shop.context, merchantOrigin, '/jsonld-site', merchantHtml(baseUrl, siteId, { attrs: { seo: 'Demo Shop' } }));
    await shop.page.goto(site);
    await widgetReady(shop.page);
    await shop.page.locator('rb-feedback [role="tab"]').first().waitFor();
    expect(await shop.page.locator('script[type="application/ld+json"]').count()).toBe(0);
    expect(shop.errors).toEqual([]);
    await shop.context.close();
  });
});
