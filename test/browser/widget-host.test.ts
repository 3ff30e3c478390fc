/**
 * The widget on hostile and strict host pages: a stylesheet that tries to break it (and must
 * not be affected by ours), a strict CSP with Trusted Types, a single-page app that inserts and
 * removes the element after load, and a page that loads the script twice.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, watchCspViolations } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, staffApi, submitFromNode, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();
/** A subject of its own with one published review, so the summary and its bars are drawn. */
const hostileSubject = marker('sku-hostile-');

beforeAll(async () => {
  const staff = await staffApi(baseUrl, staffToken);
  const created = await submitFromNode(baseUrl, siteId, { kind: 'review', subject: hostileSubject, rating: 4, title: 'Kettle', body: 'Boils fast, a little loud', author: { name: 'Sara' } });
  await staff.approve(created.id);
});

const HOSTILE = `<style>
  * { letter-spacing: 6px !important; text-transform: uppercase !important; line-height: 0.4 !important;
      visibility: hidden; color: red !important; box-sizing: content-box !important; text-align: right !important; }
  button, select, input, textarea { all: unset !important; }
  div, p, li, span, section, ol, form, label { display: none !important; }
  #below { display: block !important; visibility: visible; }
</style>`;

describe('widget on host pages', () => {
  it('is not broken by a hostile host stylesheet, and leaks no styles out', async () => {
    const { context, page, errors } = await openPage(browser());
    const url = await serveMerchant(context, merchantOrigin, '/hostile', merchantHtml(baseUrl, siteId, { attrs: { subject: hostileSubject }, head: HOSTILE }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    const summary = widget.locator('[part="summary"]');
    expect(await summary.isVisible()).toBe(true);
    const style = await widget.locator('[part="bar"]').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { letterSpacing: s.letterSpacing, textTransform: s.textTransform, visibility: s.visibility, display: s.display };
    });
    expect(style).toEqual({ letterSpacing: 'normal', textTransform: 'none', visibility: 'visible', display: 'grid' });
    // Still usable: a tab opens its form.
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    // The form renders after the click's update: wait for it, rather than catch a busy machine mid-render.
    await widget.getByLabel('Your story').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await widget.getByLabel('Your story').isVisible()).toBe(true);
    // Our `p { margin: 0 }` and friends stay inside the shadow root.
    expect(await page.locator('#below').evaluate((el) => getComputedStyle(el).marginBlockStart)).not.toBe('0px');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works under a strict nonce CSP with Trusted Types, without a console error or violation', async () => {
    const { context, page, errors } = await openPage(browser());
    const csp = [
      "default-src 'none'",
      "script-src 'nonce-{nonce}' 'strict-dynamic'",
      `connect-src ${baseUrl}`,
      "style-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types lit-html',
    ].join('; ');
    const html = merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-csp' } });
    const url = await serveMerchant(context, merchantOrigin, '/csp', html, csp);
    const violations = await watchCspViolations(page);
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await widget.getByLabel('Your story').fill('Strict pages work too');
    await widget.getByLabel('Your name').fill('Cyrus');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[part="confirmation"]').waitFor();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders when a single-page app inserts it after load, and again after being moved', async () => {
    const { context, page, errors } = await openPage(browser());
    const url = await serveMerchant(context, merchantOrigin, '/spa', merchantHtml(baseUrl, siteId, { noElement: true }));
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('rb-feedback') !== undefined);
    await page.evaluate(() => {
      const el = document.createElement('rb-feedback');
      el.setAttribute('subject', 'sku-spa');
      el.id = 'late';
      document.querySelector('main')?.append(el);
    });
    await widgetReady(page, '#late');
    await page.evaluate(() => {
      const el = document.getElementById('late');
      el?.remove();
      if (el) document.body.prepend(el);
    });
    await widgetReady(page, '#late');
    await page.evaluate(() => document.getElementById('late')?.remove());
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is harmless when the script is loaded twice', async () => {
    const { context, page, errors } = await openPage(browser());
    const twice = `<script type="module" src="${baseUrl}/widget.js?copy=2" data-site="${siteId}"></script>`;
    const url = await serveMerchant(context, merchantOrigin, '/twice', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-twice' }, head: twice }));
    await page.goto(url);
    await widgetReady(page);
    expect(await page.locator('rb-feedback').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
