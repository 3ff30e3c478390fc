/**
 * A support agent's day (issue 14), at 1280 and 360 px, in English and Persian: open the queue,
 * triage with shortcuts on a Persian keyboard layout (the physical key in `code`, the Persian
 * letter in `key`), see the decision's result where the item was; open a case from a
 * submission's ref link; read the timeline (people by name, events and reasons translated,
 * dates in the console's calendar); create and copy a new tracking link and open it; reply to
 * the customer and see "Saved." beside the button; read the audit log as words, not JSON.
 * axe stays clean on each page and nothing scrolls sideways.
 *
 * The suite shares one wrangler dev and the demo site with every other browser test: each run
 * makes its own submissions (tagged) and finds them by search, never by position or count.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowser, watchErrors } from './browser.ts';
import { deepText, logIn, marker, submit } from './admin-fixtures.ts';
import { axe, withoutCsp } from './axe.ts';


const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const browser = useBrowser();

const WORDS = {
  en: {
    published: 'Published',
    undo: 'Undo',
    next: 'Next item',
    opened: 'Case opened',
    reason: 'Rated 2 of 5',
    statusChanged: 'Status changed',
    acknowledged: 'Acknowledged',
    markContacted: 'Mark contacted',
    saved: 'Saved.',
    saveCase: 'Save case',
    createLink: 'Create and copy a new tracking link',
    copied: 'New link copied',
    message: 'Message to the customer',
    updatedCase: 'Updated a case',
  },
  fa: {
    published: 'منتشر شد',
    undo: 'برگرداندن',
    next: 'مورد بعدی',
    opened: 'پرونده باز شد',
    reason: 'امتیاز ۲ از ۵',
    statusChanged: 'وضعیت تغییر کرد',
    acknowledged: 'دریافت‌شده',
    markContacted: 'تماس گرفته شد',
    saved: 'ذخیره شد.',
    saveCase: 'ذخیرهٔ پرونده',
    createLink: 'ساختن و رونوشت پیوند پیگیری تازه',
    copied: 'پیوند تازه رونوشت شد',
    message: 'پیام به مشتری',
    updatedCase: 'پرونده‌ای را به‌روز کرد',
  },
} as const;

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * A key press as a Persian layout sends it: the physical key in `code`, the Persian character
 * in `key`, dispatched where focus is (inside shadow roots), as the browser would.
 */
async function pressPersian(page: Page, code: string, key: string, shiftKey = false): Promise<void> {
  await page.evaluate(
    ([c, k, shift]) => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      (el ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { code: c, key: k, shiftKey: shift, bubbles: true, composed: true, cancelable: true }));
    },
    [code, key, shiftKey] as const,
  );
}

/**
 * The vertical gap between two elements' boxes, in px (0 when they share a line). A notice
 * "beside" its button is on its line, or wraps to the line just under it on a phone.
 */
async function gap(a: Locator, b: Locator): Promise<number> {
  const [ra, rb] = [await a.boundingBox(), await b.boundingBox()];
  if (!ra || !rb) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.max(ra.y, rb.y) - Math.min(ra.y + ra.height, rb.y + rb.height));
}

/** A staff session from Node, to ask the staff API whether the queue consumer made a case yet. */
async function staffCookie(): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  expect(res.status).toBe(201);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function caseStatus(cookie: string, ref: string): Promise<number> {
  const res = await fetch(`${baseUrl}/v1/admin/cases/${encodeURIComponent(ref)}`, { headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin' } });
  await res.body?.cancel();
  return res.status;
}

/** The notice beside a button, or what the page says went wrong instead (so a failure reads). */
async function shown(view: Locator, at: string): Promise<string> {
  const notice = (await view.locator(`[data-notice="${at}"]`).textContent()) ?? '';
  if (notice) return notice;
  const alert = view.locator('[role="alert"]');
  return (await alert.count()) ? `problem: ${await alert.first().textContent()}` : '';
}

async function staffName(page: Page): Promise<string> {
  const res = await page.request.get(`${baseUrl}/v1/admin/session`);
  const body = (await res.json()) as { staff: { name: string } };
  return body.staff.name;
}

describe('a support agent’s day', () => {
  for (const width of [1280, 360] as const) {
    for (const lang of ['en', 'fa'] as const) {
      it(`works the queue, a case and the audit log at ${width} px in ${lang}`, async () => {
        const w = WORDS[lang];
        const tag = marker(`agent${lang}${width}`);
        // Three held reviews of this run: the unhappy one opens a case with a ref.
        await submit(baseUrl, siteId, { kind: 'review', rating: 5, body: `Lovely kettle ${tag} one`, author: { name: 'Ava' }, lang: 'en' });
        await submit(baseUrl, siteId, { kind: 'review', rating: 4, body: `Good kettle ${tag} two`, author: { name: 'Bo' }, lang: 'en' });
        const unhappy = await submit(baseUrl, siteId, {
          kind: 'review',
          rating: 2,
          body: `قوری نشت کرد ${tag}`,
          author: { name: 'مریم', email: `${tag}@example.com` },
          lang: 'fa',
        });
        const ref = unhappy.case?.ref ?? '';
        expect(ref).toMatch(/^RB-/);
        // The recovery queue works in the background; triage starts once it has made the case,
        // so no decision races the routing of the same items.
        const cookie = await staffCookie();
        await expect.poll(() => caseStatus(cookie, ref), { timeout: 30_000, interval: 500 }).toBe(200);

        const context = await browser().newContext({ viewport: { width, height: 900 } });
        await withoutCsp(context);
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
        const page = await context.newPage();
        const errors = watchErrors(page);
        await logIn(page, baseUrl, staffToken, lang);
        const me = await staffName(page);

        // The queue, narrowed to this run's items by a search.
        const queue = page.locator('rb-admin-queue');
        const search = queue.locator('input[type="search"]');
        await search.fill(tag);
        await search.press('Enter');
        const items = queue.locator('li[data-id]');
        await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(3);

        // Typing a Persian letter into the search field is text, not a shortcut.
        await search.focus();
        await pressPersian(page, 'KeyA', 'ش');
        await pressPersian(page, 'KeyJ', 'ت');
        expect(await queue.locator('li.outcome').count()).toBe(0);

        // Triage from the list with the Persian layout's keys.
        await items.first().focus();
        const firstId = await items.first().getAttribute('data-id');
        await pressPersian(page, 'KeyJ', 'ت');
        await expect.poll(() => queue.locator('li.current').getAttribute('data-id')).not.toBe(firstId);
        await pressPersian(page, 'KeyK', 'ن');
        await expect.poll(() => queue.locator('li.current').getAttribute('data-id')).toBe(firstId);
        // Which of the three has the ref link: it stays for the case; approve another one.
        const withCase = queue.locator('li[data-id]', { has: page.locator('.case-ref a') });
        await expect.poll(() => deepText(items.first())).toBeTruthy();
        const firstHasCase = (await deepText(items.first())).includes(ref);
        if (firstHasCase) await pressPersian(page, 'KeyJ', 'ت');
        const approvedId = await queue.locator('li.current').getAttribute('data-id');
        await pressPersian(page, 'KeyA', 'ش');
        const outcome = queue.locator('li.outcome');
        await expect.poll(async () => (await outcome.count()) ? outcome.textContent() : `no result; page says: ${await queue.locator('[role="alert"]').allTextContents()}`).toContain(w.published);
        expect(await queue.locator(`li[data-id="${approvedId}"]`).count()).toBe(0);
        // The result shows where the item was, with Undo in it.
        expect(await outcome.getByRole('button', { name: w.undo }).count()).toBe(1);
        expect(await gap(outcome, queue.locator('li.current'))).toBeLessThan(24);
        expect(await axe(page), 'queue').toEqual([]);
        expect(await sideways(page)).toBeLessThanOrEqual(0);

        // The help lists the shortcuts, with the Persian key caps on the Persian page.
        await pressPersian(page, 'Slash', '؟', true);
        const help = queue.locator('dialog#help');
        await help.waitFor({ state: 'visible' });
        const helpText = (await help.textContent()) ?? '';
        expect(helpText).toContain(w.next);
        expect(helpText).toContain('J');
        if (lang === 'fa') expect(helpText).toContain('ت');
        await pressPersian(page, 'Escape', 'Escape');
        await help.waitFor({ state: 'hidden' });

        // The case opens from the submission's ref link.
        const refLink = withCase.locator('rb-admin-item .case-ref a');
        await expect.poll(() => refLink.count()).toBe(1);
        expect(await refLink.textContent()).toContain(ref);
        await refLink.click();
        const view = page.locator('rb-admin-case');
        await view.locator('h1', { hasText: ref }).waitFor();
        const timeline = view.locator('ol.timeline');
        await expect.poll(() => deepText(timeline)).toContain(w.opened);
        const before = await deepText(view);
        expect(before).toContain(w.reason);
        expect(before).not.toMatch(/\brating 2\b|st_[a-z0-9]/);
        const when = (await timeline.locator('time').first().textContent()) ?? '';
        if (lang === 'fa') expect(when).toMatch(/۱۴۰[۴-۹]/);
        else expect(when).toMatch(/20\d\d/);

        // Mark contacted: "Saved." beside that button, and the timeline names who did it.
        const markButton = view.getByRole('button', { name: w.markContacted });
        await markButton.click();
        const notice = view.locator('[data-notice="contacted"]');
        await expect.poll(() => shown(view, 'contacted')).toBe(w.saved);
        expect(await gap(notice, markButton)).toBeLessThan(16);
        await expect.poll(() => deepText(timeline)).toContain(w.statusChanged);
        const after = await deepText(timeline);
        expect(after).toContain(w.acknowledged);
        expect(after).toContain(me);

        // The tracking link: only its hash is kept, so a new one is made, copied, and opens.
        const create = view.locator('rb-case-links').getByRole('button', { name: w.createLink });
        await create.click();
        const trackNotice = view.locator('rb-case-links [data-notice="track"]');
        await expect.poll(() => trackNotice.textContent()).toContain(w.copied);
        expect(await gap(trackNotice, create)).toBeLessThan(16);
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toContain(`ref=${ref}`);
        const customer = await context.newPage();
        await customer.goto(copied);
        const track = customer.locator('rb-track');
        await track.locator('.status').waitFor();
        expect(await deepText(track)).toContain(ref);
        await customer.close();

        // Reply to the customer: "Saved." beside "Save case", the message on the timeline.
        const reply = `We are sending a new kettle ${tag}`;
        await view.locator('textarea#publicMessage').fill(reply);
        const save = view.getByRole('button', { name: w.saveCase });
        await save.click();
        const saveNotice = view.locator('[data-notice="save"]');
        await expect.poll(() => shown(view, 'save')).toBe(w.saved);
        expect(await gap(saveNotice, save)).toBeLessThan(16);
        await expect.poll(() => deepText(timeline)).toContain(reply);
        expect(await deepText(timeline)).toContain(w.message);
        expect(await axe(page), 'case').toEqual([]);
        expect(await sideways(page)).toBeLessThanOrEqual(0);

        // The audit log: who by name, what in words, when in the console's calendar, no JSON.
        const caseId = await view.locator('rb-case-links').evaluate((el) => el.getAttribute('caseid') ?? (el as HTMLElement & { caseId: string }).caseId);
        await page.goto(`${baseUrl}/admin/?lang=${lang}#/audit`);
        const audit = page.locator('rb-admin-audit');
        const row = audit.locator('tbody tr', { hasText: caseId }).first();
        await row.waitFor();
        const rowText = (await row.textContent()) ?? '';
        expect(rowText).toContain(me);
        expect(rowText).toContain(w.updatedCase);
        expect(rowText).not.toMatch(/[{}"]|\d{12,}/);
        const auditWhen = (await row.locator('time').textContent()) ?? '';
        if (lang === 'fa') expect(auditWhen).toMatch(/[۰-۹]/);
        expect(await axe(page), 'audit').toEqual([]);
        expect(await sideways(page)).toBeLessThanOrEqual(0);

        expect(errors).toEqual([]);
        await context.close();
      }, 120_000);
    }
  }
});
