/**
 * Reading reviews on a merchant page: the summary, each sort, the star filter from the bars,
 * "show more" through the keyset cursor, helpful votes, and the Persian right-to-left layout.
 * Reviews are created through the public API and published through the staff API.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, submitFromNode, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const subject = marker('sku-list-');
// Twelve ratings: more than one page, every star value present.
const RATINGS = [5, 4, 3, 2, 1, 5, 5, 4, 4, 3, 5, 1];
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  const staff = await staffApi(baseUrl, staffToken);
  for (const [i, rating] of RATINGS.entries()) {
    const created = await submitFromNode(baseUrl, siteId, {
      kind: 'review',
      subject,
      rating,
      title: `Review ${i + 1}`,
      body: `Review number ${i + 1} with ${rating} stars`,
      author: { name: i === RATINGS.length - 1 ? 'سارا Sara' : `Shopper ${i + 1}` },
      meta: { elapsedMs: 30_000 },
    });
    await staff.approve(created.id);
  }
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, lang: 'en' | 'fa' = 'en', extra: Record<string, string> = {}, csp?: string) {
  const { context, page, errors } = await openPage(browser);
  const url = await serveMerchant(context, merchantOrigin, path, merchantHtml(baseUrl, siteId, { attrs: { subject, ...extra }, lang }), csp);
  await page.goto(url);
  await widgetReady(page);
  return { context, page, errors, widget: page.locator('rb-feedback') };
}

const ratings = (widget: Locator) =>
  widget.locator('[part="review"] [role="img"]').evaluateAll((els) => els.map((e) => e.querySelectorAll('span:not(.off)').length));

describe('widget list', () => {
  it('summarises the published reviews: average to one decimal, count and distribution', async () => {
    const { context, errors, widget } = await open('/list-summary');
    const average = RATINGS.reduce((a, b) => a + b, 0) / RATINGS.length;
    expect(await widget.locator('[part="average"]').innerText()).toBe(average.toFixed(1));
    expect(await widget.locator('[part="summary"]').innerText()).toContain('12 reviews');
    expect(await widget.locator('[part="bar"]').first().innerText()).toMatch(/^5 stars\s+4$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sorts newest, oldest, highest, lowest and most helpful', async () => {
    const { context, widget } = await open('/list-sort');
    const titles = () => widget.locator('[part="review"] .title').allInnerTexts();
    expect((await titles())[0]).toBe('Review 12');
    const select = widget.getByLabel('Sort by');
    await select.selectOption('oldest');
    await expect.poll(async () => (await titles())[0]).toBe('Review 1');
    await select.selectOption('highest');
    await expect.poll(async () => (await ratings(widget)).slice(0, 4)).toEqual([5, 5, 5, 5]);
    await select.selectOption('lowest');
    await expect.poll(async () => (await ratings(widget)).slice(0, 2)).toEqual([1, 1]);
    await select.selectOption('helpful');
    await expect.poll(async () => (await titles()).length).toBe(10);
    await context.close();
  });

  it('filters by stars from the summary bars and clears the filter on a second click', async () => {
    const { context, widget } = await open('/list-filter');
    const bar = widget.locator('[part="bar"]').nth(4); // 1 star
    await bar.click();
    await expect.poll(() => ratings(widget)).toEqual([1, 1]);
    expect(await bar.getAttribute('aria-pressed')).toBe('true');
    await bar.click();
    await expect.poll(async () => (await ratings(widget)).length).toBe(10);
    expect(await bar.getAttribute('aria-pressed')).toBe('false');
    await context.close();
  });

  it('shows more through the cursor, without repeats, until the last page', async () => {
    const { context, widget } = await open('/list-more');
    expect(await widget.locator('[part="review"]').count()).toBe(10);
    await widget.getByRole('button', { name: 'Show more reviews' }).click();
    await expect.poll(() => widget.locator('[part="review"]').count()).toBe(12);
    const titles = await widget.locator('[part="review"] .title').allInnerTexts();
    expect(new Set(titles).size).toBe(12);
    await expect.poll(() => widget.getByRole('button', { name: 'Show more reviews' }).count()).toBe(0);
    await context.close();
  });

  it('counts one helpful vote and shows the button pressed', async () => {
    const { context, widget } = await open('/list-helpful');
    const button = widget.locator('[part="helpful"]').first();
    expect(await button.innerText()).toBe('Helpful (0)');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(() => button.innerText()).toBe('Helpful (1)');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });

  it('lays out right to left in Persian with Persian digits and isolated shopper text', async () => {
    const { context, errors, widget } = await open('/list-fa', 'fa');
    const base = widget.locator('[part="base"]');
    expect(await base.getAttribute('dir')).toBe('rtl');
    expect(await base.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await widget.locator('[part="average"]').innerText()).toMatch(/^[۰-۹]٫[۰-۹]$/);
    expect(await widget.locator('[part="summary"]').innerText()).toContain('۱۲ نظر');
    expect(await widget.locator('[part="review"] bdi').allInnerTexts()).toContain('سارا Sara');
    // The summary sits at the inline start, which is the right in RTL.
    const box = await widget.locator('.score').boundingBox();
    const bars = await widget.locator('[part="bar"]').first().boundingBox();
    expect(box && bars && box.x > bars.x).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('dates each review relatively, with the absolute date on hover (title) and on keyboard focus, in both languages', async () => {
    for (const [lang, relative, absolute] of [
      ['en', /^(now|\d+ (seconds?|minutes?) ago)$/, /^\w+ \d{1,2}, \d{4}$/],
      ['fa', /[^\d]/, /^[۰-۹]{1,2} \S+ [۰-۹]{4}$/],
    ] as const) {
      const { context, page, errors, widget } = await open(`/list-date-${lang}`, lang);
      const time = widget.locator('[part="review"] time').first();
      expect(await time.innerText()).toMatch(relative);
      const title = (await time.getAttribute('title')) ?? '';
      expect(title).toMatch(absolute);
      const after = () => time.evaluate((el) => getComputedStyle(el, '::after').content);
      expect(await after()).toBe('none');
      // Keyboard: Tab from the last summary bar, past the sort control and the first helpful
      // button, until the first date has focus.
      await widget.locator('[part="bar"]').last().focus();
      for (let i = 0; i < 6 && !(await time.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
      expect(await time.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
      expect(await after()).toBe(`" · ${title}"`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('writes schema.org JSON-LD for the product into the light DOM, even under Trusted Types', async () => {
    const csp = "default-src 'none'; script-src 'nonce-{nonce}' 'strict-dynamic'; connect-src " + baseUrl + "; require-trusted-types-for 'script'; trusted-types lit-html rebound-seo";
    const { context, page, errors } = await open('/list-seo', 'en', { seo: 'Nimbus Kettle' }, csp);
    const ld = page.locator('rb-feedback > script[type="application/ld+json"]');
    await ld.waitFor({ state: 'attached', timeout: 15_000 });
    const data = JSON.parse((await ld.textContent()) ?? '{}');
    expect(data).toMatchObject({
      '@type': 'Product',
      name: 'Nimbus Kettle',
      sku: subject,
      aggregateRating: { '@type': 'AggregateRating', reviewCount: 12, bestRating: 5 },
    });
    expect(data.review.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain('@example.com');
    expect(errors).toEqual([]);
    await context.close();
  });
});
