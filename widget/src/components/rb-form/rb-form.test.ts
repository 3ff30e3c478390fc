import { afterEach, describe, expect, it } from 'vitest';
import { RbForm } from './rb-form.ts';
import { storageKey } from '../../lib/outbox-key.ts';
import type { Lang } from '../../../../shared/submission.ts';

// Nothing listens here: every send fails like a dropped connection, exercising the outbox.
const API = { base: 'http://127.0.0.1:9', site: 'pk_formtest' };

async function mount(kind: 'review' | 'complaint' | 'story', language: Lang = 'en') {
  const el = new RbForm();
  el.api = API;
  el.kind = kind;
  el.language = language;
  el.subject = 'sku-1';
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return { el, root };
}

function fill(root: ShadowRoot, selector: string, value: string) {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector);
  if (!field) throw new Error(`no ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  history.replaceState(null, '', '/');
});

describe('rb-form', () => {
  describe('accessibility', () => {
    it('labels every field, marks email as never published and hides the honeypot from people and assistive tech', async () => {
      const { root } = await mount('review');
      for (const control of root.querySelectorAll('input:not([type=radio]):not([name=hp]), textarea, select')) {
        expect(root.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull();
      }
      expect(root.querySelector('fieldset legend')?.textContent).toBe('Your rating');
      expect(root.querySelectorAll('input[type=radio][name=rating]')).toHaveLength(5);
      const email = root.querySelector('#f-author-email');
      expect(root.querySelector('label[for="f-author-email"]')?.textContent).toBe('Email (optional)');
      expect(root.querySelector(`#${email?.getAttribute('aria-describedby')}`)?.textContent).toBe('Never published.');
      const hp = root.querySelector('.hp');
      expect(hp?.getAttribute('aria-hidden')).toBe('true');
      expect(hp?.querySelector('input')?.getAttribute('tabindex')).toBe('-1');
    });

    it('offers the complaint categories in Persian', async () => {
      const { root } = await mount('complaint', 'fa');
      const options = [...root.querySelectorAll('#f-category option')].map((o) => o.textContent);
      expect(options).toEqual(['یکی را انتخاب کنید…', 'ایراد کالا', 'ارسال', 'پرداخت و صورتحساب', 'خدمات', 'موضوع دیگر']);
    });
  });

  describe('validation', () => {
    it('shows each error beside its field and sends nothing', async () => {
      const { el, root } = await mount('review');
      root.querySelector<HTMLButtonElement>('[part=send]')?.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(root.querySelector('#e-rating')?.textContent).toBe('Please choose a rating.');
      expect(root.querySelector('#f-body-error')?.textContent).toBe('This field is required.');
      expect(root.querySelector('#f-author-name-error')?.textContent).toBe('This field is required.');
      expect(root.querySelector('#f-body')?.getAttribute('aria-invalid')).toBe('true');
      expect(localStorage.getItem(storageKey(API.site))).toBeNull();
    });

    it('counts characters as the shopper types', async () => {
      const { el, root } = await mount('story');
      fill(root, '#f-body', 'سلام 👋');
      await el.updateComplete;
      expect(root.querySelector('#f-body-count')?.textContent).toBe('6 of 5,000 characters');
    });
  });

  describe('events', () => {
    it('keeps an undeliverable review in the outbox with its key, anti-abuse meta and order token, and says so', async () => {
      history.replaceState(null, '', '/product?rb_order=signed-token-123');
      const { el, root } = await mount('review');
      const queued: string[] = [];
      el.addEventListener('rb-queued', (e) => queued.push(e.kind));
      root.querySelector<HTMLInputElement>('#r-5')?.click();
      fill(root, '#f-body', '  Great kettle  ');
      fill(root, '#f-author-name', 'Sara');
      fill(root, '#f-author-email', 'sara@example.com');
      root.querySelector<HTMLButtonElement>('[part=send]')?.click();
      await expect.poll(() => root.querySelector('[part=confirmation]')?.textContent ?? '', { timeout: 10_000 }).toContain('keep trying'); // happy-dom reports itself online: the server was just unreachable
      expect(queued).toEqual(['review']);
      const [entry] = JSON.parse(localStorage.getItem(storageKey(API.site)) ?? '[]');
      expect(entry.key).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
      expect(entry.attempts).toBe(1);
      expect(entry.body).toMatchObject({
        kind: 'review',
        rating: 5,
        body: 'Great kettle',
        subject: 'sku-1',
        lang: 'en',
        orderToken: 'signed-token-123',
        author: { name: 'Sara', email: 'sara@example.com' },
        meta: { elapsedMs: expect.any(Number) },
      });
      expect(entry.body.meta.hp).toBeUndefined();
      // Read once, then out of the address bar, where other scripts on the page would see it.
      expect(location.search).toBe('');
    });
  });

  describe('turnstile', () => {
    afterEach(() => {
      Reflect.deleteProperty(window, 'turnstile');
    });

    it('says in Persian that it is checking, holds Send until the token, and keeps the token with a message it could not send', async () => {
      // Cloudflare's script cannot load here: a stand-in on window.turnstile, as a merchant's own would be.
      let answer: ((token: string) => void) | undefined;
      const rendered: { sitekey: string; language: string }[] = [];
      Object.assign(window, {
        turnstile: {
          render: (_: HTMLElement, o: { sitekey: string; language: string; callback: (t: string) => void }) => {
            rendered.push({ sitekey: o.sitekey, language: o.language });
            answer = o.callback;
            return 'w1';
          },
          reset: () => undefined,
          remove: () => undefined,
        },
      });
      const el = new RbForm();
      Object.assign(el, { api: API, kind: 'story', language: 'fa', subject: 'sku-1', sitekey: '1x00000000000000000000AA' });
      document.body.append(el);
      await expect.poll(() => rendered).toEqual([{ sitekey: '1x00000000000000000000AA', language: 'fa' }]);
      const root = el.shadowRoot;
      if (!root) throw new Error('no shadow root');
      await el.updateComplete;
      const send = root.querySelector<HTMLButtonElement>('[part=send]');
      expect(send?.disabled).toBe(true);
      expect(root.querySelector('[part=challenge] + [role=status]')?.textContent).toBe('در حال بررسی این‌که انسان هستید…');

      answer?.('tok-a');
      await el.updateComplete;
      expect(send?.disabled).toBe(false);
      expect(root.querySelector('[part=challenge] + [role=status]')).toBeNull();
      fill(root, '#f-body', 'A story');
      fill(root, '#f-author-name', 'Sara');
      send?.click();
      await expect.poll(() => root.querySelector('[part=confirmation]'), { timeout: 10_000 }).not.toBeNull();
      expect(localStorage.getItem(storageKey(API.site))).toContain('"turnstile":"tok-a"');
    });
  });
});
