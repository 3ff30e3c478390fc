/**
 * The case workflow end to end, in English and Persian: a staff message reaches the customer's
 * tracking page once whatever is saved after it; the widget's receipt and the tracking page
 * promise the same time (and nothing when the merchant promised nothing); the tracking page
 * speaks the case's language and names the shop; a re-rating publishes nothing unless the
 * customer chose to update their review, and then shows under the original in the widget.
 * The demo site's settings are changed for this file and restored afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from './browser.ts';
import { deepText, logIn, rerateReceiver } from './admin-fixtures.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const axeSource: string = createRequire(import.meta.url)('axe-core').source;

let browser: Browser;
let staff: Awaited<ReturnType<typeof staffApi>>;
let original: { origins: string[]; settings: Record<string, unknown> };
let cookie = '';

const STRINGS = {
  en: { openCase: 'Open case', handled: 'Mark handled', approve: 'Approve', complaint: 'Report a problem', review: 'Write a review', story: 'Tell a story', save: 'Save case', update: 'Updated after support: 2★ → 4★', shop: 'Your case with' },
  fa: { openCase: 'باز کردن پرونده', handled: 'رسیدگی شد', approve: 'تأیید', complaint: 'گزارش مشکل', review: 'نوشتن نظر', story: 'روایت تجربه', save: 'ذخیرهٔ پرونده', update: 'به‌روزشده پس از پشتیبانی: ۲★ ← ۴★', shop: 'پرونده‌ی شما نزد' },
} as const;

async function settings(extra: Record<string, unknown>) {
  const { responseTimeHours: _promise, ...rest } = original.settings;
  await staff.putSettings({
    origins: original.origins,
    settings: { ...rest, moderation: 'auto', holdFlags: ['links', 'spam', 'abuse', 'blocked_word', 'honeypot'], ...extra },
  });
}

/** The staff API from Node with a real session: what a second staff member's browser would send. */
/** Only the re-rating link opens the re-rating form; the webhook receiver collects them. */
async function rerateLinks(): Promise<{ linkFor: (ref: string) => Promise<string>; close: () => Promise<void> }> {
  const receiver = await rerateReceiver();
  const { url } = receiver;
  await staffCall('PUT', '/v1/admin/webhooks', { url, events: ['case.resolved'], enabled: true });
  return {
    linkFor: receiver.linkFor,
    async close() {
      await staffCall('PUT', '/v1/admin/webhooks', { url, events: ['case.resolved'], enabled: false });
      receiver.close();
    },
  };
}

async function staffCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The case id of a ref, once the queue consumer has opened it. */
async function caseIdOf(ref: string): Promise<string> {
  let id = '';
  await expect
    .poll(
      async () => {
        const page = (await staffCall('GET', `/v1/admin/cases?q=${encodeURIComponent(ref)}`)) as { items: { id: string }[] };
        id = page.items[0]?.id ?? '';
        return id;
      },
      { timeout: 30_000, interval: 300 },
    )
    .not.toBe('');
  return id;
}

beforeAll(async () => {
  browser = await launch();
  staff = await staffApi(baseUrl, staffToken);
  original = await staff.settings();
  const res = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
});
afterAll(async () => {
  await staff?.putSettings(original);
  await browser?.close();
});

/** A merchant page in `lang` with the widget on its own subject; answers the widget locator. */
async function shop(page: Page, context: Parameters<typeof serveMerchant>[0], lang: 'en' | 'fa', subject: string): Promise<Locator> {
  const url = await serveMerchant(context, merchantOrigin, `/wf-${randomUUID()}`, merchantHtml(baseUrl, siteId, { attrs: { subject, lang }, lang }));
  await page.goto(url);
  await widgetReady(page);
  return page.locator('rb-feedback');
}

/** Sends the open form and answers the confirmation: its track link and promised time, if any. */
async function send(widget: Locator): Promise<{ track: string; due: string | null; text: string }> {
  await widget.locator('[part="send"]').click();
  const done = widget.locator('[part="confirmation"]');
  await done.waitFor();
  const track = (await done.locator('a').getAttribute('href')) ?? '';
  const promise = done.locator('[part="promise"]');
  const due = (await promise.count()) ? await promise.getAttribute('data-due') : null;
  return { track, due, text: await done.innerText() };
}

async function complain(widget: Locator, lang: 'en' | 'fa', tag: string) {
  await widget.getByRole('tab', { name: STRINGS[lang].complaint }).click();
  await widget.locator('select[name="category"]').selectOption('delivery');
  await widget.locator('textarea[name="body"]').fill(lang === 'fa' ? `بسته هنوز نرسیده ${tag}` : `The parcel never came ${tag}`);
  await widget.locator('input[name="author.name"]').fill(lang === 'fa' ? 'مریم' : 'Mary');
  await widget.locator('input[name="author.email"]').fill(`${tag}@example.com`);
  return send(widget);
}

async function review(widget: Locator, lang: 'en' | 'fa', tag: string) {
  await widget.getByRole('tab', { name: STRINGS[lang].review }).click();
  await widget.locator('label[for="r-2"]').click();
  await widget.locator('textarea[name="body"]').fill(lang === 'fa' ? `خط‌خورده رسید ${tag}` : `Arrived scratched ${tag}`);
  await widget.locator('input[name="author.name"]').fill(lang === 'fa' ? 'مریم' : 'Mary');
  await widget.locator('input[name="author.email"]').fill(`${tag}@example.com`);
  return send(widget);
}

async function axe(page: Page, include: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(
    (sel) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        { include: [[sel]] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
      ),
    include,
  )) as { violations: { id: string; nodes: { target: unknown }[] }[] };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe.each(['en', 'fa'] as const)('the case workflow in %s', (lang) => {
  it('sends a staff message once whatever is saved after it, and promises the same time on both pages', async () => {
    await settings({ responseTimeHours: 36 });
    const tag = marker(`wf${lang}`);
    const { context, page, errors } = await openPage(browser);
    const widget = await shop(page, context, lang, `sku-wf-${tag}`);
    const receipt = await complain(widget, lang, tag);
    expect(receipt.due).toMatch(/^20\d\d-/);
    const ref = new URL(receipt.track).searchParams.get('ref') ?? '';
    await caseIdOf(ref);

    const admin = await context.newPage();
    const adminErrors = watchErrors(admin);
    await logIn(admin, baseUrl, staffToken, lang);
    // In the moderation queue the complaint is a case to open, never something to approve.
    await admin.locator('rb-admin-queue input[name="q"]').fill(tag);
    await admin.keyboard.press('Enter');
    const item = admin.locator('rb-admin-queue li[data-id]');
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getByRole('button', { name: STRINGS[lang].approve, exact: true }).count()).toBe(0);
    expect(await item.getByRole('button', { name: STRINGS[lang].handled }).count()).toBe(1);
    await item.focus();
    await admin.keyboard.press('a');
    await expect.poll(() => admin.locator('rb-admin-queue [role="alert"]').count()).toBe(1);
    expect(await item.count()).toBe(1);
    await item.getByRole('link', { name: STRINGS[lang].openCase }).click();
    const view = admin.locator('rb-admin-case');
    await view.locator('h1', { hasText: ref }).waitFor();
    const box = view.locator('textarea#publicMessage');
    const save = view.getByRole('button', { name: STRINGS[lang].save });
    const message = `${lang === 'fa' ? 'بسته‌ی تازه امروز ارسال می‌شود' : 'A new parcel ships today'} ${tag}`;
    await box.fill(message);
    await save.click();
    await expect.poll(() => box.inputValue()).toBe('');
    await view.locator('select[name="status"]').selectOption('in_progress');
    await save.click();
    await expect.poll(() => view.locator('select[name="status"]').inputValue()).toBe('in_progress');
    await view.locator('input[name="assignee"]').fill('Sam');
    await save.click();
    await expect.poll(() => view.locator('input[name="assignee"]').inputValue()).toBe('Sam');
    expect(adminErrors).toEqual([]);

    const customer = await context.newPage();
    const customerErrors = watchErrors(customer);
    await customer.goto(receipt.track);
    const track = customer.locator('rb-track');
    await track.locator('.status').waitFor();
    expect(await customer.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, lang === 'fa' ? 'rtl' : 'ltr']);
    expect(await track.locator('.shop').innerText()).toBe(`${STRINGS[lang].shop} Demo Shop`);
    const messages = track.locator('ol > li', { hasText: message });
    expect(await messages.count()).toBe(1);
    // Answered by staff since: the promise of a first answer is kept, and no longer shown.
    expect(await track.locator('.promise').count()).toBe(0);
    expect(customerErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the promise on the receipt and the tracking page alike, and none when none is set', async () => {
    for (const hours of [36, undefined]) {
      await settings(hours === undefined ? {} : { responseTimeHours: hours });
      const tag = marker(`pr${lang}`);
      const { context, page, errors } = await openPage(browser);
      const widget = await shop(page, context, lang, `sku-pr-${tag}`);
      const receipt = await complain(widget, lang, tag);
      const customer = await context.newPage();
      await customer.goto(receipt.track);
      const track = customer.locator('rb-track');
      await track.locator('.status').waitFor();
      const shown = track.locator('.promise time');
      if (hours === undefined) {
        expect(receipt.due).toBeNull();
        expect(await shown.count()).toBe(0);
      } else {
        expect(receipt.due).not.toBeNull();
        expect(await shown.getAttribute('datetime')).toBe(receipt.due);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('publishes nothing from a re-rating unless the customer chose to update their review', async () => {
    await settings({});
    const subject = `sku-rr-${marker(lang)}`;
    const { context, page, errors } = await openPage(browser);
    let widget = await shop(page, context, lang, subject);
    const quiet = marker('quiet');
    const first = await review(widget, lang, quiet);
    widget = await shop(page, context, lang, subject);
    const shared = marker('shared');
    const second = await review(widget, lang, shared);

    // axe injects a script, which the tracking page's CSP (Trusted Types) rightly refuses: this
    // context fetches the page without it, as admin-a11y does.
    await context.route(
      (url) => url.pathname.startsWith('/track'),
      async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      },
    );
    const links = await rerateLinks();
    for (const [receipt, consent] of [
      [first, false],
      [second, true],
    ] as const) {
      const ref = new URL(receipt.track).searchParams.get('ref') ?? '';
      await staffCall('PATCH', `/v1/admin/cases/${await caseIdOf(ref)}`, { status: 'resolved', rootCause: 'delivery_damage' });
      const customer = await context.newPage();
      await customer.goto(await links.linkFor(ref));
      const track = customer.locator('rb-track');
      await track.locator('input[name="rating"]').first().waitFor();
      if (consent) expect(await axe(customer, 'rb-track')).toEqual([]);
      await track.locator('input[name="rating"][value="4"]').check();
      await track.locator('textarea#comment').fill(lang === 'fa' ? 'عوضش کردند، ممنون' : 'Replaced quickly, thank you');
      if (consent) await track.locator('input#updateReview').check();
      await track.locator('button[type="submit"]').click();
      await expect.poll(() => deepText(track)).toMatch(lang === 'fa' ? /سپاس/ : /Thank you/);
      await customer.close();
    }
    await links.close();

    // The widget: the consented update under its original, nothing under the other.
    await expect
      .poll(
        async () => {
          await shop(page, context, lang, subject);
          const items = page.locator('rb-feedback li[part="review"]');
          const withUpdate = items.filter({ has: page.locator('[part="update"]') });
          return { reviews: await items.count(), updated: await withUpdate.count(), text: (await withUpdate.first().innerText().catch(() => '')).includes(shared) };
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toEqual({ reviews: 2, updated: 1, text: true });
    const updated = page.locator('rb-feedback li[part="review"]', { hasText: shared });
    expect(await updated.locator('[part="update"]').innerText()).toContain(STRINGS[lang].update);
    expect(await updated.innerText()).toContain(shared);
    expect(await page.locator('rb-feedback li[part="review"]', { hasText: quiet }).locator('[part="update"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks a story how it went with an accessible scale', async () => {
    const { context, page, errors } = await openPage(browser);
    const widget = await shop(page, context, lang, `sku-st-${marker(lang)}`);
    await widget.getByRole('tab', { name: STRINGS[lang].story }).click();
    const group = widget.getByRole('radiogroup');
    await group.waitFor();
    await widget.locator('#fe-1').focus();
    await page.keyboard.press('End');
    expect(await widget.locator('#fe-5').isChecked()).toBe(true);
    await page.keyboard.press(lang === 'fa' ? 'ArrowRight' : 'ArrowLeft');
    expect(await widget.locator('#fe-4').isChecked()).toBe(true);
    await page.keyboard.press('2');
    expect(await widget.locator('#fe-2').isChecked()).toBe(true);
    expect(await axe(page, 'rb-feedback')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
