/**
 * Hostile submissions stay inert text on the moderation page: in the queue, in the detail view
 * and in the reply preview. A canary (`window.__pwned`) and a dialog listener prove that no
 * handler ran, and the strict CSP of /admin/ produces no console errors.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, expectQueueLength, logIn, marker, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');

const IMG = `<img src=x onerror="window.__pwned='img';alert(1)">`;
const SVG = `"><svg onload="window.__pwned='svg';alert(2)">`;
const JS_URL = `javascript:window.__pwned='url';alert(3)`;
const SCRIPT = `</bdi><script>window.__pwned='script'</script>`;

const browser = useBrowser();

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => Reflect.get(window, '__pwned'));
}

/** No element that could run script or load anything came from shopper text. */
async function activeElements(page: Page, scope: string): Promise<number> {
  return page.locator(`${scope} img, ${scope} svg:not([role]), ${scope} script, ${scope} a[href^="javascript"], ${scope} iframe`).count();
}

describe('hostile submissions', () => {
  it('render as inert text in the list, the detail view and the reply preview', async () => {
    const tag = marker('hostile');
    await submit(baseUrl, siteId, {
      kind: 'review',
      rating: 1,
      title: `${SVG} ${tag}`,
      body: `${IMG} ${JS_URL} ${SCRIPT} ${tag}`,
      author: { name: `${SVG}` },
      subject: 'sku-kettle-01',
    });
    await submit(baseUrl, siteId, {
      kind: 'complaint',
      category: 'other',
      body: `${tag} <a href="${JS_URL}">click</a> ${IMG}`,
      expected: SVG,
      author: { name: IMG, email: 'x@example.com' },
    });

    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await logIn(page, baseUrl, staffToken);
    await page.locator('rb-admin-queue input[name="q"]').fill(tag);
    await page.keyboard.press('Enter');
    await expectQueueLength(page, 2);

    // The list shows the markup as the characters the shopper typed.
    const listText = await deepText(page.locator('rb-admin-queue ol.list'));
    expect(listText).toContain(IMG);
    expect(listText).toContain(SVG);
    expect(listText).toContain(JS_URL);
    expect(await activeElements(page, 'rb-admin-queue ol.list')).toBe(0);

    // The detail view of each.
    await page.locator('rb-admin-queue li[data-id]').first().focus();
    await page.keyboard.press('o');
    const detail = page.locator('rb-admin-detail');
    await detail.locator('rb-admin-item .body').waitFor();
    const detailText = await deepText(detail.locator('rb-admin-item'));
    expect(detailText).toMatch(/<img src=x onerror|"><svg onload/);
    expect(await activeElements(page, 'rb-admin-detail')).toBe(0);

    // The reply preview: staff paste hostile text, it previews and saves as text.
    const reply = detail.locator('textarea#reply');
    await reply.fill(`${IMG} ${SVG} ${JS_URL}`);
    const preview = detail.locator('[data-testid="reply-preview"]');
    await expect.poll(() => preview.textContent()).toContain(IMG);
    expect(await activeElements(page, 'rb-admin-detail [data-testid="reply-preview"]')).toBe(0);
    await detail.locator('button[type="submit"]').click();
    await expect.poll(() => detail.locator('[data-notice="reply"]').textContent()).toContain('Reply saved');
    expect(await preview.textContent()).toContain(SVG);

    // Back in the queue, the search is still applied: only this test's two items are listed.
    await page.goBack();
    await expectQueueLength(page, 2);
    expect(await page.locator('rb-admin-queue input[name="q"]').inputValue()).toBe(tag);
    await page.locator('rb-admin-queue li[data-id]').nth(1).focus();
    await page.keyboard.press('o');
    await detail.locator('rb-admin-item .body').waitFor();
    expect(await activeElements(page, 'rb-admin-detail')).toBe(0);

    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
