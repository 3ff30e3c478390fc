/**
 * What each field asks of the shopper and how it answers back: exact requirement labels, the
 * complaint's category, focus after an error, limits in messages, the counter past its limit and
 * the star keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RbForm } from './rb-form.ts';
import { storageKey } from '../../lib/outbox-key.ts';
import type { Lang } from '../../../../shared/submission.ts';

const API = { base: 'http://127.0.0.1:9', site: 'pk_fieldstest' };

async function mount(kind: 'review' | 'complaint' | 'story', language: Lang = 'en') {
  const el = new RbForm();
  Object.assign(el, { api: API, kind, language, subject: 'sku-1' });
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  const $ = <T extends Element = HTMLElement>(selector: string) => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  };
  const type = async (selector: string, value: string) => {
    const field = $<HTMLInputElement | HTMLTextAreaElement>(selector);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  };
  const send = async () => {
    $<HTMLButtonElement>('[part=send]').click();
    await el.updateComplete;
    await el.updateComplete;
  };
  const label = (id: string) => $(`label[for="${id}"]`).textContent?.replace(/\s+/g, ' ').trim();
  const description = (id: string) =>
    ($(`#${id}`).getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((ref) => root.getElementById(ref)?.textContent?.trim());
  return { el, root, $, type, send, label, description };
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('rb-form fields', () => {
  describe('what is required', () => {
    it('says that the complaint needs an email or a phone, and which one once the other is given', async () => {
      const { $, type, label, description } = await mount('complaint');
      expect($('fieldset.contact legend').textContent).toBe('How can the shop reach you?');
      expect(label('f-author-email')).toBe('Email (required if you give no phone)');
      expect(label('f-author-phone')).toBe('Phone (required if you give no email)');
      expect($('#f-author-email').hasAttribute('required')).toBe(true);
      expect($('#f-author-phone').hasAttribute('required')).toBe(true);
      expect(description('f-author-phone')).toContain('Give an email or a phone number: one is required, both are fine. Never published.');

      await type('#f-author-email', 'reza@example.com');
      expect(label('f-author-phone')).toBe('Phone (optional)');
      expect($('#f-author-phone').hasAttribute('required')).toBe(false);
      expect(label('f-author-email')).toBe('Email (required if you give no phone)');
    });

    it('marks only optional fields, says so at the top, and never calls a contact field optional while it is needed', async () => {
      const { root, label } = await mount('complaint', 'fa');
      expect(root.querySelector('form > p.hint')?.textContent).toBe('همه‌ی بخش‌ها لازم‌اند، مگر آن‌هایی که «اختیاری» دارند.');
      expect(label('f-body')).toBe('چه اتفاقی افتاد؟');
      expect(label('f-orderRef')).toBe('شماره سفارش (اختیاری)');
      expect(label('f-author-email')).not.toContain('اختیاری');
      expect(label('f-author-phone')).not.toContain('اختیاری');
    });

    it('says where the name goes: with a review in public, with a complaint or a story to the shop only', async () => {
      const review = await mount('review');
      expect(review.description('f-author-name')).toEqual(['Shown with your review. A first name is enough.']);
      document.body.replaceChildren();
      const complaint = await mount('complaint', 'fa');
      expect(complaint.description('f-author-name')).toEqual(['فقط فروشگاه آن را می‌بیند.']);
    });

    it('asks for the address when the reply notice is ticked, instead of notifying no one', async () => {
      const { $, el, type, send, label, root } = await mount('review');
      expect(label('f-author-email')).toBe('Email (optional)');
      $<HTMLInputElement>('#f-notify-replies').click();
      await el.updateComplete;
      expect(label('f-author-email')).toBe('Email (required to hear about replies)');
      $<HTMLInputElement>('#r-4').click();
      await type('#f-body', 'Fine kettle');
      await type('#f-author-name', 'Sara');
      await send();
      expect($('#f-author-email-error').textContent).toBe('Add your email to hear about replies, or untick the box.');
      expect(root.activeElement?.id).toBe('f-author-email');
      expect(localStorage.getItem(storageKey(API.site))).toBeNull();
    });
  });

  describe('the complaint category', () => {
    it('starts on an explained "Choose one…" that cannot be sent, and says so', async () => {
      const { $, send, description } = await mount('complaint');
      const select = $<HTMLSelectElement>('#f-category');
      expect(select.value).toBe('');
      expect(select.options[0]?.textContent).toBe('Choose one…');
      expect(select.options[0]?.disabled).toBe(true);
      expect(description('f-category')).toEqual(['So the right person at the shop looks at it.']);
      await send();
      expect($('#f-category-error').textContent).toBe('Choose what it is about.');
      expect(description('f-category')).toContain('Choose what it is about.');
    });
  });

  describe('after an error', () => {
    it('moves focus to the first field to fix, which is described by its error', async () => {
      const { root, send, $ } = await mount('complaint');
      await send();
      expect(root.activeElement?.id).toBe('f-category');
      expect($('#f-category').getAttribute('aria-invalid')).toBe('true');
      expect($('[role=alert]').textContent).toBe('Please check the fields marked below: each says what to change.');
    });

    it('moves focus to the stars when the rating is missing', async () => {
      const { root, send, $ } = await mount('review');
      await send();
      expect(root.activeElement?.id).toBe('r-1');
      expect($('#r-1').getAttribute('aria-describedby')).toBe('e-rating');
    });

    it('puts the "email or phone" error on the group and on both inputs', async () => {
      const { root, $, type, send, description } = await mount('complaint');
      $<HTMLSelectElement>('#f-category').value = 'delivery';
      await type('#f-body', 'Late');
      await type('#f-author-name', 'Reza');
      await send();
      expect(root.activeElement?.id).toBe('f-author-email');
      expect($('#contact-error').textContent).toBe('Give an email or a phone number so the shop can reach you.');
      expect($('#f-author-phone').getAttribute('aria-invalid')).toBe('true');
      expect(description('f-author-phone')).toContain('Give an email or a phone number so the shop can reach you.');
    });

    it('says what an email and a phone number look like', async () => {
      const { $, type, send } = await mount('complaint');
      await type('#f-author-email', 'reza-at-example');
      await type('#f-author-phone', '12');
      await send();
      expect($('#f-author-email-error').textContent).toBe('Enter an email address like name@example.com.');
      expect($('#f-author-phone-error').textContent).toBe('Enter a phone number of at least 5 digits, like +44 20 7946 0958.');
    });

    it('says the limit of a text that is too long, in Persian digits in Persian', async () => {
      const { $, type, send } = await mount('complaint', 'fa');
      await type('#f-expected', 'ا'.repeat(1001));
      await send();
      expect($('#f-expected-error').textContent).toBe('طولانی است: حداکثر ۱٬۰۰۰ نویسه.');
    });

    it('says the limit in English too', async () => {
      const { $, type, send } = await mount('story');
      await type('#f-title', 'x'.repeat(121));
      await send();
      expect($('#f-title-error').textContent).toBe('Too long: at most 120 characters.');
    });
  });

  describe('the counter', () => {
    it('turns to the error style past the limit, says by how much, and announces it once, politely', async () => {
      const { $, type } = await mount('complaint');
      await type('#f-expected', 'x'.repeat(1000));
      const counter = $('#f-expected-count');
      const live = $('#f-expected-count + [aria-live=polite]');
      expect(counter.textContent).toBe('1,000 of 1,000 characters');
      expect(counter.classList.contains('over')).toBe(false);
      expect(live.textContent).toBe('');
      await type('#f-expected', 'x'.repeat(1012));
      expect(counter.textContent).toBe('1,012 of 1,000 characters: 12 too many');
      expect(counter.classList.contains('over')).toBe(true);
      expect(live.textContent).toBe('Too long: at most 1,000 characters.');
      await type('#f-expected', 'x'.repeat(1013));
      // Unchanged while still over: a screen reader is not told again at every key.
      expect(live.textContent).toBe('Too long: at most 1,000 characters.');
    });

    it('counts in Persian digits in Persian', async () => {
      const { $, type } = await mount('story', 'fa');
      await type('#f-body', 'ب'.repeat(5003));
      expect($('#f-body-count').textContent).toBe('۵٬۰۰۳ از ۵٬۰۰۰ نویسه: ۳ نویسه بیش از حد');
    });
  });

  describe('the stars', () => {
    async function press(el: RbForm, target: HTMLElement, key: string) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      await el.updateComplete;
    }

    it('choose with Home, End, the number keys (Latin and Persian) and the arrows, moving the one tab stop', async () => {
      const { el, root, $ } = await mount('review');
      const checked = () => root.querySelector<HTMLInputElement>('input[name=rating]:checked')?.value;
      const stop = () => [...root.querySelectorAll('input[name=rating]')].filter((r) => r.getAttribute('tabindex') === '0').map((r) => r.id);
      expect(stop()).toEqual(['r-1']);
      await press(el, $('#r-1'), 'End');
      expect(checked()).toBe('5');
      expect(root.activeElement?.id).toBe('r-5');
      expect(stop()).toEqual(['r-5']);
      await press(el, $('#r-5'), 'Home');
      expect(checked()).toBe('1');
      await press(el, $('#r-1'), '4');
      expect(checked()).toBe('4');
      await press(el, $('#r-4'), '۲');
      expect(checked()).toBe('2');
      await press(el, $('#r-2'), 'ArrowRight');
      expect(checked()).toBe('3');
      await press(el, $('#r-3'), 'ArrowLeft');
      expect(checked()).toBe('2');
      await press(el, $('#r-2'), '9');
      expect(checked()).toBe('2');
    });

    it('mirror the arrows right to left', async () => {
      const { el, root, $ } = await mount('review', 'fa');
      const checked = () => root.querySelector<HTMLInputElement>('input[name=rating]:checked')?.value;
      await press(el, $('#r-1'), '۳');
      await press(el, $('#r-3'), 'ArrowLeft');
      expect(checked()).toBe('4');
      await press(el, $('#r-4'), 'ArrowRight');
      expect(checked()).toBe('3');
      expect($('fieldset[role=radiogroup]').getAttribute('aria-required')).toBe('true');
    });
  });
});
