/**
 * Issue 14, the support agent's "Dashboard charts have no values or axes", walked in Chromium at
 * 1280 and 360 px in English and Persian: each chart has a value axis with ticks, a label under
 * each slot and axis titles; the values stand above their bars, in Persian digits in fa; the
 * drawing and its labels are mirrored right to left together; "Show as table" gives every number
 * as a table matching the metrics API; axe stays clean with the table open; nothing scrolls
 * sideways, and the page raises no console error under its strict CSP (the labels are placed
 * through the CSSOM, which the CSP allows, not by style attributes, which it refuses).
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Metrics } from '../../shared/metrics.ts';
import { formatNumber } from '../../shared/format.ts';
import { en } from '../../console/src/i18n/en.ts';
import { fa } from '../../console/src/i18n/fa.ts';
import { logIn, marker, submit } from './admin-fixtures.ts';
import { useBrowser, watchErrors } from './browser.ts';
import { axe, withoutCsp } from './axe.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const browser = useBrowser();

const SIZES = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 360, height: 780 }],
] as const;

beforeAll(async () => {
  // A few published ratings and a complaint, so every chart has something to show whatever ran before.
  const tag = marker('dash');
  const login = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  for (const rating of [1, 4, 5, 5]) {
    const created = await submit(baseUrl, siteId, { kind: 'review', rating, body: `Chart journey ${tag} teapot ${rating}`, author: { name: 'Dana' } });
    if (created.status === 'published') continue;
    const res = await fetch(`${baseUrl}/v1/admin/submissions/${created.id}/decision`, {
      method: 'POST',
      headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.status).toBe(200);
  }
  await submit(baseUrl, siteId, { kind: 'complaint', category: 'delivery', body: `Chart journey ${tag}: the parcel is late`, author: { name: 'Dana', email: 'dana@example.com' } });
});

const texts = (l: Locator) => l.evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
const centreX = async (l: Locator) => {
  const box = await l.boundingBox();
  return box ? box.x + box.width / 2 : Number.NaN;
};
const centreY = async (l: Locator) => {
  const box = await l.boundingBox();
  return box ? box.y + box.height / 2 : Number.NaN;
};

async function openDashboard(page: Page, lang: 'en' | 'fa'): Promise<Locator> {
  await logIn(page, baseUrl, staffToken, lang);
  await page.goto(`${baseUrl}/admin/?lang=${lang}#/dashboard`);
  const ratings = page.locator('rb-admin-dashboard section[aria-labelledby="ratings"] rb-bar-chart');
  await ratings.locator('svg[role="img"]').waitFor();
  return ratings;
}

describe('dashboard charts', () => {
  for (const lang of ['en', 'fa'] as const) {
    for (const [device, viewport] of SIZES) {
      it(`show axes, values and a table, mirrored in ${lang} (${device})`, async () => {
        const m = lang === 'fa' ? fa : en;
        const n = (v: number) => formatNumber(v, lang, 0);

        // Under the real CSP first: the labels must be placed, and nothing may be refused.
        const strict = await browser().newContext({ viewport });
        const page = await strict.newPage();
        const errors = watchErrors(page);
        const ratings = await openDashboard(page, lang);
        const metrics = (await page.evaluate(() => fetch('/v1/admin/metrics').then((r) => r.json()))) as Metrics;
        const counts = [...metrics.ratingDistribution];
        expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

        // Values above the bars, ticks on the value axis, a label under each bar, both axis titles.
        expect(await texts(ratings.locator('.value'))).toEqual(counts.map(n));
        const ticks = await texts(ratings.locator('.y-axis span'));
        expect(ticks[0]).toBe(n(0));
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(await texts(ratings.locator('.x-axis span'))).toEqual([1, 2, 3, 4, 5].map((s) => m.dashboard.stars(s)));
        expect(await ratings.locator('.x-title').innerText()).toBe(m.charts.axisStars);
        expect(await ratings.locator('.y-title').innerText()).toBe(m.charts.axisReviews);
        if (lang === 'fa') expect([...ticks, ...(await texts(ratings.locator('.value')))].join(' ')).not.toMatch(/[0-9]/);

        // Each value and each slot label stands over its own bar, in either direction.
        const bars = ratings.locator('svg rect');
        for (const i of [0, 4]) {
          const bar = await centreX(bars.nth(i));
          expect(Math.abs((await centreX(ratings.locator('.value').nth(i))) - bar)).toBeLessThan(4);
          expect(Math.abs((await centreX(ratings.locator('.x-axis span').nth(i))) - bar)).toBeLessThan(4);
        }
        // Each tick's value sits on its grid line (the lowest and the highest).
        const lines = ratings.locator('svg line.grid-line');
        for (const i of [0, ticks.length - 1]) expect(Math.abs((await centreY(ratings.locator('.y-axis span').nth(i))) - (await centreY(lines.nth(i))))).toBeLessThan(3);
        // One star reads first: on the left in English, on the right in Persian; the value axis on the start side.
        const [one, five] = [await centreX(bars.nth(0)), await centreX(bars.nth(4))];
        expect(lang === 'fa' ? one > five : one < five).toBe(true);
        const axisX = await centreX(ratings.locator('.y-axis'));
        expect(lang === 'fa' ? axisX > one : axisX < one).toBe(true);

        // Every number as a table, behind a disclosure.
        await ratings.getByText(m.charts.showTable).click();
        const table = ratings.locator('table');
        await table.waitFor();
        expect(await texts(table.locator('thead th'))).toEqual([m.charts.axisStars, m.charts.axisReviews]);
        const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
        expect(rows).toEqual([1, 2, 3, 4, 5].map((s, i) => [m.dashboard.stars(s), n(counts[i] ?? 0)]));

        // Submissions per day: a row per day, a column per kind and the day's total.
        const perDay = page.locator('rb-admin-dashboard section[aria-labelledby="per-day"] rb-bar-chart');
        await perDay.getByText(m.charts.showTable).click();
        expect(await texts(perDay.locator('thead th'))).toEqual([m.charts.axisDay, m.kind.review, m.kind.complaint, m.kind.story, m.charts.total]);
        const days = new Set(metrics.submissionsPerDay.map((r) => r.day.slice(0, 10)));
        expect(await perDay.locator('tbody tr').count()).toBeGreaterThanOrEqual(days.size);
        const average = page.locator('rb-admin-dashboard section[aria-labelledby="average"] rb-line-chart');
        expect(await texts(average.locator('.y-axis span'))).toEqual([1, 2, 3, 4, 5].map((v) => formatNumber(v, lang, 1)));
        expect(await average.locator('.y-title').innerText()).toBe(m.charts.axisAverage);

        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await strict.close();

        // axe needs to inject its script, which the CSP refuses: the same page without it, tables open.
        const open = await browser().newContext({ viewport });
        await withoutCsp(open);
        const axePage = await open.newPage();
        const again = await openDashboard(axePage, lang);
        await again.getByText(m.charts.showTable).click();
        await again.locator('table').waitFor();
        expect(await axe(axePage)).toEqual([]);
        await open.close();
      });
    }
  }
});
