import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../shared/format.ts';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { describeFieldError, errorsAt } from './field-errors.ts';

const words = { en: en.settings.fieldErrors, fa: fa.settings.fieldErrors };
const say = (lang: 'en' | 'fa', e: { path: string; code: string; message?: string; limit?: number; exclusive?: boolean }) =>
  describeFieldError({ message: '', ...e }, words[lang], (n) => formatNumber(n, lang), lang === 'en');

describe('describeFieldError', () => {
  it.each<[string, { path: string; code: string; limit?: number; exclusive?: boolean }, string, string]>([
    ['a number over its limit', { path: 'settings.responseTimeHours', code: 'too_big', limit: 8760 }, 'Enter 8,760 or less.', '۸٬۷۶۰ یا کمتر وارد کنید.'],
    ['a text over its limit', { path: 'settings.strings.fa.heading', code: 'too_big', limit: 500 }, 'Use at most 500 characters.', 'حداکثر ۵۰۰ نویسه بنویسید.'],
    ['a target that must be above zero', { path: 'settings.sla.byPriority.P1.planHours', code: 'too_small', limit: 0, exclusive: true }, 'Enter more than 0.', 'عددی بیشتر از ۰ وارد کنید.'],
    ['an empty list of tabs', { path: 'settings.kinds', code: 'too_small', limit: 1 }, 'Choose at least one.', 'دست‌کم یکی را انتخاب کنید.'],
    ['a bad colour', { path: 'settings.brandColor', code: 'invalid_format' }, 'Choose a colour, like #4f46e5.', 'یک رنگ انتخاب کنید، مثلاً #4f46e5.'],
    ['the missing Turnstile secret', { path: 'settings.turnstileSecretKey', code: 'turnstile_secret_required' }, 'Enter the secret key that belongs to this site key.', 'کلید محرمانهٔ مربوط به این کلید سایت را وارد کنید.'],
    ['a webhook on a private address', { path: 'url', code: 'private_address' }, en.settings.fieldErrors.privateAddress, fa.settings.fieldErrors.privateAddress],
  ])('says %s in both languages', (_name, e, inEnglish, inPersian) => {
    expect(say('en', e)).toBe(inEnglish);
    expect(say('fa', e)).toBe(inPersian);
  });

  it("adds the server's English words to an unknown code on the English page only", () => {
    const e = { path: 'settings.x', code: 'weird', message: 'is odd' };
    expect(say('en', e)).toBe('This value is not accepted. (is odd)');
    expect(say('fa', e)).toBe('این مقدار پذیرفته نیست.');
  });
});

describe('errorsAt', () => {
  it('finds the errors of exactly one field', () => {
    const errors = [
      { path: 'settings.kinds', code: 'too_small', message: '' },
      { path: 'settings.kinds.0', code: 'invalid_value', message: '' },
    ];
    expect(errorsAt(errors, 'settings.kinds')).toEqual([errors[0]]);
  });
});
