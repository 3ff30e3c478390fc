/**
 * Layout stability of the widget on a first visit: the budget is zero layout shift. The widget's
 * frame has one height (40em by default) from its first frame on, whatever it holds (loading,
 * many reviews, none), so the data never moves anything; the lazily added sort control, "show
 * more" and tabs land in slots that already have their height. A page that reserves that height
 * before the script runs (the embed in widget/README.md) sees nothing move at all; a page that
 * reserves nothing sees the content below move once, when the script draws the frame.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, submitFromNode, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const subject = marker('sku-layout-');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  const staff = await staffApi(baseUrl, staffToken);
  // More than one page, so "show more" is there; one long review for height.
  for (let i = 0; i < 12; i++) {
    const created = await submitFromNode(baseUrl, siteId, {
      kind: 'review',
      subject,
      rating: (i % 5) + 1,
      title: `Layout review ${i + 1}`,
      body: i === 3 ? 'A longer review that wraps over several lines on a phone. '.repeat(6) : `Review ${i + 1}, سارا نوشت`,
      author: { name: `Shopper ${i + 1}` },
      meta: { elapsedMs: 30_000 },
    });
    await staff.approve(created.id);
  }
});
afterAll(async () => {
  await browser?.close();
});

/** The documented reservation: the frame's default height, before the script runs. */
const RESERVE = '<style>rb-feedback { display: block; min-block-size: 40em; }</style>';

interface Shift {
  value: number;
  nodes: string[];
  /** How far the content below the widget moved down (px; it is off screen afterwards when null). */
  belowMoved: number | null;
}

/** Records every layout shift from the first paint on, with the nodes that moved. */
function recordShifts() {
  const shifts: { value: number; nodes: string[]; belowMoved: number | null }[] = [];
  Object.assign(window, { __shifts: shifts });
  type Source = { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Source[] })[]) {
      // A shift right after the shopper's own input (opening "show more") is not counted.
      if (e.hadRecentInput) continue;
      const sources = e.sources ?? [];
      const below = sources.find((s) => s.node instanceof Element && s.node.id === 'below');
      shifts.push({
        value: e.value,
        nodes: sources.map((s) => (s.node instanceof Element ? `${s.node.nodeName}${s.node.id ? '#' + s.node.id : ''}.${s.node.getAttribute('part') ?? ''}` : String(s.node?.nodeName))),
        belowMoved: below && below.currentRect.height ? below.currentRect.y - below.previousRect.y : null,
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** A first visit at `width`; returns the shifts once the lazy chunk's controls and tabs are in, and the widget's final height. */
async function visit(width: number, lang: 'en' | 'fa', head = '', forSubject = subject, then?: (page: Page) => Promise<void>): Promise<{ shifts: Shift[]; height: number; errors: string[] }> {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(recordShifts);
    const path = `/layout-${lang}-${width}-${head ? 'reserved' : 'bare'}-${forSubject}`;
    const url = await serveMerchant(context, merchantOrigin, path, merchantHtml(baseUrl, siteId, { attrs: { subject: forSubject }, lang, head }));
    await page.goto(url);
    await widgetReady(page);
    if (forSubject === subject) {
      await page.locator('rb-feedback [part="more"]').waitFor();
      await page.locator('rb-feedback select').waitFor();
    }
    await settle(page);
    const height = await page.locator('rb-feedback').evaluate((el) => el.getBoundingClientRect().height);
    await then?.(page);
    await settle(page);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
    return { shifts, height, errors };
  } finally {
    await context.close();
  }
}

/** Two frames after the last change: layout-shift entries are reported after the frame that moved. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
}

describe('widget layout stability', () => {
  for (const [width, lang] of [
    [900, 'en'],
    [360, 'fa'],
  ] as const) {
    it(`moves nothing, inside or below it, on a page with the documented reservation, with many reviews or none (${lang}, ${width}px wide)`, async () => {
      const many = await visit(width, lang, RESERVE);
      expect(many.errors).toEqual([]);
      expect(many.shifts).toEqual([]);
      const none = await visit(width, lang, RESERVE, marker('sku-empty-'));
      expect(none.errors).toEqual([]);
      expect(none.shifts).toEqual([]);
      // The height does not depend on the data: 40em of the page's 16px font.
      expect(many.height).toBe(640);
      expect(none.height).toBe(640);
    });
  }

  for (const [width, lang] of [
    [900, 'en'],
    [320, 'fa'],
  ] as const)
    it(`moves the content below once, when the script draws the frame, on a page that reserves nothing (${lang}, ${width}px wide)`, async () => {
      const { shifts, height, errors } = await visit(width, lang);
      expect(errors).toEqual([]);
      // Nothing inside the widget moves (the data, then the lazy controls, land in place) ...
      expect(shifts.flatMap((s) => s.nodes).filter((n) => !n.startsWith('P#below'))).toEqual([]);
      // ... and the content below moves once, by the frame's height (and the margin that no longer
      // collapses across the empty element), never by a guess first.
      expect(shifts.length).toBeLessThanOrEqual(1);
      const moved = shifts[0]?.belowMoved;
      if (moved != null) expect(moved - height).toBeGreaterThanOrEqual(0);
      if (moved != null) expect(moved - height).toBeLessThanOrEqual(32);
      expect(height).toBe(640);
    });

  it('opens to the reviews\' full height when the shopper asks for more, and moves nothing on its own', async () => {
    let opened = 0;
    let reopened = 0;
    const { shifts, height, errors } = await visit(900, 'en', RESERVE, subject, async (page) => {
      await page.locator('rb-feedback [part="more"]').click();
      await page.locator('rb-feedback [part="review"]').nth(11).waitFor();
      opened = await page.locator('rb-feedback').evaluate((el) => el.getBoundingClientRect().height);
      // A single-page app shows another product in the same element: the frame is closed again.
      await page.locator('rb-feedback').evaluate((el, next) => el.setAttribute('subject', next), marker('sku-next-'));
      await page.locator('rb-feedback').getByText('No reviews yet.', { exact: false }).waitFor();
      reopened = await page.locator('rb-feedback').evaluate((el) => el.getBoundingClientRect().height);
    });
    expect(errors).toEqual([]);
    expect(shifts).toEqual([]);
    expect(opened).toBeGreaterThan(height);
    expect(reopened).toBe(height);
  });

  it('scrolls a clipped review into view inside the frame when the keyboard reaches it', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      const url = await serveMerchant(context, merchantOrigin, '/layout-keyboard', merchantHtml(baseUrl, siteId, { attrs: { subject }, head: RESERVE }));
      await page.goto(url);
      await widgetReady(page);
      await page.locator('rb-feedback select').waitFor();
      const helpful = page.locator('rb-feedback [part="helpful"]');
      const sixth = helpful.nth(5);
      const list = page.locator('rb-feedback .list');
      const inside = async () => {
        const [b, l] = await Promise.all([sixth.boundingBox(), list.boundingBox()]);
        return Boolean(b && l && b.y >= l.y && b.y + b.height <= l.y + l.height);
      };
      expect(await inside()).toBe(false);
      // Tab through the summary bars, the sort control and the reviews' buttons to the sixth review.
      for (let i = 0; i < 20 && !(await sixth.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
      expect(await sixth.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
      expect(await inside()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the whole first page at once on a page that sets --rb-block-size: auto', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      const head = '<style>rb-feedback { --rb-block-size: auto; }</style>';
      const url = await serveMerchant(context, merchantOrigin, '/layout-auto', merchantHtml(baseUrl, siteId, { attrs: { subject }, head }));
      await page.goto(url);
      await widgetReady(page);
      await page.locator('rb-feedback [part="more"]').waitFor();
      const list = page.locator('rb-feedback .list');
      // Nothing clipped: the list is as tall as its ten reviews, and the widget taller than 40em.
      expect(await list.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
      expect(await page.locator('rb-feedback [part="review"]').count()).toBe(10);
      expect(await page.locator('rb-feedback').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(640);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

