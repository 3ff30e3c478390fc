import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';
import { reasonView } from './case-reason-view.ts';

describe('reasonView', () => {
  it.each([
    ['rating 2', 'en', 'Rated 2 of 5'],
    ['rating 2', 'fa', 'امتیاز ۲ از ۵'],
    ['complaint: delivery (late)', 'en', 'Complaint about: Delivery'],
    ['complaint: delivery (late)', 'fa', 'شکایت دربارهٔ: ارسال'],
    ['negative story', 'fa', 'تجربه‌ای با واژه‌های منفی'],
    ['opened by staff', 'fa', 'کارکنان باز کردند'],
  ] as const)('says "%s" in %s as "%s"', (sentence, lang, summary) => {
    expect(reasonView(sentence, lang === 'fa' ? fa : en, lang).summary).toBe(summary);
  });

  it('keeps the shopper’s words apart, untranslated', () => {
    expect(reasonView('complaint: delivery (late, دیر)', fa, 'fa').words).toEqual(['late', 'دیر']);
  });

  it('shows a sentence no rule wrote as it came', () => {
    expect(reasonView('imported', fa, 'fa')).toMatchObject({ summary: 'imported', raw: true });
  });
});
