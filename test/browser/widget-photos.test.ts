/**
 * Photo reviews end to end in Chromium, in English and Persian, on a desktop and a 360 px phone:
 * a shopper attaches one photo with the file picker and one by pasting, sends; staff see both in
 * the console and approve; the published review shows both thumbnails (lazy, sized) and the
 * lightbox opens, moves with the arrow keys (mirrored right to left), closes with Esc and gives
 * focus back, with no axe violations while open.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { cameraJpeg, PNG_4x3 } from '../../worker/src/lib/image/fixtures.ts';
import { logIn } from './admin-fixtures.ts';
import { useBrowser } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const browser = useBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown; failureSummary: string }[] }[];
}

/** The deepest focused element's accessible name or text, through shadow roots. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName ?? ''}:${el?.getAttribute('aria-label') ?? el?.querySelector('img')?.getAttribute('alt') ?? el?.textContent?.trim() ?? ''}`;
  });
}

async function pastePhoto(target: Locator, bytes: Uint8Array): Promise<void> {
  await target.evaluate((el, data) => {
    const file = new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' });
    const clipboardData = new DataTransfer();
    clipboardData.items.add(file);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true, cancelable: true }));
  }, [...bytes]);
}

const SIZES = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 360, height: 780 }],
] as const;

describe('photo reviews', () => {
  for (const lang of ['en', 'fa'] as const) {
    for (const [device, viewport] of SIZES) {
      it(`attach by picker and paste, approve in the console, browse in the lightbox (${lang}, ${device})`, async () => {
        const subject = marker('sku-photos-');
        const name = lang === 'fa' ? 'سارا' : 'Sara';
        const { context, page, errors } = await openPage(browser());
        await page.setViewportSize(viewport);
        const url = await serveMerchant(context, merchantOrigin, `/photos-${lang}-${device}`, merchantHtml(baseUrl, siteId, { attrs: { subject }, lang }));
        await page.goto(url);
        await widgetReady(page);
        const widget = page.locator('rb-feedback');

        await widget.locator('#tab-review').click();
        await widget.locator('label[for="r-5"]').click();
        const body = widget.locator('textarea[name="body"]');
        await body.fill(`${subject} teapot as pictured`);
        await widget.locator('input[name="author.name"]').fill(name);
        const picker = widget.locator('rb-photo-picker');
        await picker.locator('input[type="file"]').setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(cameraJpeg()) });
        await pastePhoto(body, PNG_4x3);
        await expect.poll(() => picker.locator('li .remove').count(), { timeout: 15_000 }).toBe(2);
        const send = widget.locator('[part="send"]');
        await expect.poll(() => send.isEnabled(), { timeout: 15_000 }).toBe(true);
        expect(await picker.locator('progress').count()).toBe(0);
        const posted = page.waitForResponse((r) => r.url().endsWith('/submissions') && r.request().method() === 'POST');
        await send.click();
        const created = (await (await posted).json()) as { id: string; status: string };
        expect(created.status).toBe('pending');
        await widget.locator('[part="confirmation"]').waitFor();

        // Staff: the console shows both photos of the pending review; approving publishes it.
        const staffPage = await context.newPage();
        await logIn(staffPage, baseUrl, staffToken, lang);
        await staffPage.goto(`${baseUrl}/admin/${lang === 'fa' ? '?lang=fa' : ''}#/queue/${created.id}`);
        const photos = staffPage.locator('rb-admin-photos li img');
        await expect.poll(() => photos.count(), { timeout: 15_000 }).toBe(2);
        await expect.poll(() => photos.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        await staffPage.locator('rb-admin-detail button.primary').first().click();
        await expect
          .poll(async () => (await staffPage.evaluate((id) => fetch(`/v1/admin/submissions/${id}`).then((r) => r.json()), created.id)).status, { timeout: 15_000 })
          .toBe('published');
        await staffPage.close();

        // The shopper's page, reloaded: both thumbnails, lazy and sized, then the lightbox.
        await page.reload();
        await widgetReady(page);
        const thumbs = widget.locator('rb-photos [part="thumb"]');
        await expect.poll(() => thumbs.count(), { timeout: 15_000 }).toBe(2);
        const img = thumbs.first().locator('img');
        expect(await img.getAttribute('loading')).toBe('lazy');
        expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
        expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
        const alt1 = lang === 'fa' ? `عکس ۱ از ۲ در نظر ${name}` : `Photo 1 of 2 from ${name}’s review`;
        const alt2 = lang === 'fa' ? `عکس ۲ از ۲ در نظر ${name}` : `Photo 2 of 2 from ${name}’s review`;
        expect(await img.getAttribute('alt')).toBe(alt1);

        await thumbs.first().click();
        const dialog = widget.locator('rb-photos dialog[open]');
        await dialog.waitFor();
        const big = dialog.locator('[part="photo"]');
        expect(await big.getAttribute('alt')).toBe(alt1);
        await expect.poll(() => big.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);

        await page.addScriptTag({ content: AXE });
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run({ include: [['rb-feedback']] }, { resultTypes: ['violations'] }),
        )) as AxeResult;
        expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)).toEqual([]);

        // "Next" is the reading direction: the right arrow in English, the left arrow in Persian.
        await page.keyboard.press(lang === 'fa' ? 'ArrowLeft' : 'ArrowRight');
        await expect.poll(() => big.getAttribute('alt')).toBe(alt2);
        await page.keyboard.press(lang === 'fa' ? 'ArrowRight' : 'ArrowLeft');
        await expect.poll(() => big.getAttribute('alt')).toBe(alt1);
        // Focus stays inside: Tab from the last control wraps to the first.
        for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
        expect(await dialog.evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);

        await page.keyboard.press('Escape');
        await expect.poll(() => widget.locator('rb-photos dialog[open]').count()).toBe(0);
        expect(await focusedLabel(page)).toBe(`BUTTON:${alt1}`);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
