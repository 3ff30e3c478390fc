/**
 * Issue 14, the shopper reading reviews (helper "frame"), at 1280 and 360 px in English and
 * Persian: the frame shows the whole first page when growing moves nothing on screen (the widget
 * starts below the fold) and keeps its height without any layout shift when it starts in view; a
 * star filter's single review shows whole, reply included; a product without reviews invites the
 * first one; the tabs fit a phone; the widget has inner padding; "Write a review" is one Tab
 * away; a helpful vote stays pressed after a reload and a second press says it was counted.
 * Everything runs against the real `wrangler dev` of the browser suite, on subjects of its own.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, submitFromNode, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const subject = marker('sku-journey-list-');
const REPLY = 'We are sorry the lid broke. A new one is on its way, and the next kettle ships with the improved hinge.';
let browser: Browser;

/** Publishes a staff reply through the staff API, with a session of its own. */
async function reply(id: string, body: string) {
  const login = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${baseUrl}/v1/admin/submissions/${id}/reply`, {
    method: 'PUT',
    headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (!res.ok) throw new Error(`reply failed: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  browser = await launch();
  const staff = await staffApi(baseUrl, staffToken);
  // Twelve reviews (more than the first page of ten); the one 1-star review is long and has a
  // long reply, so filtering by one star shows a single review taller than the frame leaves it.
  for (let i = 0; i < 12; i++) {
    const created = await submitFromNode(baseUrl, siteId, {
      kind: 'review',
      subject,
      rating: i === 0 ? 1 : (i % 4) + 2,
      title: i === 0 ? 'The lid broke' : `Journey review ${i + 1}`,
      body: i === 0 ? 'The hinge of the lid cracked in the second week, and water now drips down the side when I pour. '.repeat(3) : `Kettle review ${i + 1}: boils fast, سارا نوشت`,
      author: { name: `Shopper ${i + 1}` },
      meta: { elapsedMs: 30_000 },
    });
    await staff.approve(created.id);
    if (i === 0) await reply(created.id, REPLY);
  }
});
afterAll(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 1280, height: 900 },
  { width: 360, height: 740 },
] as const;

const TEXT = {
  en: { write: 'Write a review', first: 'Be the first to review', oneStar: /^1 star/, already: 'already marked this review helpful' },
  fa: { write: 'نوشتن نظر', first: 'اولین نظر را شما بنویسید', oneStar: /^۱ ستاره/, already: 'پیش‌تر این نظر را مفید دانسته‌اید' },
} as const;

/** Records layout shifts not caused by input, from the first paint on. */
function recordShifts() {
  const shifts: number[] = [];
  Object.assign(window, { __shifts: shifts });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
}

const shiftsOf = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);

/** Two frames and a moment after the last change: layout-shift entries come after the frame that moved. */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));

/** The reviews the frame shows whole (not clipped by the list's box). */
function wholeReviews(widget: Locator) {
  return widget.locator('.list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[part="review"]')].filter((r) => r.getBoundingClientRect().bottom <= box.bottom + 1).length;
  });
}

async function visit(lang: 'en' | 'fa', size: { width: number; height: number }, opts: { path: string; subject?: string; head?: string; theme?: string }) {
  const { context, page, errors } = await openPage(browser);
  await page.setViewportSize(size);
  await page.addInitScript(recordShifts);
  const attrs: Record<string, string> = { subject: opts.subject ?? subject };
  if (opts.theme) attrs.theme = opts.theme;
  const url = await serveMerchant(context, merchantOrigin, `${opts.path}-${lang}-${size.width}`, merchantHtml(baseUrl, siteId, { attrs, lang, head: opts.head }));
  await page.goto(url);
  await widgetReady(page);
  return { context, page, errors, widget: page.locator('rb-feedback'), url };
}

describe('journey: a shopper reads the reviews', () => {
  for (const lang of ['en', 'fa'] as const) {
    for (const size of SIZES) {
      const t = TEXT[lang];
      const at = `${lang}, ${size.width}px`;

      it(`shows the whole first page, at least five reviews, once it has grown below the fold, with no layout shift (${at})`, async () => {
        // The widget starts well below the fold; the page reserves the documented 40em.
        const head = '<style>h1 { margin-block-end: 150vh } rb-feedback { display: block; min-block-size: 40em }</style>';
        const { context, page, errors, widget } = await visit(lang, size, { path: '/journey-below', head });
        await widget.locator('.frame.open').waitFor({ state: 'attached', timeout: 15_000 });
        await settle(page);
        expect(await shiftsOf(page)).toEqual([]);
        await widget.evaluate((el) => el.scrollIntoView());
        await settle(page);
        expect(await widget.locator('[part="review"]').count()).toBe(10);
        expect(await wholeReviews(widget)).toBeGreaterThanOrEqual(5);
        expect(await shiftsOf(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`keeps its height without any layout shift when it starts in view, and a one-star filter shows its review and reply whole (${at})`, async () => {
        const head = '<style>rb-feedback { display: block; min-block-size: 40em }</style>';
        const { context, page, errors, widget } = await visit(lang, size, { path: '/journey-in-view', head });
        await widget.locator('select').waitFor();
        await settle(page);
        expect(await shiftsOf(page)).toEqual([]);
        const frame = widget.locator('[part="frame"]');
        const rowAfterList = await widget.locator('.more').evaluate((el) => el.getBoundingClientRect().top);
        // Growing here would move what the shopper sees: the frame keeps its 40em (640px) unless
        // the row after the list was below the fold (a phone), where it grew out of sight.
        if (rowAfterList < size.height) expect(await frame.evaluate((el) => el.getBoundingClientRect().height)).toBe(640);
        // The last bar is the one-star bar, in either direction.
        const oneStar = widget.locator('[part="bar"]').last();
        expect(await oneStar.innerText()).toMatch(t.oneStar);
        await oneStar.click();
        await expect.poll(() => widget.locator('[part="review"]').count()).toBe(1);
        await settle(page);
        const cut = await widget.locator('.list').evaluate((list) => {
          const reply = list.querySelector('[part="reply"]')?.getBoundingClientRect();
          return reply ? reply.bottom - list.getBoundingClientRect().bottom : null;
        });
        expect(cut).not.toBeNull();
        expect(cut).toBeLessThanOrEqual(0);
        expect(await widget.locator('[part="reply"]').innerText()).toContain(REPLY.slice(0, 20));
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`invites the first review on a product without any, and the call to action opens the review tab (${at})`, async () => {
        const { context, page, errors, widget } = await visit(lang, size, { path: '/journey-empty', subject: marker('sku-journey-empty-') });
        const empty = widget.locator('[part="empty"]');
        expect(await empty.isVisible()).toBe(true);
        expect(await widget.locator('[part="summary"]').count()).toBe(0);
        expect(await widget.locator('[part="base"]').innerText()).not.toContain('–');
        // The invitation fills the space the reviews will take, rather than leaving it blank.
        const [emptyBox, frameBox] = await Promise.all([empty.boundingBox(), widget.locator('[part="frame"]').boundingBox()]);
        expect(emptyBox && frameBox && emptyBox.height / frameBox.height).toBeGreaterThan(0.5);
        const cta = widget.getByRole('button', { name: t.first });
        await cta.click();
        expect(await widget.locator('[role="tab"][aria-selected="true"]').innerText()).toBe(t.write);
        await widget.locator('[part="form"]').waitFor();
        expect(await page.evaluate(() => document.querySelector('rb-feedback')?.shadowRoot?.activeElement?.id)).toBe('tab-review');
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`shows every tab whole, as tabs, without a sideways scroll, inside an inner padding on a dark theme (${at})`, async () => {
        const { context, errors, widget } = await visit(lang, size, { path: '/journey-tabs', theme: 'dark' });
        const tablist = widget.locator('[role="tablist"]');
        expect(await tablist.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        const base = await widget.locator('[part="base"]').boundingBox();
        const tabs = widget.locator('[role="tab"]');
        expect(await tabs.count()).toBe(3);
        for (const tab of await tabs.all()) {
          // Not cut: the label fits its box, and the box lies inside the widget.
          expect(await tab.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
          const box = await tab.boundingBox();
          expect(box && base && box.x >= base.x && box.x + box.width <= base.x + base.width).toBe(true);
          // Tabs look like tabs: a background and rounded top corners, not plain text.
          const look = await tab.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, radius: getComputedStyle(el).borderStartStartRadius }));
          expect(look.bg).not.toBe('rgba(0, 0, 0, 0)');
          expect(parseFloat(look.radius)).toBeGreaterThan(0);
        }
        // Inner padding: the text keeps at least 12px from every edge of the widget's box.
        for (const part of ['summary', 'tabs']) {
          const box = await widget.locator(`[part="${part}"]`).boundingBox();
          expect(box && base && box.x - base.x).toBeGreaterThanOrEqual(12);
          expect(box && base && base.x + base.width - (box.x + box.width)).toBeGreaterThanOrEqual(12);
        }
        const top = await widget.locator('[part="average"]').boundingBox();
        expect(top && base && top.y - base.y).toBeGreaterThanOrEqual(12);
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`reaches "Write a review" in at most three Tab presses from the top of the page (${at})`, async () => {
        const { context, page, errors } = await visit(lang, size, { path: '/journey-keys' });
        const focused = () =>
          page.evaluate(() => {
            let el: Element | null = document.activeElement;
            while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
            return el?.textContent?.trim() ?? '';
          });
        let presses = 0;
        while (presses < 10 && (await focused()) !== t.write) {
          await page.keyboard.press('Tab');
          presses++;
        }
        expect(await focused()).toBe(t.write);
        expect(presses).toBeLessThanOrEqual(3);
        // It opens the review form, whose first field follows in tab order.
        await page.keyboard.press('Enter');
        await page.locator('rb-feedback [part="form"]').waitFor();
        expect(await page.locator('rb-feedback [role="tab"][aria-selected="true"]').innerText()).toBe(t.write);
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`keeps a helpful vote pressed after a reload and says a second press was already counted (${at})`, async () => {
        const { context, page, errors, widget } = await visit(lang, size, { path: '/journey-helpful' });
        // The newest review (the same one after the reload).
        const button = widget.locator('[part="helpful"]').first();
        const before = await button.innerText();
        await button.click();
        await expect.poll(() => button.innerText()).not.toBe(before);
        expect(await button.getAttribute('aria-pressed')).toBe('true');
        const counted = await button.innerText();
        await page.reload();
        await widgetReady(page);
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
        expect(await button.innerText()).toBe(counted);
        await button.click();
        await expect.poll(() => widget.locator('.status').innerText()).toContain(t.already);
        expect(await button.innerText()).toBe(counted);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
