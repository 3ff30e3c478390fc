/**
 * axe-core finds no violations in the widget (summary, list and an open form; and the empty
 * state of a product without reviews) in English and Persian, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, submitFromNode, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const subject = marker('sku-a11y-');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  const staff = await staffApi(baseUrl, staffToken);
  for (const [rating, name] of [
    [5, 'Sara'],
    [2, 'رضا'],
  ] as const) {
    const created = await submitFromNode(baseUrl, siteId, { kind: 'review', subject, rating, title: 'Kettle', body: `A ${rating}-star review`, author: { name } });
    await staff.approve(created.id);
  }
});
afterAll(async () => {
  await browser?.close();
});

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown; failureSummary: string }[] }[];
}

describe('widget accessibility', () => {
  for (const lang of ['en', 'fa'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`has no axe violations in ${lang}, ${scheme}`, async () => {
        const { context, page, errors } = await openPage(browser, { colorScheme: scheme });
        const url = await serveMerchant(context, merchantOrigin, `/a11y-${lang}-${scheme}`, merchantHtml(baseUrl, siteId, { attrs: { subject }, lang }));
        await page.goto(url);
        await widgetReady(page);
        const widget = page.locator('rb-feedback');
        await widget.locator('[role="tab"]').first().click();
        await widget.locator('[part="form"]').waitFor();
        await page.addScriptTag({ content: AXE });
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
            { include: [['rb-feedback']] },
            { resultTypes: ['violations'] },
          ),
        )) as AxeResult;
        const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary).join(' | ')}`);
        expect(summary).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });

      it(`has no axe violations in the empty state in ${lang}, ${scheme}`, async () => {
        const { context, page, errors } = await openPage(browser, { colorScheme: scheme });
        const url = await serveMerchant(context, merchantOrigin, `/a11y-empty-${lang}-${scheme}`, merchantHtml(baseUrl, siteId, { attrs: { subject: marker('sku-a11y-empty-') }, lang }));
        await page.goto(url);
        await widgetReady(page);
        await page.locator('rb-feedback [part="cta"]').waitFor();
        await page.addScriptTag({ content: AXE });
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
            { include: [['rb-feedback']] },
            { resultTypes: ['violations'] },
          ),
        )) as AxeResult;
        expect(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' | ')}`)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
