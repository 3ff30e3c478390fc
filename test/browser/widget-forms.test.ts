/**
 * The three forms on a merchant page that is not the demo (cross-origin, through CORS): each
 * submits and lands, errors show beside their fields, the keyboard alone is enough, and no
 * personal data stays in the page's storage once delivered.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();

async function open(path: string, attrs: Record<string, string> = {}, lang: 'en' | 'fa' = 'en') {
  const { context, page, errors } = await openPage(browser());
  const url = await serveMerchant(context, merchantOrigin, path, merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-forms', ...attrs }, lang }));
  const answers: { status: number; body: unknown }[] = [];
  page.on('response', async (res) => {
    if (res.request().method() === 'POST' && res.url().endsWith('/submissions')) answers.push({ status: res.status(), body: await res.json().catch(() => null) });
  });
  await page.goto(url);
  await widgetReady(page);
  return { context, page, errors, answers, widget: page.locator('rb-feedback') };
}

async function storage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

async function confirmation(widget: Locator): Promise<string> {
  const done = widget.locator('[part="confirmation"]');
  await done.waitFor({ timeout: 15_000 });
  return done.innerText();
}

describe('widget forms', () => {
  it('submits a review that lands pending, says the shop checks it before it appears, and leaves no personal data behind', async () => {
    const { context, page, errors, answers, widget } = await open('/forms-review');
    const text = marker('review ');
    await widget.getByRole('tab', { name: 'Write a review' }).click();
    await widget.locator('label[for="r-4"]').click();
    await widget.getByLabel('Title').fill('Solid kettle');
    await widget.getByLabel('Your review').fill(`${text} boils fast`);
    await widget.getByLabel('Your name').fill('Sara');
    await widget.getByLabel('Email').fill('sara.forms@example.com');
    await widget.getByRole('button', { name: 'Send' }).click();

    expect(await confirmation(widget)).toContain('The shop checks reviews before they appear here.');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ status: 201, body: { kind: 'review', status: 'pending' } });
    const staff = await staffApi(baseUrl, staffToken);
    const queue = await staff.submissions(`q=${encodeURIComponent(text)}`);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ kind: 'review', rating: 4, status: 'pending' });

    const stored = await storage(page);
    expect(stored).not.toContain('sara.forms@example.com');
    expect(stored).not.toContain(text);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('files a complaint and shows the case reference and tracking link, with no response time the merchant never promised', async () => {
    const { context, errors, answers, widget } = await open('/forms-complaint');
    await widget.getByRole('tab', { name: 'Report a problem' }).click();
    await widget.getByLabel('What is it about?').selectOption('delivery');
    await widget.getByLabel('What happened?').fill(`${marker('complaint ')} arrived two weeks late and dented`);
    await widget.getByLabel('What did you expect?').fill('Delivery within three days');
    await widget.getByLabel('What would make it right?').fill('A replacement');
    await widget.getByLabel('Your name').fill('Reza');
    await widget.locator('#f-author-phone').fill('+98 912 345 6789');
    await widget.getByLabel('Order reference').fill('ORD-1001');
    await widget.getByRole('button', { name: 'Send' }).click();

    const text = await confirmation(widget);
    expect(answers[0]?.status).toBe(201);
    const created = answers[0]?.body as { case?: { ref: string; trackUrl: string; firstResponseDue?: string } };
    expect(created.case?.ref).toBeTruthy();
    expect(text).toContain(created.case?.ref ?? '???');
    expect(await widget.getByRole('link', { name: 'Track your case' }).getAttribute('href')).toBe(created.case?.trackUrl);
    // The demo site sets no response time: nothing may be promised.
    expect(created.case?.firstResponseDue).toBeUndefined();
    expect(text).not.toMatch(/respond by/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a story that lands pending', async () => {
    const { context, errors, answers, widget } = await open('/forms-story');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await widget.getByLabel('Title').fill('Tea ritual');
    await widget.getByLabel('Your story').fill(`${marker('story ')} every morning starts with this kettle`);
    await widget.getByLabel('Your name').fill('Mina');
    await widget.getByRole('button', { name: 'Send' }).click();
    expect(await confirmation(widget)).toContain('Your story has reached the shop, who reads every one. Stories are not shown with the reviews.');
    expect(answers[0]).toMatchObject({ status: 201, body: { kind: 'story' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows client-side errors beside their fields without sending anything', async () => {
    const { context, answers, widget } = await open('/forms-errors');
    await widget.getByRole('tab', { name: 'Report a problem' }).click();
    await widget.locator('#f-author-email').fill('not-an-email');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    expect(await widget.locator('#f-category-error').innerText()).toBe('Choose what it is about.');
    expect(await widget.locator('#f-body-error').innerText()).toBe('This field is required.');
    expect(await widget.locator('#f-author-email-error').innerText()).toBe('Enter an email address like name@example.com.');
    expect(await widget.locator('#f-author-email').getAttribute('aria-describedby')).toContain('f-author-email-error');
    expect(answers).toEqual([]);
    await context.close();
  });

  it('localises errors and the confirmation in Persian', async () => {
    const { context, widget } = await open('/forms-fa', {}, 'fa');
    await widget.getByRole('tab', { name: 'نوشتن نظر' }).click();
    await widget.getByRole('button', { name: 'ارسال' }).click();
    await expect.poll(() => widget.locator('#e-rating').count()).toBe(1);
    expect(await widget.locator('#e-rating').innerText()).toBe('لطفاً امتیاز دهید.');
    await context.close();
  });

  it('can be used with the keyboard alone: tabs by arrow keys, stars by arrow keys, send with Enter', async () => {
    const { context, page, answers, widget } = await open('/forms-keyboard');
    const text = marker('keyboard ');
    await widget.getByRole('tab', { name: 'Write a review' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => widget.getByRole('tab', { name: 'Report a problem' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => widget.getByRole('tab', { name: 'Write a review' }).getAttribute('aria-selected')).toBe('true');
    await widget.getByRole('radio').first().waitFor();
    // Into the form: the first stop is the star group.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await widget.getByRole('radio', { name: /5 – Excellent/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard only');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`${text} works without a mouse`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kia');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const said = await confirmation(widget);
    expect(answers[0]).toMatchObject({ status: 201, body: { kind: 'review' } });
    const status = (answers[0]?.body as { status?: string } | null)?.status;
    expect(said).toContain(status === 'published' ? 'Your review is now published.' : 'The shop checks reviews before they appear here.');
    await context.close();
  });
});
