/**
 * "Probably the same customer" in Chromium: two complaints with one email open two cases; the
 * case page shows the other one with its reason, staff merge it (in English) and split it again
 * (in Persian), and each customer's tracking page still shows only their own case. Staff make a
 * new tracking link: the old one stops working, the new one opens the case.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, logIn, marker, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');

const browser = useBrowser();

/** The case id behind a ref, through the staff API with the page's session (the queue consumer may lag). */
async function caseIdOf(page: Page, ref: string): Promise<string> {
  let id = '';
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${baseUrl}/v1/admin/cases?q=${encodeURIComponent(ref)}`, { headers: { origin: baseUrl } });
        const body = (await res.json()) as { items?: { id: string; ref: string }[] };
        id = body.items?.find((c) => c.ref === ref)?.id ?? '';
        return id;
      },
      { timeout: 30_000, interval: 500 },
    )
    .not.toBe('');
  return id;
}

describe('probably the same customer', () => {
  it('is shown on the case page, merged and split by staff, and never opens one customer’s case to the other', async () => {
    const tag = marker('links');
    const email = `${tag}@example.com`;
    const complaint = (body: string) => ({ kind: 'complaint' as const, category: 'delivery', body, author: { name: 'Sam', email } });
    const first = await submit(baseUrl, siteId, complaint(`The kettle never arrived ${tag}`));
    const second = await submit(baseUrl, siteId, complaint(`Someone else typed this email ${tag}`));
    const [firstRef, secondRef] = [first.case?.ref ?? '', second.case?.ref ?? ''];
    expect(firstRef).not.toBe(secondRef);

    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    const firstId = await caseIdOf(page, firstRef);
    const secondId = await caseIdOf(page, secondRef);

    await page.goto(`${baseUrl}/admin/?lang=en#/cases/${secondId}`);
    const links = page.locator('rb-admin-case rb-case-links');
    await links.locator('h2', { hasText: 'Probably the same customer' }).waitFor();
    await expect.poll(() => deepText(links), { timeout: 30_000 }).toContain(firstRef);
    expect(await deepText(links)).toContain('same email');

    // Merge the first case into the one on screen.
    await links.getByRole('button', { name: 'Merge into this case' }).click();
    await expect.poll(() => deepText(links)).toContain('Merged into this case');
    const view = page.locator('rb-admin-case');
    await view.locator('textarea#publicMessage').fill(`Only for the second submitter ${tag}`);
    await view.getByRole('button', { name: 'Save case' }).click();
    await expect.poll(() => deepText(view.locator('ol.timeline'))).toContain('Only for the second submitter');

    // The first customer's page shows their own case, never the message addressed to the second.
    const customer = await context.newPage();
    await customer.goto(first.case?.trackUrl ?? '');
    const track = customer.locator('rb-track');
    await track.locator('.status').waitFor();
    const seen = await deepText(track);
    expect(seen).toContain(firstRef);
    expect(seen).not.toContain('Only for the second submitter');
    expect(seen).not.toContain(secondRef);

    // Split it off again, in Persian.
    await page.goto(`${baseUrl}/admin/?lang=fa#/cases/${firstId}`);
    await links.locator('h2', { hasText: 'احتمالاً همان مشتری' }).waitFor();
    await links.getByRole('button', { name: 'جدا کردن' }).click();
    await expect.poll(() => deepText(links)).not.toContain('ادغام‌شده در');

    // A new tracking link for the second customer: the old one stops working.
    // Only a hash is stored, so staff make a new link (copied for them) rather than read the old one.
    await links.getByRole('button', { name: 'ساختن و رونوشت پیوند پیگیری تازه' }).click();
    await links.locator('.link').waitFor();
    await page.goto(`${baseUrl}/admin/?lang=en#/cases/${secondId}`);
    await links.getByRole('button', { name: 'Create and copy a new tracking link' }).click();
    await links.locator('.link').waitFor();
    const fresh = (await deepText(links.locator('.link'))).trim();
    expect(fresh).toContain(`ref=${secondRef}`);
    await customer.goto(second.case?.trackUrl ?? '');
    await expect.poll(() => customer.locator('rb-track [role="alert"]').textContent()).toContain('not valid');
    await customer.goto(fresh);
    await customer.locator('rb-track .status').waitFor();
    expect(await deepText(customer.locator('rb-track'))).toContain('Only for the second submitter');
    expect(errors).toEqual([]);
    await context.close();
  });
});
