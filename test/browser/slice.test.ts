/**
 * The foundation's vertical slice, end to end as a merchant would demo it: a shopper reviews the
 * kettle on the demo shop through the real widget; the review waits for moderation; staff log in
 * to the real moderation page and approve it by keyboard; the shopper's review then shows on the
 * demo page — without the shopper's email.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, expectQueueLength, logIn, marker, staffList } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const staffToken = inject('staffToken');

const browser = useBrowser();

describe('the slice', () => {
  it('publishes a review from the demo shop after staff approve it on the moderation page', async () => {
    const tag = marker('slice');
    const email = `${tag}@example.com`;

    // 1. The shopper reviews on the demo shop.
    const shopper = await browser().newContext();
    const shop = await shopper.newPage();
    const shopErrors = watchErrors(shop);
    await shop.goto(`${baseUrl}/demo/`);
    const widget = shop.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Write a review' }).click();
    await widget.locator('label[for="r-5"]').click();
    await widget.getByLabel('Title').fill('Boils in two minutes');
    await widget.getByLabel('Your review').fill(`${tag} quiet, quick and the dial is exact`);
    await widget.getByLabel('Your name').fill('Parisa');
    await widget.getByLabel('Email').fill(email);
    const answer = shop.waitForResponse((r) => r.url().endsWith('/v1/sites/pk_demo/submissions') && r.request().method() === 'POST');
    await widget.getByRole('button', { name: 'Send' }).click();
    expect((await answer).status()).toBe(201);
    await widget.locator('[part="confirmation"]').waitFor();

    // Until approved it is not public.
    await shop.reload();
    // The demo product may have no published review yet (a fresh server): then the empty state shows.
    await widget.locator('[part="summary"], [part="empty"]').first().waitFor();
    expect(await deepText(widget)).not.toContain(tag);

    // 2. Staff approve it on the moderation page, by keyboard.
    const staff = await browser().newContext();
    const admin = await staff.newPage();
    const adminErrors = watchErrors(admin);
    await logIn(admin, baseUrl, staffToken);
    await admin.locator('rb-admin-queue input[name="q"]').focus();
    await admin.keyboard.type(tag);
    await admin.keyboard.press('Enter');
    await expectQueueLength(admin, 1);
    // Staff see the private contact; the public never will.
    expect(await deepText(admin.locator('rb-admin-queue'))).toContain(email);
    await admin.locator('rb-admin-queue li[data-id]').first().focus();
    await admin.keyboard.press('a');
    await expectQueueLength(admin, 0);
    // The queue drops the item at once and sends the decision after it: wait for it to land.
    await expect.poll(async () => (await staffList(admin, `status=published&q=${tag}`)).items.length, { timeout: 15_000 }).toBe(1);

    // 3. The review is now on the demo page, and the email is not.
    await shop.reload();
    await expect.poll(async () => deepText(widget), { timeout: 15_000 }).toContain(tag);
    const shown = await deepText(widget);
    expect(shown).toContain('Parisa');
    expect(shown).not.toContain(email);

    expect(shopErrors, shopErrors.join("\n")).toEqual([]);
    expect(adminErrors).toEqual([]);
    await shopper.close();
    await staff.close();
  });
});
