/**
 * The slice seen from both sides: a shopper's review is approved and answered on the moderation
 * page, and the reply shows under it in the widget on the demo shop.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, expectQueueLength, logIn, marker, staffList, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');

const browser = useBrowser();

describe('public reply', () => {
  it('is written on the moderation page and shown in the widget, and the item can be hidden later', async () => {
    const tag = marker('reply');
    await submit(baseUrl, siteId, {
      kind: 'review',
      rating: 4,
      body: `Boils fast and quietly ${tag}`,
      author: { name: 'Kettle Fan' },
      subject: 'sku-kettle-01',
    });
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    await page.locator('rb-admin-queue input[name="q"]').fill(tag);
    await page.keyboard.press('Enter');
    await expectQueueLength(page, 1);
    await page.locator('rb-admin-queue li[data-id]').first().focus();
    await page.keyboard.press('o');

    const detail = page.locator('rb-admin-detail');
    await detail.locator('rb-admin-item .body').waitFor();
    const replyText = `Thank you for the kind words! ${tag}`;
    await detail.locator('textarea#reply').fill(replyText);
    await detail.locator('button[type="submit"]').click();
    await expect.poll(() => detail.locator('[data-notice="reply"]').textContent()).toContain('Reply saved');
    await detail.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => deepText(detail.locator('rb-admin-item'))).toContain('Published');
    expect(errors).toEqual([]);

    // The demo shop, as any visitor sees it; the widget may serve a cached first page briefly,
    // so the page is reloaded until the reply appears (Playwright's text search enters shadow roots).
    const shopper = await context.newPage();
    await expect
      .poll(
        async () => {
          await shopper.goto(`${baseUrl}/demo/`);
          await shopper.locator('rb-feedback').waitFor();
          await shopper.getByText(replyText).first().waitFor({ timeout: 3_000 }).catch(() => undefined);
          return shopper.getByText(replyText).count();
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBeGreaterThan(0);

    // Later the merchant hides it again from the published list.
    await page.goto(`${baseUrl}/admin/#/queue`);
    await page.locator('rb-admin-queue select[name="status"]').selectOption('published');
    await page.locator('rb-admin-queue input[name="q"]').fill(tag);
    await page.keyboard.press('Enter');
    await expectQueueLength(page, 1);
    await page.locator('rb-admin-queue li[data-id]').getByRole('button', { name: 'Hide' }).click();
    await expectQueueLength(page, 0);
    await expect.poll(async () => (await staffList(page, `status=hidden&q=${tag}`)).items.length).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
