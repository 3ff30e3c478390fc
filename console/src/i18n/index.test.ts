import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../shared/site.ts';
import { en } from './en.ts';
import { fa } from './fa.ts';
import { messages, pickLang } from './index.ts';

describe('pickLang', () => {
  it('prefers ?lang=, then the stored choice, then the browser', () => {
    expect(pickLang('?lang=fa', 'en', ['en-US'])).toBe('fa');
    expect(pickLang('', 'fa', ['en-US'])).toBe('fa');
    expect(pickLang('', null, ['de-DE', 'fa-IR'])).toBe('fa');
  });

  it('falls back to English for languages it does not have', () => {
    expect(pickLang('?lang=xx', null, ['de'])).toBe('en');
  });
});

describe('locales', () => {
  it('gives Persian a right-to-left direction and English a left-to-right one', () => {
    expect(messages('fa').dir).toBe('rtl');
    expect(messages('en').dir).toBe('ltr');
  });

  it('translates every flag explanation (none left in English)', () => {
    for (const key of FLAGS) {
      expect(fa.flagWhy[key]).not.toBe(en.flagWhy[key]);
      expect(fa.flagWhy[key]).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
