/**
 * Issue 14, the shopper's forms, walked in Chromium at 1280 and 360 px, in English and Persian
 * (the phone runs in the dark scheme, so axe checks the error and counter colours in both):
 * each form is filled and sent; each kind of error is triggered and moves focus to the field to
 * fix, with a message that says what is expected (and the limit); the counter past its limit;
 * the star keys; exact "email or phone" labels; the complaint's category; and the wording after
 * sending, which matches what the server did with it (held for the shop's check, or published).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.ts';
import { marker, merchantHtml, openPage, serveMerchant, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const browser = useBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SIZES = [
  ['desktop', { width: 1280, height: 900 }, 'light'],
  ['phone', { width: 360, height: 780 }, 'dark'],
] as const;

/** What the shopper should read, per language (written out, not imported, so a changed string fails here). */
const T = {
  en: {
    tabs: ['Write a review', 'Report a problem', 'Tell a story'],
    summary: 'Please check the fields marked below: each says what to change.',
    rating: 'Please choose a rating.',
    titleLimit: 'Too long: at most 120 characters.',
    counterOver: '5,003 of 5,000 characters: 3 too many',
    liveOver: 'Too long: at most 5,000 characters.',
    email: 'Enter an email address like name@example.com.',
    phone: 'Enter a phone number of at least 5 digits, like +44 20 7946 0958.',
    category: 'Choose what it is about.',
    choose: 'Choose one…',
    contact: 'Give an email or a phone number so the shop can reach you.',
    emailLabel: 'Email (required if you give no phone)',
    emailOptional: 'Email (optional)',
    phoneLabel: 'Phone (required if you give no email)',
    pending: { review: 'The shop checks reviews before they appear here.', story: 'Your story has reached the shop, who reads every one. Stories are not shown with the reviews.' },
    published: { review: 'Your review is now published.', story: 'Your story has reached the shop, who reads every one. Stories are not shown with the reviews.' },
    four: '4',
    name: 'Sara',
  },
  fa: {
    tabs: ['نوشتن نظر', 'گزارش مشکل', 'روایت تجربه'],
    summary: 'لطفاً بخش‌های مشخص‌شده‌ی زیر را بررسی کنید: کنار هر کدام نوشته چه چیزی باید تغییر کند.',
    rating: 'لطفاً امتیاز دهید.',
    titleLimit: 'طولانی است: حداکثر ۱۲۰ نویسه.',
    counterOver: '۵٬۰۰۳ از ۵٬۰۰۰ نویسه: ۳ نویسه بیش از حد',
    liveOver: 'طولانی است: حداکثر ۵٬۰۰۰ نویسه.',
    email: 'نشانی ایمیل را مانند name@example.com وارد کنید.',
    phone: 'شماره تلفن را با دست‌کم ۵ رقم وارد کنید، مانند ۰۹۱۲ ۳۴۵ ۶۷۸۹.',
    category: 'انتخاب کنید موضوع چیست.',
    choose: 'یکی را انتخاب کنید…',
    contact: 'ایمیل یا شماره تلفن بدهید تا فروشگاه بتواند با شما تماس بگیرد.',
    emailLabel: 'ایمیل (اگر تلفن نمی‌دهید، لازم است)',
    emailOptional: 'ایمیل (اختیاری)',
    phoneLabel: 'تلفن (اگر ایمیل نمی‌دهید، لازم است)',
    pending: { review: 'فروشگاه نظرها را پیش از نمایش می‌خواند.', story: 'روایت شما به فروشگاه رسید؛ فروشگاه همه‌ی روایت‌ها را می‌خواند. روایت‌ها کنار نظرها نمایش داده نمی‌شوند.' },
    published: { review: 'نظر شما منتشر شد.', story: 'روایت شما به فروشگاه رسید؛ فروشگاه همه‌ی روایت‌ها را می‌خواند. روایت‌ها کنار نظرها نمایش داده نمی‌شوند.' },
    four: '۴',
    name: 'سارا',
  },
} as const;

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown; failureSummary: string }[] }[];
}

/** The id of the deepest focused element, through the widget's shadow roots. */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id ?? '';
  });
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run({ include: [['rb-feedback']] }, { resultTypes: ['violations'] }),
  )) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary).join(' | ')}`);
}

/** A key press from a Persian keyboard layout, through the DevTools protocol (real key events, trusted). */
async function persianDigit(page: Page, key: string, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const digit = Number(code.slice(-1));
  const event = { key, code, text: key, unmodifiedText: key, windowsVirtualKeyCode: 48 + digit, nativeVirtualKeyCode: 48 + digit };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...event });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...event });
  await cdp.detach();
}

const text = (l: Locator) => l.innerText().then((t) => t.replace(/\s+/g, ' ').trim());

describe('journey: the shopper fills the forms', () => {
  for (const lang of ['en', 'fa'] as const) {
    for (const [device, viewport, scheme] of SIZES) {
      it(`review, complaint and story: errors, focus, limits, counter, stars, wording (${lang}, ${device})`, async () => {
        const t = T[lang];
        const { context, page, errors } = await openPage(browser(), { colorScheme: scheme });
        await page.setViewportSize(viewport);
        // Stored as the response arrives (before the page can read it), its body read later.
        const answers: Promise<{ status: number; body: { status?: string; case?: { ref: string } } }>[] = [];
        page.on('response', (res) => {
          if (res.request().method() === 'POST' && res.url().endsWith('/submissions')) {
            answers.push(res.json().catch(() => ({})).then((body: { status?: string; case?: { ref: string } }) => ({ status: res.status(), body })));
          }
        });
        const url = await serveMerchant(context, merchantOrigin, `/journey-form-${lang}-${device}`, merchantHtml(baseUrl, siteId, { attrs: { subject: marker('sku-form-') }, lang }));
        await page.goto(url);
        await widgetReady(page);
        const w = page.locator('rb-feedback');
        const done = async (kind: 'review' | 'story') => {
          const confirmation = w.locator('[part="confirmation"]');
          await confirmation.waitFor({ timeout: 15_000 });
          const answer = await answers.at(-1);
          expect(answer?.status).toBe(201);
          // Honest either way: held for the shop's check, or shown at once when the site publishes directly.
          expect(await text(confirmation)).toContain(answer?.body.status === 'published' ? t.published[kind] : t.pending[kind]);
          expect(await text(confirmation)).not.toMatch(/after review|پس از بررسی منتشر/);
        };

        // The review: Send with nothing filled moves focus to the stars, whose error says what to do.
        await w.getByRole('tab', { name: t.tabs[0] }).click();
        await w.locator('#r-1').waitFor({ state: 'attached' });
        await w.locator('[part="send"]').click();
        await expect.poll(() => focusedId(page)).toBe('r-1');
        expect(await text(w.locator('[role="alert"]'))).toBe(t.summary);
        expect(await text(w.locator('#e-rating'))).toBe(t.rating);

        // The stars by keyboard: End, Home, a number key (Persian digit in Persian), the arrow that goes forward.
        const checked = () => w.locator('input[name="rating"]:checked').getAttribute('value');
        await page.keyboard.press('End');
        expect(await checked()).toBe('5');
        expect(await focusedId(page)).toBe('r-5');
        await page.keyboard.press('Home');
        expect(await checked()).toBe('1');
        // Playwright knows only the US layout: the digit key as a Persian layout sends it (key "۴", code Digit4).
        if (lang === 'fa') await persianDigit(page, '۴', 'Digit4');
        else await page.keyboard.press(t.four);
        expect(await checked()).toBe('4');
        await page.keyboard.press(lang === 'fa' ? 'ArrowLeft' : 'ArrowRight');
        expect(await checked()).toBe('5');
        await page.keyboard.press(lang === 'fa' ? 'ArrowRight' : 'ArrowLeft');
        expect(await checked()).toBe('4');

        // Too long: the counter turns and says by how much; the error gives the limit and takes focus.
        await w.locator('#f-title').fill('t'.repeat(121));
        await w.locator('#f-body').fill('b'.repeat(5003));
        const counter = w.locator('#f-body-count');
        expect(await text(counter)).toBe(t.counterOver);
        expect(await counter.getAttribute('class')).toContain('over');
        expect(await w.locator('#f-body-count + [aria-live="polite"]').textContent()).toBe(t.liveOver);
        await w.locator('#f-author-name').fill(t.name);
        await w.locator('#f-author-email').fill('sara-at-example');
        await w.locator('[part="send"]').click();
        await expect.poll(() => focusedId(page)).toBe('f-title');
        expect(await text(w.locator('#f-title-error'))).toBe(t.titleLimit);
        expect(await w.locator('#f-title').getAttribute('aria-describedby')).toContain('f-title-error');
        expect(await w.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
        expect(await text(w.locator('#f-author-email-error'))).toBe(t.email);
        // With errors shown and the counter over its limit, in this colour scheme: no axe violation (contrast included).
        expect(await axe(page)).toEqual([]);

        await w.locator('#f-title').fill(lang === 'fa' ? 'کتری خوب' : 'Good kettle');
        await w.locator('#f-body').fill(`${marker('journey ')} ${lang === 'fa' ? 'زود جوش می‌آید' : 'boils fast'}`);
        expect(await counter.getAttribute('class')).not.toContain('over');
        await w.locator('#f-author-email').fill('sara.journey@example.com');
        await w.locator('[part="send"]').click();
        await done('review');

        // The complaint: exact contact labels, an explained category, each error in turn.
        await w.getByRole('tab', { name: t.tabs[1] }).click();
        await w.locator('#f-category').waitFor();
        expect(await text(w.locator('label[for="f-author-email"]'))).toBe(t.emailLabel);
        expect(await text(w.locator('label[for="f-author-phone"]'))).toBe(t.phoneLabel);
        expect(await w.locator('#f-category').inputValue()).toBe('');
        expect(await text(w.locator('#f-category option').first())).toBe(t.choose);
        await w.locator('[part="send"]').click();
        await expect.poll(() => focusedId(page)).toBe('f-category');
        expect(await text(w.locator('#f-category-error'))).toBe(t.category);

        await w.locator('#f-category').selectOption('delivery');
        await w.locator('#f-body').fill(`${marker('journey ')} ${lang === 'fa' ? 'دو هفته دیر رسید' : 'arrived two weeks late'}`);
        await w.locator('#f-author-name').fill(t.name);
        await w.locator('[part="send"]').click();
        await expect.poll(() => focusedId(page)).toBe('f-author-email');
        expect(await text(w.locator('#contact-error'))).toBe(t.contact);
        expect(await w.locator('#f-author-phone').getAttribute('aria-describedby')).toContain('contact-error');
        expect(await axe(page)).toEqual([]);

        await w.locator('#f-author-phone').fill('12');
        await w.locator('[part="send"]').click();
        await expect.poll(() => focusedId(page)).toBe('f-author-phone');
        expect(await text(w.locator('#f-author-phone-error'))).toBe(t.phone);
        await w.locator('#f-author-phone').fill(lang === 'fa' ? '۰۹۱۲ ۳۴۵ ۶۷۸۹' : '+44 20 7946 0958');
        expect(await text(w.locator('label[for="f-author-email"]'))).toBe(t.emailOptional);
        // This send's own answer: the listener above reads bodies asynchronously, and on a busy
        // machine the confirmation can be drawn before that listener has stored it.
        const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/submissions'));
        await w.locator('[part="send"]').click();
        const receipt = (await (await sent).json()) as { case?: { ref: string } };
        await w.locator('[part="confirmation"]').waitFor({ timeout: 15_000 });
        const ref = receipt.case?.ref;
        expect(ref).toBeTruthy();
        expect(await text(w.locator('[part="confirmation"]'))).toContain(ref ?? '???');

        // The story: the limit in its title, then sent.
        await w.getByRole('tab', { name: t.tabs[2] }).click();
        await w.locator('#f-body').waitFor();
        await w.locator('#f-body').fill(`${marker('journey ')} ${lang === 'fa' ? 'هر صبح با این کتری' : 'every morning with this kettle'}`);
        await w.locator('#f-author-name').fill(t.name);
        await w.locator('[part="send"]').click();
        await done('story');

        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
