/**
 * A complaint followed from both sides: staff find the case in the recovery queue by typing the
 * ref the customer reads out (behind forty other open cases, so not on the first page), assign it,
 * mark the customer contacted, note privately, message the customer and resolve it; the
 * customer's tracking page (in Persian) shows the status and the message but never the note.
 * The re-rating link reaches the merchant's own endpoint in the case.resolved webhook (a real
 * receiver on this machine here); only that link, not the tracking link, takes the one re-rating.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, logIn, marker, rerateReceiver, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');

const browser = useBrowser();

describe('recovery case', () => {
  it('is worked on the moderation page and followed by the customer on the tracking page', async () => {
    const tag = marker('case');
    // Forty earlier complaints alike (so due sooner) from other customers push this one off page 1.
    const fillers = Array.from({ length: 40 }, (_, i) => ({
      kind: 'complaint' as const,
      category: 'delivery',
      body: `The kettle never arrived, I want a refund ${tag}-${i}`,
      author: { name: 'Another Customer', email: `${tag}-${i}@example.com` },
      orderRef: `ORD-${tag}-${i}`,
    }));
    for (let i = 0; i < fillers.length; i += 10) {
      await Promise.all(fillers.slice(i, i + 10).map((body) => submit(baseUrl, siteId, body)));
    }
    const receipt = await submit(baseUrl, siteId, {
      kind: 'complaint',
      category: 'delivery',
      body: `The kettle never arrived, I want a refund ${tag}`,
      author: { name: 'Unhappy Customer', email: `${tag}@example.com` },
      orderRef: `ORD-${tag}`,
      // The tracking page speaks the language the customer wrote in.
      lang: 'fa',
    });
    const ref = receipt.case?.ref;
    const trackUrl = receipt.case?.trackUrl;
    expect(ref).toBeTruthy();
    expect(trackUrl).toBeTruthy();
    if (!ref || !trackUrl) return;

    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);

    const receiver = await rerateReceiver();
    const hookUrl = receiver.url;
    const setHook = await page.request.put(`${baseUrl}/v1/admin/webhooks`, { data: { url: hookUrl, events: ['case.resolved'], enabled: true }, headers: { origin: baseUrl } });
    expect(setHook.status()).toBeLessThan(300);

    // Staff type the ref as heard on the phone; the queue consumer opens the case moments after
    // the submission, so they may have to ask again.
    const list = page.locator('rb-admin-cases');
    const link = list.locator('a', { hasText: ref });
    await page.goto(`${baseUrl}/admin/#/cases`);
    await list.locator('h1').waitFor();
    const search = list.getByRole('searchbox', { name: 'Find a case' });
    await expect
      .poll(
        async () => {
          await search.fill(ref.toLowerCase());
          await search.press('Enter');
          await link.waitFor({ timeout: 1_000 }).catch(() => undefined);
          return link.count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    expect(await list.locator('ol > li').count()).toBe(1);

    // Without the search it is not on the first page: the fillers, due sooner, come first.
    const more = list.getByRole('button', { name: 'Load more' });
    await expect
      .poll(
        async () => {
          await search.fill('');
          await search.press('Enter');
          await more.waitFor({ timeout: 1_000 }).catch(() => undefined);
          return { more: await more.count(), target: await link.count() };
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual({ more: 1, target: 0 });
    await search.fill(ref);
    await search.press('Enter');
    await link.waitFor();
    await link.click();

    const view = page.locator('rb-admin-case');
    await view.locator('h1', { hasText: ref }).waitFor();
    expect(await deepText(view)).toContain(`${tag}@example.com`);
    expect(await deepText(view)).toContain(`ORD-${tag}`);
    expect(await deepText(view)).toContain(`The kettle never arrived`);

    await view.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => view.locator('input[name="assignee"]').inputValue()).not.toBe('');
    await view.getByRole('button', { name: 'Mark contacted' }).click();
    await expect.poll(() => view.locator('select[name="status"]').inputValue()).toBe('acknowledged');

    const note = `private-${tag}`;
    await view.locator('textarea#note').fill(note);
    await view.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => deepText(view.locator('ol.timeline'))).toContain(note);

    await view.locator('select[name="status"]').selectOption('in_progress');
    await view.getByRole('button', { name: 'Save case' }).click();
    await expect.poll(() => view.locator('select[name="status"]').inputValue()).toBe('in_progress');

    const message = `A replacement is on its way ${tag}`;
    await view.locator('select[name="status"]').selectOption('resolved');
    await view.locator('select[name="rootCause"]').selectOption('delivery_delay');
    await view.locator('textarea#publicMessage').fill(message);
    await view.getByRole('button', { name: 'Save case' }).click();
    await expect.poll(() => view.locator('select[name="status"]').inputValue()).toBe('resolved');
    expect(errors).toEqual([]);

    // The customer's side, in Persian, under the same strict CSP as the moderation page (applied
    // here when the worker does not send one for /track/ itself), so Trusted Types hold there too.
    const adminCsp = (await page.request.get(`${baseUrl}/admin/`)).headers()['content-security-policy'];
    expect(adminCsp).toBeTruthy();
    await context.route(
      (url) => url.pathname.startsWith('/track/'),
      async (route) => {
        const response = await route.fetch();
        const headers = response.headers();
        await route.fulfill({ response, headers: { 'content-security-policy': adminCsp ?? '', ...headers } });
      },
    );
    const customer = await context.newPage();
    const customerErrors = watchErrors(customer);
    await customer.goto(trackUrl);
    let track = customer.locator('rb-track');
    await track.locator('.status').waitFor();
    expect(await customer.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await track.locator('.status').textContent()).toContain('حل‌شده');
    const seen = await deepText(track);
    expect(seen).toContain(message);
    expect(seen).not.toContain(note);
    expect(seen).not.toContain(`${tag}@example.com`);
    // The tracking link shows the case but cannot rate it: whoever holds it is not asked.
    expect(await track.locator('form').count()).toBe(0);

    const rerateUrl = await receiver.linkFor(ref);
    await page.request.put(`${baseUrl}/v1/admin/webhooks`, { data: { url: hookUrl, events: ['case.resolved'], enabled: false }, headers: { origin: baseUrl } });
    receiver.close();
    await customer.goto(`${rerateUrl}&lang=fa`);
    track = customer.locator('rb-track');
    await track.locator('.status').waitFor();

    await track.locator('input[name="rating"][value="5"]').check();
    await track.locator('textarea#comment').fill('ممنون، مشکل حل شد');
    await track.locator('button[type="submit"]').click();
    await expect.poll(() => track.locator('[role="status"]').textContent()).toContain('سپاس');
    await expect.poll(() => track.locator('.status').textContent()).toContain('بازیابی‌شده');
    expect(await track.locator('form').count()).toBe(0);
    expect(customerErrors).toEqual([]);
    await context.close();
  });

  it('tells the customer plainly when a tracking link is wrong', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/track/?site=${siteId}&ref=RB-NOPE&t=forged`);
    await expect.poll(() => page.locator('rb-track [role="alert"]').textContent()).toContain('not valid');
    await context.close();
  });
});
