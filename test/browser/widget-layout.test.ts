/**
 * Layout stability of the widget on a first visit: the budget is zero layout shift, which a page
 * gets by reserving the widget's height (widget/README.md). With the exact height reserved,
 * nothing may move at all, not the content below and not the widget's own parts: first render
 * draws everything in one frame and the lazily added sort control, "show more" and tabs land in
 * slots that already have their height. Without a reservation the widget may grow, but once.
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
  // More than one page, so "show more" is there; one reply and one long review for height.
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
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources?: Source[] })[]) {
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
async function visit(width: number, lang: 'en' | 'fa', head = ''): Promise<{ shifts: Shift[]; height: number; errors: string[] }> {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(recordShifts);
    const url = await serveMerchant(context, merchantOrigin, `/layout-${lang}-${width}-${head ? 'reserved' : 'bare'}`, merchantHtml(baseUrl, siteId, { attrs: { subject }, lang, head }));
    await page.goto(url);
    await widgetReady(page);
    await page.locator('rb-feedback [part="more"]').waitFor();
    await page.locator('rb-feedback select').waitFor();
    await settle(page);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
    const height = await page.locator('rb-feedback').evaluate((el) => el.getBoundingClientRect().height);
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
    it(`moves nothing, inside or below it, when the page reserves its height (${lang}, ${width}px wide)`, async () => {
      // The height the widget ends up with on this page, as a merchant would measure it.
      const bare = await visit(width, lang);
      expect(bare.errors).toEqual([]);
      const reserved = await visit(width, lang, `<style>rb-feedback { display: block; min-block-size: ${Math.ceil(bare.height)}px; }</style>`);
      expect(reserved.errors).toEqual([]);
      expect(reserved.shifts).toEqual([]);
    });
  }

  for (const [width, lang] of [
    [900, 'en'],
    [320, 'fa'],
  ] as const)
    it(`moves the content below by one line while loading and once more for the data on a page that reserves nothing (${lang}, ${width}px wide)`, async () => {
      const { shifts, errors } = await visit(width, lang);
      expect(errors).toEqual([]);
      // At most the "Loading reviews…" line, then the data: never a guessed height in between,
      // and nothing moves when the lazy controls arrive (a third shift, or one inside the widget).
      expect(shifts.flatMap((s) => s.nodes).filter((n) => !n.startsWith('P#below'))).toEqual([]);
      expect(shifts.length).toBeLessThanOrEqual(2);
      // One line of text and a gap (the old 22rem guess moved it 352px).
      if (shifts.length === 2) expect(shifts[0]?.belowMoved).toBeLessThanOrEqual(48);
    });
});
