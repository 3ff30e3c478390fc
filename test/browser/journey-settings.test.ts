/**
 * Issue 14's merchant journey through the settings page, at 1280 and 360 px in English and
 * Persian: the page passes axe and fits the width; a wrong value is named at its field in the
 * page's language; the merchant then switches the widget to the dark theme, drops the story tab,
 * rewords the heading and turns on auto-publish, saves ("Saved." beside the button), and a
 * merchant page shows the change; a clean review from a shopper without an order link is then
 * published at once. The demo site is shared with every browser suite: each test puts back the
 * settings it found, whatever happens.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from './browser.ts';
import { logIn } from './admin-fixtures.ts';
import { marker, merchantHtml, serveMerchant, shopperIp, staffApi, widgetReady } from './widget-fixtures.ts';
import { en } from '../../console/src/i18n/en.ts';
import { fa } from '../../console/src/i18n/fa.ts';
import { formEn } from '../../widget/src/i18n/form-en.ts';
import { formFa } from '../../widget/src/i18n/form-fa.ts';
import { axe, withoutCsp } from './axe.ts';


const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');

let browser: Browser;
let staff: Awaited<ReturnType<typeof staffApi>>;

beforeAll(async () => {
  browser = await launch();
  staff = await staffApi(baseUrl, staffToken);
});
afterAll(async () => {
  await browser?.close();
});

const COMBINATIONS = [
  { width: 1280, lang: 'en' },
  { width: 1280, lang: 'fa' },
  { width: 360, lang: 'en' },
  { width: 360, lang: 'fa' },
] as const;

describe('merchant journey: settings reach the widget', () => {
  for (const { width, lang } of COMBINATIONS) {
    it(`at ${width} px in ${lang}: theme, tabs, a text and auto-publish, saved and seen on a merchant page`, { timeout: 120_000 }, async () => {
      const m = lang === 'fa' ? fa : en;
      const w = lang === 'fa' ? formFa : formEn;
      const original = await staff.settings();
      const heading = `${lang === 'fa' ? 'نظر مشتریان' : 'Buyers say'} ${marker('h')}`;
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      try {
        await withoutCsp(context);
        const page = await context.newPage();
        const errors = watchErrors(page);
        await logIn(page, baseUrl, staffToken, lang);
        await page.goto(`${baseUrl}/admin/?lang=${lang}#/settings`);
        const view = page.locator('rb-admin-settings');
        await view.locator('form').first().waitFor();
        await view.locator('rb-admin-webhooks form').waitFor();

        // Right to left in Persian, no sideways scrolling on a phone, nothing for axe to report.
        expect(await view.evaluate((el) => getComputedStyle(el).direction)).toBe(lang === 'fa' ? 'rtl' : 'ltr');
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        // Every setting is explained: the new one in the page's language.
        expect(await view.locator('#set-unverified-hint').textContent()).toBe(m.settings.holdUnverifiedHint);

        // A wrong value is named at its field, in this language, and gets focus; nothing is saved.
        const hours = view.locator('input[name="responseTimeHours"]');
        const hoursBefore = await hours.inputValue();
        await hours.fill('soon');
        const save = view.getByRole('button', { name: m.save, exact: true });
        await save.click();
        await expect.poll(() => view.locator('#rt-error').textContent()).toBe(m.settings.fieldErrors.number);
        expect(await hours.getAttribute('aria-describedby')).toContain('rt-error');
        expect(await hours.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
        expect(await view.locator('.actions [role="alert"]').textContent()).toBe(m.settings.fixFields);
        await hours.fill(hoursBefore);

        // The merchant's changes.
        await view.getByRole('radio', { name: m.settings.themes.dark, exact: true }).check();
        await view.getByRole('checkbox', { name: m.settings.kindNames.story }).uncheck();
        await view.locator(`input[name="strings.${lang}.heading"]`).fill(heading);
        await view.getByRole('radio', { name: m.settings.auto }).check();
        expect(await view.getByRole('checkbox', { name: m.settings.holdUnverified }).isChecked()).toBe(false);
        await save.click();

        // "Saved." appears beside the button that saved, on the same row and in view.
        const notice = view.locator('.actions p[role="status"]');
        await expect.poll(() => notice.textContent()).toBe(m.saved);
        const [button, said] = [await save.boundingBox(), await notice.boundingBox()];
        expect(button && said).toBeTruthy();
        if (button && said) {
          expect(Math.abs(button.y + button.height / 2 - (said.y + said.height / 2))).toBeLessThan(button.height);
          expect(said.x + said.width).toBeLessThanOrEqual(width);
        }
        expect(await view.locator('#rt-error').count()).toBe(0);
        expect(errors).toEqual([]);

        // A merchant page in the same language shows the change.
        const shop = await browser.newContext({ viewport: { width, height: 900 }, extraHTTPHeaders: { 'cf-connecting-ip': shopperIp() } });
        try {
          const shopPage = await shop.newPage();
          const shopErrors = watchErrors(shopPage);
          const subject = marker('sku-journey-');
          const url = await serveMerchant(shop, merchantOrigin, `/journey-${lang}-${width}`, merchantHtml(baseUrl, siteId, { lang, attrs: { subject, lang } }));
          const widget = shopPage.locator('rb-feedback');
          // Public reads may be a second stale: reload until the new heading is served.
          await expect
            .poll(
              async () => {
                await shopPage.goto(url);
                await widgetReady(shopPage);
                return widget.locator('[part="base"]').getAttribute('aria-label');
              },
              { timeout: 20_000, interval: 1_000 },
            )
            .toBe(heading);
          expect(await widget.locator('[part="base"]').evaluate((el) => getComputedStyle(el).colorScheme)).toBe('dark');
          expect(await widget.getByRole('tab').allInnerTexts()).toEqual([w.tab_review, w.tab_complaint]);

          // A clean review from a shopper without an order link is published at once.
          const body = `${lang === 'fa' ? 'کتری خوبی است و زود جوش می‌آید' : 'A good kettle that boils quickly'} ${marker('r')}`;
          await widget.getByRole('tab', { name: w.tab_review }).click();
          await widget.locator('label[for="r-4"]').click();
          await widget.getByLabel(w.body_review).fill(body);
          await widget.getByLabel(w.name, { exact: true }).fill(lang === 'fa' ? 'سارا' : 'Sara');
          // A person takes a few seconds to write; a form sent sooner is flagged as a bot's.
          await shopPage.waitForTimeout(3_200);
          const answer = shopPage.waitForResponse((r) => r.url().includes('/submissions') && r.request().method() === 'POST');
          await widget.getByRole('button', { name: w.send, exact: true }).click();
          const sent = await answer;
          expect(sent.status()).toBe(201);
          expect(await sent.json()).toMatchObject({ kind: 'review', status: 'published' });
          await expect
            .poll(
              async () => {
                await shopPage.goto(url);
                await widgetReady(shopPage);
                return widget.locator('[part="list"]').innerText();
              },
              { timeout: 20_000, interval: 1_000 },
            )
            .toContain(body);
          expect(shopErrors).toEqual([]);
        } finally {
          await shop.close();
        }
      } finally {
        // Other suites use the demo site: put back exactly what was there.
        await staff.putSettings(original);
        await context.close();
      }
    });
  }
});
